namespace Omm.Engine.OAuth
{
    /// <summary>How a provider's tokens are had (<see cref="OAuthOptionNames.Flow"/>).</summary>
    public enum OAuthFlow
    {
        /// <summary>The application logs in as itself (client credentials, a service account): one consent, every mailbox.</summary>
        App,

        /// <summary>One user signs in once in a browser (RFC 8628); the refresh token got then is kept as the secret.</summary>
        DeviceCode,
    }
}
