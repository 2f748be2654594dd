using System;
using System.Linq;
using System.Net;
using Omm.Engine.Accounts;
using Omm.Engine.Endpoints;
using Omm.Engine.State;

namespace Omm.Engine.OAuth
{
    /// <summary>How a recorded side that signs in by OAuth2 logs in again (Sync-OmmMigration, Remove-OmmMigratedItem).</summary>
    public static class OAuthSides
    {
        /// <summary>Whether the side signs in by OAuth2: as recorded, or because the command line now gives a token or an app.</summary>
        public static bool Applies(EndpointOptions recorded, SideDefaults given) =>
            recorded[OAuthOptionNames.Provider] != null || given.AccessToken != null || given.OAuth.Count > 0;

        /// <summary>
        /// The options and secret to sign in with: a token given now, else an app given now, else the recorded settings with
        /// the secret stored in the project, or none when the settings alone suffice (a certificate, a key file). Secret
        /// null: none can be had.
        /// </summary>
        public static (EndpointOptions Options, string? Secret) Login(EndpointOptions recorded, SideDefaults given, Func<string?> stored)
        {
            var others = recorded.Where(o => !o.Key.StartsWith(OAuthOptionNames.Provider, StringComparison.OrdinalIgnoreCase));
            var kept = EndpointOptions.From(others);
            if (given.AccessToken != null)
                return (kept.With(OAuthOptionNames.Provider, "Token"), given.AccessToken);
            if (given.OAuth.Count > 0)
                return (EndpointOptions.From(kept.Concat(given.OAuth)), given.OAuthSecret ?? string.Empty);
            var secret = stored();
            if (secret == null && (recorded[OAuthOptionNames.Certificate] != null || recorded[OAuthOptionNames.KeyFile] != null))
                secret = string.Empty;
            return (recorded, secret);
        }

        /// <summary>The recorded side's endpoint signing in as <see cref="Login"/> says; null when no secret can be had.</summary>
        public static AccountEndpoint? Endpoint(RecordedSide side, EndpointRole role, SideDefaults given, Func<string?> stored, bool skipCertificateCheck)
        {
            var (options, secret) = Login(side.Options, given, stored);
            if (secret == null)
                return null;
            var endpoint = side.Endpoint(role, new NetworkCredential(side.Account, secret), skipCertificateCheck);
            endpoint.Options = options;
            return endpoint;
        }

        /// <summary>
        /// What OAuth2 settings are, for output: "Microsoft365 App, client 1234, tenant contoso.com, secret sealed"; never
        /// a secret (a certificate thumbprint or key file path is named, being none).
        /// </summary>
        public static string Describe(EndpointOptions options, bool secretSealed)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            var parts = new System.Collections.Generic.List<string>
            {
                string.Join(" ", new[] { options[OAuthOptionNames.Provider], options[OAuthOptionNames.Flow] }.Where(p => !string.IsNullOrEmpty(p))),
            };
            if (options[OAuthOptionNames.ClientId] is string clientId)
                parts.Add($"client {clientId}");
            if (options[OAuthOptionNames.Tenant] is string tenant)
                parts.Add($"tenant {tenant}");
            if (options[OAuthOptionNames.Certificate] is string certificate)
                parts.Add($"certificate {certificate}");
            if (options[OAuthOptionNames.KeyFile] is string keyFile)
                parts.Add($"key file {keyFile}");
            if (secretSealed)
                parts.Add("secret sealed");
            return string.Join(", ", parts);
        }
    }
}
