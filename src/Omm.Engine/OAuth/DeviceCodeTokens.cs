namespace Omm.Engine.OAuth
{
    /// <summary>What a device code sign-in gives: an access token now, and the refresh token to keep as the side's secret.</summary>
    public sealed class DeviceCodeTokens
    {
        public DeviceCodeTokens(AccessToken accessToken, string? refreshToken)
        {
            AccessToken = accessToken;
            RefreshToken = refreshToken;
        }

        public AccessToken AccessToken { get; }

        /// <summary>A secret; null when the issuer gave none (offline_access not granted).</summary>
        public string? RefreshToken { get; }

        public override string ToString() => RefreshToken != null ? $"{AccessToken} and a refresh token" : AccessToken.ToString();
    }
}
