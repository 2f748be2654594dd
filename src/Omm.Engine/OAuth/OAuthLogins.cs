using System;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>Which sides log in by OAuth2, and the token source each of them logs in with.</summary>
    public static class OAuthLogins
    {
        /// <summary>Tests only: consulted first; a source it gives is used, null falls through to the endpoint's own options.</summary>
        internal static Func<AccountEndpoint, IAccessTokenSource?>? Override;

        /// <summary>
        /// The side's token source, or null when it logs in with a password (no <see cref="OAuthOptionNames.Provider"/>).
        /// Sources are kept process-wide (<see cref="OAuthTokenCache.Shared"/>), so the connections of a side share tokens.
        /// </summary>
        /// <exception cref="MigrationFailedException">The side's OAuth settings or secret are not usable (Authentication, naming the side and the setting).</exception>
        public static IAccessTokenSource? TokenSourceFor(AccountEndpoint endpoint)
        {
            if (Override?.Invoke(endpoint) is IAccessTokenSource injected)
                return injected;
            try
            {
                return OAuthTokenCache.Shared.SourceFor(endpoint);
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"The {endpoint.RoleName} {endpoint.Account} signs in by OAuth2, but its settings are not usable: {e.Message}", e);
            }
        }
    }
}
