using System;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// Finds the server of a side given without one (<see cref="AccountEndpoint.NeedsDiscovery"/>): an Exchange account by
    /// Autodiscover, an account hosted by OVH from its domain's records (MX Plan, Email Pro or Hosted Exchange). The side
    /// found keeps its login, password and options, and says how it was found (<see cref="FoundBy"/>, recorded with it).
    /// </summary>
    public static class EndpointDiscovery
    {
        /// <summary>The endpoint option that says how the server was found.</summary>
        public const string FoundBy = "FoundBy";

        /// <summary>The side with its server, or the side itself when it has one.</summary>
        /// <exception cref="Omm.Engine.Migrations.MigrationFailedException">Nothing was found; the message lists what was tried.</exception>
        public static async Task<AccountEndpoint> ResolveAsync(AccountEndpoint side, DiscoveryOptions options, CancellationToken cancellationToken)
        {
            if (!side.NeedsDiscovery)
                return side;
            var login = side.Credential.UserName;
            AccountEndpoint found;
            string how;
            try
            {
                if (side.Type == ServerType.Ovh)
                {
                    var product = await new OvhProducts(options).DetectAsync(login, side.Credential, cancellationToken).ConfigureAwait(false);
                    found = product.EwsUrl != null
                        ? AccountEndpoint.ForExchange(side.Role, product.EwsUrl, side.Credential, side.SkipCertificateCheck, side.Security)
                        : new AccountEndpoint(side.Role, ServerType.Imap, new ServerAddress(product.ImapHost!, product.ImapPort), ConnectionSecurity.Tls,
                            side.Credential, side.SkipCertificateCheck);
                    how = product.Explanation;
                }
                else
                {
                    var location = await new EwsAutodiscover(options).FindAsync(login, side.Credential, cancellationToken).ConfigureAwait(false);
                    found = AccountEndpoint.ForExchange(side.Role, location.EwsUrl, side.Credential, side.SkipCertificateCheck, side.Security);
                    how = $"Autodiscover ({location.FoundBy}) gave {location.EwsUrl}";
                }
            }
            catch (Exception e) when (e is AutodiscoverException || e is OvhDetectionException || e is DnsLookupException)
            {
                throw new Omm.Engine.Migrations.MigrationFailedException(Omm.Engine.Migrations.FailureKind.Connection,
                    $"No {side.RoleName} server was given for '{login}', and Omm could not find it: {e.Message} Give it with -{Side(side)}Server.", e);
            }

            found.Options = side.Options.With(FoundBy, how);
            found.StallTimeout = side.StallTimeout;
            return found;
        }

        private static string Side(AccountEndpoint side) => side.Role == EndpointRole.Source ? "Source" : "Destination";
    }
}
