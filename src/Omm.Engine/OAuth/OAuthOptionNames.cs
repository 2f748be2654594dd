namespace Omm.Engine.OAuth
{
    /// <summary>
    /// The <see cref="Endpoints.EndpointOptions"/> names that make a side log in by OAuth2, recorded with the migration
    /// (none of them is a secret). The secret part (an access token, a client secret, a service account's key, a refresh
    /// token) travels where a password does, in <see cref="Endpoints.AccountEndpoint.Credential"/>, so that it is sealed in
    /// a project and asked again by Sync like a password.
    /// </summary>
    public static class OAuthOptionNames
    {
        /// <summary>How tokens are had: <c>Token</c> (given as is), <c>Microsoft365</c>, <c>Google</c>.</summary>
        public const string Provider = "OAuth";

        /// <summary><c>App</c> (client credentials / service account: one consent, every mailbox) or <c>DeviceCode</c> (one user, interactively).</summary>
        public const string Flow = "OAuthFlow";

        public const string Tenant = "OAuthTenant";

        public const string ClientId = "OAuthClientId";

        /// <summary>The issuer's base URL when not the provider's own (tests, national clouds).</summary>
        public const string Authority = "OAuthAuthority";

        /// <summary>The scope asked when not the provider's default.</summary>
        public const string Scope = "OAuthScope";

        /// <summary>A certificate: a thumbprint (the user's or machine's store) or a .pfx/.pem path.</summary>
        public const string Certificate = "OAuthCertificate";

        /// <summary>A Google service account's JSON key file, by path.</summary>
        public const string KeyFile = "OAuthKeyFile";
    }
}
