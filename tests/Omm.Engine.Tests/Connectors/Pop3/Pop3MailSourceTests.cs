using MailKit;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Folders;
using Omm.TestServers;
using static Omm.Engine.Tests.Connectors.Pop3.Pop3Accounts;

namespace Omm.Engine.Tests.Connectors.Pop3;

/// <summary>A real Dovecot POP3 service read through <see cref="Pop3MailSource"/>: keys, bytes, dates, flags, and nothing deleted.</summary>
public sealed class Pop3MailSourceTests : IDisposable
{
    private readonly DovecotServer server = DovecotServer.Start(new DovecotOptions { Pop3 = true });

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task Lists_one_inbox_whose_keys_are_the_servers_UIDLs()
    {
        var uidls = Seed(server, "ann", Simple("a@x", "one"), Simple("b@x", "two"), Simple("c@x", "three"));

        using var source = new Pop3MailSource(Endpoint(server, "ann"));
        var (folder, messages) = await OpenAsync(source);

        Assert.Equal("INBOX", folder.Path);
        Assert.Equal(FolderRole.Inbox, folder.Role);
        Assert.Equal(3, folder.Count);
        Assert.Equal(uidls, messages.Select(m => m.Key));
        Assert.Equal($"message 2 (UIDL {uidls[1]})", messages[1].Locator);
        Assert.All(messages, m => Assert.Null(m.InternalDate));
    }

    [Fact]
    public async Task An_empty_mailbox_is_one_empty_inbox()
    {
        using (var imap = RawImapClient.Connect(server, "empty"))
            imap.Logout();

        using var source = new Pop3MailSource(Endpoint(server, "empty"));
        var (folder, messages) = await OpenAsync(source);

        Assert.Equal(0, folder.Count);
        Assert.Empty(messages);
    }

    [Fact]
    public async Task Reads_every_message_byte_for_byte_dot_lines_included()
    {
        var dotted = Message(new[] { "From: a@example.org", "Subject: dots", "Message-ID: <dots@x>" },
            ".", "..", ".leading dot", "...three", "middle . dot", ". space after", "last");
        var seeded = SampleMailbox.Fixtures().Select(f => LineEnds.Crlf(f.Bytes)).Append(dotted)
            .Append(SampleMailbox.Generate(7, "large", 3_000_000)).ToArray();
        Seed(server, "bea", seeded);

        using var source = new Pop3MailSource(Endpoint(server, "bea"));
        var (_, messages) = await OpenAsync(source);

        Assert.Equal(seeded.Length, messages.Count);
        for (var i = 0; i < seeded.Length; i++)
        {
            var (bytes, reading) = await ReadAsync(messages[i]);
            var expected = EndingInCrlf(seeded[i]);
            Assert.True(expected.AsSpan().SequenceEqual(bytes), $"message {i + 1}: {bytes.Length} bytes read, {expected.Length} expected");
            Assert.Empty(reading.LeftOut);
        }
    }

    /// <summary>
    /// What POP3 can carry: a multi-line response ends with CRLF "." CRLF, so a message that does not end with a
    /// line end (two fixtures) comes with one, as from any POP3 server; no other byte changes.
    /// </summary>
    private static byte[] EndingInCrlf(byte[] message) =>
        message.AsSpan().EndsWith("\r\n"u8) ? message : message.Concat("\r\n"u8.ToArray()).ToArray();

    [Fact]
    public async Task Dates_come_from_the_newest_readable_Received_header_else_Date_else_none()
    {
        var received = Message(new[]
        {
            "Received: from relay by mx (Postfix); garbage, not a date",
            "Received: from relay.example.org by mx.example.net; Wed, 4 Mar 2020 08:09:10 +0200",
            "Received: from origin by relay.example.org; Wed, 4 Mar 2020 06:00:00 +0000",
            "Received: no semicolon at all",
            "Date: Tue, 3 Mar 2020 10:00:00 +0100",
            "Subject: received",
        }, "body");
        var dated = Simple("dated@x", "dated", "Tue, 3 Mar 2020 10:00:00 +0100");
        var undated = Message(new[] { "Received: by mx; someday", "Date: not a date either", "Subject: undated" }, "body");
        Seed(server, "cy", received, dated, undated);

        using var source = new Pop3MailSource(Endpoint(server, "cy"));
        var (_, messages) = await OpenAsync(source);
        var dates = new List<DateTimeOffset?>();
        foreach (var message in messages)
            dates.Add((await ReadAsync(message)).Reading.InternalDate);

        Assert.Equal(new DateTimeOffset(2020, 3, 4, 8, 9, 10, TimeSpan.FromHours(2)), dates[0]);
        Assert.Equal(TimeSpan.FromHours(2), dates[0]!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2020, 3, 3, 10, 0, 0, TimeSpan.FromHours(1)), dates[1]);
        Assert.Null(dates[2]);
    }

    [Theory]
    [InlineData(true, MessageFlags.Seen)]
    [InlineData(false, MessageFlags.None)]
    public async Task Copies_are_marked_read_or_not_as_asked(bool markAsRead, MessageFlags expected)
    {
        Seed(server, "dan", Simple("a@x", "one"), Simple("b@x", "two"));

        using var source = new Pop3MailSource(Endpoint(server, "dan"), markAsRead);
        var (_, messages) = await OpenAsync(source);

        Assert.Equal(new[] { expected, expected }, messages.Select(m => m.Flags));
    }

    [Fact]
    public async Task Nothing_is_deleted_a_second_session_sees_every_message()
    {
        var uidls = Seed(server, "eve", Simple("a@x", "one"), Simple("b@x", "two"), Simple("c@x", "three"));
        using var proxy = Pop3Proxy.Start(server);
        var endpoint = Endpoint(proxy.Address, "eve", server.Password);

        using (var first = new Pop3MailSource(endpoint))
        {
            foreach (var message in (await OpenAsync(first)).Messages)
                await ReadAsync(message);
        }

        using var second = new Pop3MailSource(endpoint);
        var (folder, messages) = await OpenAsync(second);

        Assert.Equal(3, folder.Count);
        Assert.Equal(uidls, messages.Select(m => m.Key));
        Assert.Equal(3, MailboxSnapshot.Read(server, "eve").In("INBOX").Count);
        var commands = proxy.Commands();
        Assert.DoesNotContain(commands, c => c.StartsWith("DELE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, commands.Count(c => c.StartsWith("RETR", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, commands.Count(c => c.Equals("QUIT", StringComparison.OrdinalIgnoreCase))); // the first session's, on Dispose
    }

    [Fact]
    public async Task Without_UIDL_keys_are_fingerprints_stable_across_sessions_and_distinct_for_duplicates()
    {
        var twin = Simple("twin@x", "twin");
        var seeded = new[] { Simple("a@x", "one"), twin, Simple("b@x", "two"), twin, Simple(null, "no id", null), twin };
        Seed(server, "fay", seeded);
        using var proxy = Pop3Proxy.Start(server, hideUidl: true);
        var endpoint = Endpoint(proxy.Address, "fay", server.Password);

        List<string> keys;
        using (var first = new Pop3MailSource(endpoint))
        {
            var (_, messages) = await OpenAsync(first);
            keys = messages.Select(m => m.Key).ToList();
            var bytes = (await ReadAsync(messages[3])).Bytes;
            Assert.True(seeded[3].AsSpan().SequenceEqual(bytes));
        }

        using var second = new Pop3MailSource(endpoint);
        var again = (await OpenAsync(second)).Messages.Select(m => m.Key).ToList();

        Assert.Equal(keys, again);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.StartsWith(Pop3Keys.FingerprintPrefix, k, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Contains(' ', k));
        Assert.Equal(keys[1] + " #2", keys[3]);
        Assert.Equal(keys[1] + " #3", keys[5]);
        Assert.Equal(2 * seeded.Length, proxy.Commands().Count(c => c.StartsWith("TOP ", StringComparison.OrdinalIgnoreCase) && c.EndsWith(" 0", StringComparison.Ordinal)));
    }
}
