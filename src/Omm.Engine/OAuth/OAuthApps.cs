using System;
using System.IO;
using System.Net;
using System.Security;
using Omm.Engine.Endpoints;

namespace Omm.Engine.OAuth
{
    /// <summary>Turns the app an admin gives (-SourceOAuth) into <see cref="OAuthSettings"/>: a side's recorded options and its secret.</summary>
    public static class OAuthApps
    {
        /// <summary>The settings an app stands for (before any device code sign-in: no refresh token yet).</summary>
        /// <exception cref="ArgumentException">A setting the provider and flow need is missing or wrong, or two exclude each other.</exception>
        public static OAuthSettings Of(OAuthApp app)
        {
            var authority = Authority(app.Authority);
            var scope = Trimmed(app.Scope);
            var clientSecret = Plain(app.ClientSecret);
            try
            {
                if (app.Provider == OAuthProvider.Microsoft365)
                {
                    var clientId = Required(app.ClientId, "ClientId", "the application (client) id of the app registered in Microsoft Entra ID");
                    if (app.DeviceCode)
                        return OAuthSettings.ForMicrosoftDeviceCode(clientId, Trimmed(app.TenantId), null, authority, scope);
                    var tenant = Required(app.TenantId, "TenantId", "the tenant's id or its domain (contoso.onmicrosoft.com)");
                    var ways = (clientSecret != null ? 1 : 0) + (Trimmed(app.CertificateThumbprint) != null ? 1 : 0) + (Trimmed(app.CertificatePath) != null ? 1 : 0);
                    if (ways != 1)
                        throw new ArgumentException("A Microsoft 365 app signs in with one of CertificateThumbprint, CertificatePath or ClientSecret" +
                                                    (ways == 0 ? ": give one (a certificate is Microsoft's advice)." : ", not several."));
                    if (Trimmed(app.CertificateThumbprint) is string thumbprint)
                        return OAuthSettings.ForMicrosoftAppCertificate(tenant, clientId, thumbprint.Replace(" ", string.Empty), null, authority, scope);
                    if (Trimmed(app.CertificatePath) is string path)
                        return OAuthSettings.ForMicrosoftAppCertificate(tenant, clientId, ExistingFile(path, "certificate file"), Plain(app.CertificatePassword),
                            authority, scope);
                    return OAuthSettings.ForMicrosoftApp(tenant, clientId, clientSecret!, authority, scope);
                }

                if (app.DeviceCode)
                    return OAuthSettings.ForGoogleDeviceCode(Required(app.ClientId, "ClientId", "the OAuth client id of a Google Cloud project's TV and limited-input client"),
                        Required(clientSecret, "ClientSecret", "that client's secret (Google's device sign-in asks for it)"), null, authority, scope);
                var keyFile = ExistingFile(Required(app.ServiceAccountKeyFile, "ServiceAccountKeyFile",
                    "the JSON key of a service account with domain-wide delegation for https://mail.google.com/"), "service account's key file");
                return OAuthSettings.ForGoogleApp(File.ReadAllText(keyFile), keyFile, authority, scope);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }

        /// <summary>The options (<see cref="OAuthOptionNames"/>) and the secret (carried where a password is) of an app.</summary>
        /// <exception cref="ArgumentException">See <see cref="Of"/>.</exception>
        public static (EndpointOptions Options, string Secret) Settings(OAuthApp app)
        {
            var settings = Of(app);
            return (settings.ApplyTo(null), settings.Secret);
        }

        private static Uri? Authority(string? text)
        {
            if (Trimmed(text) is not string value)
                return null;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var authority) || !AccountEndpoint.IsWebUrl(authority))
                throw new ArgumentException($"The OAuth app's Authority '{text}' is not an https:// URL (e.g. https://login.microsoftonline.us).");
            return authority;
        }

        private static string ExistingFile(string path, string what)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new ArgumentException($"The OAuth app's {what} '{full}' does not exist.");
            return full;
        }

        private static string Required(string? value, string name, string what) =>
            Trimmed(value) ?? throw new ArgumentException($"The OAuth app needs {name}: {what}.");

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
