using System.Collections.Generic;
using System.Threading;
using Omm.Engine.Connectors.Ews.Discovery;
using Omm.Engine.Endpoints;

namespace Omm.PowerShell.Internal
{
    /// <summary>Finds the server of a side given without one, on the pipeline thread, and says how for -Verbose.</summary>
    internal static class ServerDiscovery
    {
        /// <param name="steps">Gets each step discovery took, to be written as verbose messages on the pipeline thread.</param>
        /// <exception cref="Omm.Engine.Migrations.MigrationFailedException">Nothing was found.</exception>
        public static AccountEndpoint Resolve(AccountEndpoint side, List<string> steps, CancellationToken cancellationToken)
        {
            if (!side.NeedsDiscovery)
                return side;
            var options = new DiscoveryOptions
            {
                Log = line =>
                {
                    lock (steps)
                        steps.Add(line);
                },
            };
            var found = EndpointDiscovery.ResolveAsync(side, options, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
            steps.Add($"The {side.RoleName} server of {side.Account}: {found.Type} {found.Server}, from {found.Options[EndpointDiscovery.FoundBy]}.");
            return found;
        }
    }
}
