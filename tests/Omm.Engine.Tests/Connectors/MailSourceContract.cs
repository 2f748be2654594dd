using System.Security.Cryptography;
using Omm.Engine.Connectors;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// What every <see cref="IMailSource"/> must do, as <c>MailSourcePass</c> relies on it: run against each kind (Dovecot's POP3
/// service, files, and the in-memory source the pass tests use, which the real ones keep honest).
/// </summary>
public abstract class MailSourceContract
{
    /// <summary>A new session on the same source (each test opens several).</summary>
    private protected abstract IMailSource Open();

    /// <summary>The SHA-256 of each message as the source must hand it out (what was put in, with CRLF line ends); null when it rebuilds them.</summary>
    private protected abstract IReadOnlyList<string>? Expected { get; }

    [Fact]
    public async Task Every_message_is_listed_once_with_a_key_of_its_own_and_read_with_crlf_line_ends_only()
    {
        var listing = await ReadAllAsync();

        Assert.NotEmpty(listing);
        foreach (var folder in listing)
        {
            Assert.Equal(folder.Count, folder.Messages.Count);
            Assert.Equal(folder.Messages.Count, folder.Messages.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count());
            Assert.All(folder.Messages, m => Assert.DoesNotContain(BareLineFeeds(m.Bytes), _ => true));
        }

        if (Expected != null)
            Assert.Equal(Expected.Order(), listing.SelectMany(f => f.Messages).Select(m => Sha(m.Bytes)).Order());
    }

    [Fact]
    public async Task The_next_session_gives_every_message_the_same_key_and_bytes()
    {
        var first = await ReadAllAsync();
        var second = await ReadAllAsync();

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public async Task A_message_read_twice_in_a_session_gives_the_same_bytes()
    {
        using var source = Open();
        var folder = (await source.OpenAsync(CancellationToken.None)).First(f => f.Count > 0);
        var message = folder.Messages().First();

        var once = await ReadAsync(message);
        var twice = await ReadAsync(message);

        Assert.Equal(Sha(once), Sha(twice));
    }

    private async Task<List<(string Path, long Count, List<(string Key, byte[] Bytes)> Messages)>> ReadAllAsync()
    {
        using var source = Open();
        var listing = new List<(string, long, List<(string, byte[])>)>();
        foreach (var folder in await source.OpenAsync(CancellationToken.None))
        {
            var messages = new List<(string, byte[])>();
            foreach (var message in folder.Messages())
                messages.Add((message.Key, await ReadAsync(message)));
            listing.Add((folder.Path, folder.Count, messages));
        }

        return listing;
    }

    private static async Task<byte[]> ReadAsync(SourceMessage message)
    {
        using var bytes = new MemoryStream();
        await message.ReadAsync(bytes, CancellationToken.None);
        return bytes.ToArray();
    }

    private static IEnumerable<string> Describe(List<(string Path, long Count, List<(string Key, byte[] Bytes)> Messages)> listing) =>
        listing.SelectMany(f => f.Messages.Select(m => $"{f.Path} {m.Key} {Sha(m.Bytes)}")).Order(StringComparer.Ordinal);

    private static IEnumerable<int> BareLineFeeds(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'));

    private protected static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
