using System.Collections.Concurrent;
using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;
using Omm.TestServers.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>
/// A token source as a real one behaves: it mints tokens from the test issuer and hands out the same one until it
/// expires (by the issuer's clock), a new one when asked to refresh. Counts what it was asked.
/// </summary>
internal sealed class MintingTokenSource : IAccessTokenSource
{
    private readonly TestTokens tokens;
    private readonly object gate = new();
    private AccessToken? cached;
    private int asked;
    private int refreshes;

    public MintingTokenSource(TestTokens tokens, string account)
    {
        this.tokens = tokens;
        Account = account;
    }

    public string Account { get; }

    public bool CanRefresh { get; init; } = true;

    /// <summary>The user new tokens are for (another than <see cref="Account"/> makes the server refuse them).</summary>
    public string? MintFor { get; set; }

    public int Asked => Volatile.Read(ref asked);

    public int Refreshes => Volatile.Read(ref refreshes);

    /// <summary>Makes <paramref name="token"/> the cached one, as if it had been had earlier and still looked good.</summary>
    public void Cache(string token) => cached = new AccessToken(token, tokens.Time.GetUtcNow().AddHours(1));

    public Task<AccessToken> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            asked++;
            if (refresh)
                refreshes++;
            if (refresh || cached == null || cached.ExpiresAt <= tokens.Time.GetUtcNow())
            {
                var value = tokens.Issue(MintFor ?? Account);
                cached = new AccessToken(value, tokens.ExpiresAt(value));
                return Task.FromResult(cached);
            }

            return Task.FromResult(cached.AsCached());
        }
    }
}

/// <summary>
/// Lets a test side log in with a source of its own: <see cref="OAuthLogins.Override"/> answers for endpoints whose options
/// carry a key registered here, and null (the endpoint's own options) for every other, so tests in parallel are not touched.
/// </summary>
internal static class TestLogins
{
    private const string Provider = "Test";
    private static readonly ConcurrentDictionary<string, IAccessTokenSource> Sources = new(StringComparer.Ordinal);

    static TestLogins()
    {
        OAuthLogins.Override = endpoint =>
            endpoint.Options[OAuthOptionNames.Provider] == Provider && endpoint.Options[OAuthOptionNames.ClientId] is string key
                && Sources.TryGetValue(key, out var source) ? source : null;
    }

    public static EndpointOptions Options(IAccessTokenSource source)
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        Sources[key] = source;
        return EndpointOptions.None.With(OAuthOptionNames.Provider, Provider).With(OAuthOptionNames.ClientId, key);
    }
}
