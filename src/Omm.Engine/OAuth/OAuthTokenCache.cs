using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Omm.Engine.Endpoints;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// One token source per (issuer, client, account, scope, secret): every connection of a side, and every migration
    /// of the process logging in the same way, shares the tokens got. <see cref="Shared"/> is the process's.
    /// </summary>
    public sealed class OAuthTokenCache
    {
        private readonly ConcurrentDictionary<string, IssuedTokenSource> sources = new ConcurrentDictionary<string, IssuedTokenSource>(StringComparer.Ordinal);
        private readonly TokenEndpointClient client;

        public OAuthTokenCache(TimeProvider time)
            : this(time, TokenEndpointClient.Shared)
        {
        }

        /// <summary>A cache whose token requests go through <paramref name="http"/>.</summary>
        public OAuthTokenCache(TimeProvider time, HttpClient http)
            : this(time, new TokenEndpointClient(http))
        {
        }

        private OAuthTokenCache(TimeProvider time, TokenEndpointClient client)
        {
            Time = time ?? throw new ArgumentNullException(nameof(time));
            this.client = client;
        }

        public static OAuthTokenCache Shared { get; } = new OAuthTokenCache(TimeProvider.System);

        public TimeProvider Time { get; }

        internal TokenEndpointClient Client => client;

        /// <summary>The side's token source, or null when it does not log in by OAuth2 (no <see cref="OAuthOptionNames.Provider"/>).</summary>
        /// <exception cref="ArgumentException">An OAuth option is missing or wrong.</exception>
        /// <exception cref="FormatException">The secret is not what the provider needs.</exception>
        public IAccessTokenSource? SourceFor(AccountEndpoint endpoint)
        {
            var settings = OAuthSettings.For(endpoint);
            return settings == null ? null : SourceFor(settings);
        }

        /// <summary>The token source of settings naming their account.</summary>
        public IAccessTokenSource SourceFor(OAuthSettings settings)
        {
            if (settings == null)
                throw new ArgumentNullException(nameof(settings));
            if (settings.Account == null)
                throw new ArgumentException("The OAuth settings name no account.", nameof(settings));
            if (settings.Provider == TokenOrigin.Token)
                return new GivenTokenSource(settings.Account, settings.AccessToken!);
            return sources.GetOrAdd(KeyOf(settings), _ => new IssuedTokenSource(settings, client, Time));
        }

        /// <summary>
        /// Keeps the tokens a device code sign-in gave for the side of <paramref name="settings"/> (its account named, its
        /// refresh token that of <paramref name="tokens"/>), so that the first connection needs no other request.
        /// </summary>
        public void Remember(OAuthSettings settings, DeviceCodeTokens tokens)
        {
            if (settings == null)
                throw new ArgumentNullException(nameof(settings));
            if (tokens == null)
                throw new ArgumentNullException(nameof(tokens));
            var kept = tokens.RefreshToken != null ? settings.WithRefreshToken(tokens.RefreshToken) : settings;
            if (SourceFor(kept) is IssuedTokenSource source)
                source.Remember(tokens.AccessToken, tokens.RefreshToken);
        }

        /// <summary>Forgets every token got (tests; a changed secret is another key anyway).</summary>
        public void Clear() => sources.Clear();

        private static string KeyOf(OAuthSettings settings) => string.Join(
            "\n",
            settings.Provider,
            settings.Flow,
            settings.TokenUrl!.AbsoluteUri,
            settings.ClientId ?? string.Empty,
            settings.Account!.ToLowerInvariant(),
            settings.Scope,
            settings.SecretHash);
    }
}
