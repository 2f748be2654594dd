using System;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>An Exchange side's options, as recorded with its migration.</summary>
    public static class EwsOptions
    {
        /// <summary>Auto (the default), Basic, Ntlm or Negotiate: see <see cref="EwsAuthentication"/>.</summary>
        public const string Authentication = "Authentication";

        /// <summary>The options with that way of logging in (Auto, the default, is not written down).</summary>
        public static EndpointOptions With(EndpointOptions options, EwsAuthentication authentication) =>
            options.With(Authentication, authentication == EwsAuthentication.Auto ? null : authentication.ToString());

        /// <exception cref="MigrationFailedException">The option holds something else.</exception>
        public static EwsAuthentication AuthenticationOf(AccountEndpoint endpoint)
        {
            var value = endpoint.Options[Authentication]?.Trim();
            if (string.IsNullOrEmpty(value))
                return EwsAuthentication.Auto;
            foreach (EwsAuthentication known in Enum.GetValues(typeof(EwsAuthentication)))
            {
                if (string.Equals(known.ToString(), value, StringComparison.OrdinalIgnoreCase))
                    return known;
            }

            throw new MigrationFailedException(FailureKind.Unsupported,
                $"The {endpoint.RoleName} Exchange side's {Authentication} option is '{value}': give Auto, Basic, Ntlm or Negotiate.");
        }
    }
}
