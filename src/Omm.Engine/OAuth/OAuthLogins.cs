using Omm.Engine.Endpoints;

namespace Omm.Engine.OAuth
{
    /// <summary>Where connections get the tokens of a side that logs in by OAuth2.</summary>
    public static class OAuthLogins
    {
        /// <summary>
        /// The side's token source, or null when it logs in with a password (no <see cref="OAuthOptionNames.Provider"/>).
        /// Sources are kept process-wide (<see cref="OAuthTokenCache.Shared"/>), so the connections of a side share tokens.
        /// </summary>
        /// <exception cref="System.ArgumentException">An OAuth option is missing or wrong: the message names it.</exception>
        /// <exception cref="System.FormatException">The secret is not what the provider needs.</exception>
        public static IAccessTokenSource? TokenSourceFor(AccountEndpoint endpoint) => OAuthTokenCache.Shared.SourceFor(endpoint);
    }
}
