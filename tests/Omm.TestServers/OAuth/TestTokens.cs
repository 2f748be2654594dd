using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Omm.TestServers.OAuth;

/// <summary>
/// The bearer tokens a test issuer handed out, for whom and until when: the token endpoint of the tests issues them,
/// the introspection endpoint Dovecot calls reads them. Thread-safe.
/// </summary>
public sealed class TestTokens
{
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset ExpiresAt)> issued = new(StringComparer.Ordinal);

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>How long tokens issued from now on live.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public int IssuedCount => issued.Count;

    /// <summary>Every token issued so far, for tests that look for them where they must not be.</summary>
    public IReadOnlyCollection<string> All => issued.Keys.ToList();

    /// <summary>A new opaque token for <paramref name="user"/>, good for <see cref="Lifetime"/>.</summary>
    public string Issue(string user)
    {
        var token = "tok-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        issued[token] = (user, Time.GetUtcNow() + Lifetime);
        return token;
    }

    public DateTimeOffset ExpiresAt(string token) => issued[token].ExpiresAt;

    /// <summary>The user a token is good for now; null when unknown, expired or revoked.</summary>
    public string? UserOf(string token) =>
        issued.TryGetValue(token, out var entry) && entry.ExpiresAt > Time.GetUtcNow() ? entry.User : null;

    public void Revoke(string token) => issued.TryRemove(token, out _);

    /// <summary>Makes every token issued so far expire now.</summary>
    public void ExpireAll()
    {
        foreach (var token in issued.Keys)
            issued[token] = (issued[token].User, Time.GetUtcNow().AddSeconds(-1));
    }
}
