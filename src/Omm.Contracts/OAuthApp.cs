using System.Security;

namespace Omm
{
    /// <summary>
    /// The application a side signs in through by OAuth2, given to -SourceOAuth or -DestinationOAuth, usually as a
    /// hashtable: <c>@{ Provider = 'Microsoft365'; TenantId = '...'; ClientId = '...'; CertificateThumbprint = '...' }</c>.
    /// One app signs in to every mailbox of a tenant or domain (Microsoft 365 client credentials with a certificate or
    /// secret; a Google service account with domain-wide delegation), or, with <see cref="DeviceCode"/>, one user signs in
    /// from a console.
    /// </summary>
    public sealed class OAuthApp
    {
        /// <summary>Who issues the tokens: Microsoft365 or Google.</summary>
        public OAuthProvider Provider { get; set; }

        /// <summary>Microsoft 365: the tenant (directory) id or its domain (contoso.onmicrosoft.com).</summary>
        public string? TenantId { get; set; }

        /// <summary>The application (client) id; Google with <see cref="DeviceCode"/>: the OAuth client id.</summary>
        public string? ClientId { get; set; }

        /// <summary>Microsoft 365: the client secret, instead of a certificate. Google with <see cref="DeviceCode"/>: the OAuth client's secret.</summary>
        public SecureString? ClientSecret { get; set; }

        /// <summary>Microsoft 365: the thumbprint of the app's certificate in the user's or the machine's certificate store (Windows).</summary>
        public string? CertificateThumbprint { get; set; }

        /// <summary>Microsoft 365: the app's certificate with its private key as a .pfx (or .p12) file.</summary>
        public string? CertificatePath { get; set; }

        /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Google: the service account's JSON key file (domain-wide delegation with the https://mail.google.com/ scope).</summary>
        public string? ServiceAccountKeyFile { get; set; }

        /// <summary>One user signs in interactively: a code to enter at the provider's page is shown when the migration is created.</summary>
        public bool DeviceCode { get; set; }

        /// <summary>The issuer's base URL when not the provider's own (national clouds: https://login.microsoftonline.us).</summary>
        public string? Authority { get; set; }

        /// <summary>The scope asked when not the provider's default.</summary>
        public string? Scope { get; set; }

        /// <summary>What it is, without any secret.</summary>
        public override string ToString() =>
            $"{Provider} {(DeviceCode ? "sign-in" : "app")} {ClientId ?? ServiceAccountKeyFile}{(TenantId != null ? $" (tenant {TenantId})" : string.Empty)}";
    }
}
