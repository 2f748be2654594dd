using System;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>Which sides log in by OAuth2, and the token source each of them logs in with.</summary>
    public static class OAuthLogins
    {
        /// <summary>
        /// Tests only: consulted first; a source it gives is used, null falls through to the endpoint's own options.
        /// </summary>
        internal static Func<AccountEndpoint, IAccessTokenSource?>? Override;

        /// <summary>
        /// The token source of a side that logs in by OAuth2 (<see cref="OAuthOptionNames.Provider"/> set), or null for a
        /// password login. With <c>Token</c>, the secret of the side's credential is the access token itself.
        /// </summary>
        /// <exception cref="MigrationFailedException">The side names a provider this build cannot get tokens from, or gives no token.</exception>
        public static IAccessTokenSource? TokenSourceFor(AccountEndpoint endpoint)
        {
            if (Override?.Invoke(endpoint) is IAccessTokenSource injected)
                return injected;
            var provider = endpoint.Options[OAuthOptionNames.Provider];
            if (provider == null)
                return null;
            if (!string.Equals(provider, "Token", StringComparison.OrdinalIgnoreCase))
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"The {endpoint.RoleName} side logs in by OAuth2 with '{provider}', which Omm cannot get tokens from here; give the access token itself (OAuth Token).");
            if (string.IsNullOrEmpty(endpoint.Credential.Password))
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"The {endpoint.RoleName} side logs in with an access token, but none was given for '{endpoint.Account}'.");
            return new GivenAccessToken(endpoint.Account, endpoint.Credential.Password);
        }
    }
}
