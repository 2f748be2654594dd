using System;
using System.IO;
using System.Net;
using Omm.Engine.Endpoints;

namespace Omm.Engine.OAuth
{
    /// <summary>Turns the app an admin gives (-SourceOAuth) into a side's recorded options and its secret.</summary>
    public static class OAuthApps
    {
        /// <summary>The options (<see cref="OAuthOptionNames"/>) and the secret (carried where a password is) of an app.</summary>
        /// <exception cref="ArgumentException">A setting the provider and flow need is missing, or two exclude each other.</exception>
        public static (EndpointOptions Options, string Secret) Settings(OAuthApp app)
        {
            var options = EndpointOptions.None
                .With(OAuthOptionNames.Provider, app.Provider.ToString())
                .With(OAuthOptionNames.Flow, app.DeviceCode ? "DeviceCode" : "App")
                .With(OAuthOptionNames.Authority, Trimmed(app.Authority))
                .With(OAuthOptionNames.Scope, Trimmed(app.Scope));
            var clientSecret = Plain(app.ClientSecret);
            if (app.Authority != null && !(Uri.TryCreate(app.Authority.Trim(), UriKind.Absolute, out var authority) && AccountEndpoint.IsWebUrl(authority)))
                throw new ArgumentException($"The OAuth app's Authority '{app.Authority}' is not an https:// URL (e.g. https://login.microsoftonline.us).");

            if (app.Provider == OAuthProvider.Microsoft365)
            {
                options = options.With(OAuthOptionNames.ClientId, Required(app.ClientId, "ClientId", "the application (client) id of the app registered in Microsoft Entra ID"))
                    .With(OAuthOptionNames.Tenant, app.DeviceCode ? Trimmed(app.TenantId) ?? "organizations" : Required(app.TenantId, "TenantId", "the tenant's id or its domain (contoso.onmicrosoft.com)"));
                if (app.DeviceCode)
                    return (options, string.Empty);
                var ways = (clientSecret != null ? 1 : 0) + (Trimmed(app.CertificateThumbprint) != null ? 1 : 0) + (Trimmed(app.CertificatePath) != null ? 1 : 0);
                if (ways != 1)
                    throw new ArgumentException("A Microsoft 365 app signs in with one of CertificateThumbprint, CertificatePath or ClientSecret" +
                                                (ways == 0 ? ": give one (a certificate is Microsoft's advice)." : ", not several."));
                if (Trimmed(app.CertificateThumbprint) is string thumbprint)
                    return (options.With(OAuthOptionNames.Certificate, thumbprint.Replace(" ", string.Empty)), string.Empty);
                if (Trimmed(app.CertificatePath) is string path)
                {
                    var full = Path.GetFullPath(path);
                    if (!File.Exists(full))
                        throw new ArgumentException($"The OAuth app's certificate file '{full}' does not exist.");
                    return (options.With(OAuthOptionNames.Certificate, full), Plain(app.CertificatePassword) ?? string.Empty);
                }

                return (options, clientSecret!);
            }

            if (app.DeviceCode)
            {
                options = options.With(OAuthOptionNames.ClientId, Required(app.ClientId, "ClientId", "the OAuth client id of a Google Cloud project's desktop or TV client"));
                return (options, Required(clientSecret, "ClientSecret", "that client's secret (Google's device sign-in asks for it)"));
            }

            var keyFile = Path.GetFullPath(Required(app.ServiceAccountKeyFile, "ServiceAccountKeyFile",
                "the JSON key of a service account with domain-wide delegation for https://mail.google.com/"));
            if (!File.Exists(keyFile))
                throw new ArgumentException($"The service account's key file '{keyFile}' does not exist.");
            return (options.With(OAuthOptionNames.KeyFile, keyFile), File.ReadAllText(keyFile));
        }

        private static string Required(string? value, string name, string what) =>
            Trimmed(value) ?? throw new ArgumentException($"The OAuth app needs {name}: {what}.");

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string? Plain(System.Security.SecureString? secure) =>
            secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
