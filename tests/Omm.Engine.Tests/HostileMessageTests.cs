using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Odd and hostile message content, IMAP to IMAP between real Dovecot servers: each message arrives with
/// the bytes the source server hands out (BODY[]), its flags and its date, or is an item error saying
/// why; a second pass adds nothing.
/// </summary>
public sealed class HostileMessageTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2021, 6, 15, 9, 30, 0, TimeSpan.FromHours(2));

    private readonly string directory = Directory.CreateTempSubdirectory("omm-hostile-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> OddMessages() => new(Odd.Keys.OrderBy(k => k, StringComparer.Ordinal));

    private static readonly Dictionary<string, byte[]> Odd = new(StringComparer.Ordinal)
    {
        ["bare line feeds"] = Encoding.ASCII.GetBytes(
            "From: a@example.org\nSubject: bare LF\nMessage-ID: <lf@omm.test>\n\nline one\nline two\r\nline three\rwith a bare CR\n"),
        ["NUL bytes"] = Encoding.ASCII.GetBytes(
            "From: a@example.org\r\nSubject: NUL\r\nX-Nul: a\0b\r\nMessage-ID: <nul@omm.test>\r\n\r\nbefore \0 after\r\n\0\0\0\r\n"),
        ["raw 8-bit headers"] = Concat(
            Encoding.Latin1.GetBytes("Subject: R\u00e9union d'\u00e9t\u00e9 (Latin-1)\r\nFrom: Zo\u00eb <zoe@example.org>\r\n"),
            Encoding.UTF8.GetBytes("To: J\u00fcrgen \u65e5\u672c <j@example.org>\r\nX-\u00dcberschrift: \u2713 raw UTF-8\r\nMessage-ID: <8bit@omm.test>\r\n\r\nCorps\r\n")),
        ["8-bit field name first"] = Encoding.UTF8.GetBytes("\u00dcbersicht: first line\r\nSubject: x\r\n\r\nbody\r\n"),
        ["no Message-ID"] = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: no id\r\nDate: Tue, 15 Jun 2021 09:30:00 +0200\r\n\r\nbody\r\n"),
        ["1 MB header line"] = Concat(
            Encoding.ASCII.GetBytes("From: a@example.org\r\nX-Long: "), Repeat((byte)'x', 1024 * 1024),
            Encoding.ASCII.GetBytes("\r\nSubject: long header\r\nMessage-ID: <long@omm.test>\r\n\r\nbody\r\n")),
        ["1 MB Subject"] = Concat(
            Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: "), Repeat((byte)'s', 1024 * 1024),
            Encoding.ASCII.GetBytes("\r\nMessage-ID: <subject@omm.test>\r\n\r\nbody\r\n")),
        ["headers only, no empty line"] = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: no body\r\nMessage-ID: <headers@omm.test>\r\n"),
        ["no header block"] = Encoding.ASCII.GetBytes("just a line of text, no header at all\r\nand another"),
    };

    [Theory]
    [MemberData(nameof(OddMessages))]
    public async Task An_odd_message_arrives_byte_for_byte_and_a_second_pass_adds_nothing(string name)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "odd", new[] { new SeedMessage("INBOX", Odd[name], new[] { "\\Seen", "\\Flagged" }, Received, name) });
        var (store, id, from, to) = Prepare(source, "odd", destination);
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {string.Join(" | ", observer.Problems.Select(p => p.Message))}");
        Assert.Empty(observer.Problems);
        SyncTests.AssertSameMail(source, "odd", destination);

        var second = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Empty(observer.Problems);
        Assert.Single(MailboxSnapshot.Read(destination, "odd").In("INBOX"));
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    [Fact]
    public async Task What_dovecot_hands_out_for_bare_line_feeds_and_nul_bytes_is_what_the_copy_holds()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "raw", new[]
        {
            new SeedMessage("INBOX", Odd["bare line feeds"], Array.Empty<string>(), Received, "LF"),
            new SeedMessage("INBOX", Odd["NUL bytes"], Array.Empty<string>(), Received.AddMinutes(1), "NUL"),
        });
        var (store, id, from, to) = Prepare(source, "raw", destination);

        await TestMigrations.RunPass(store, id, from, to);

        // Dovecot stores bare line feeds and NULs as they came, but hands out CRLF and 0x80 in BODY[] (IMAP
        // forbids NUL in a literal): those are the bytes any IMAP client, and so the migration, can read.
        var served = MailboxSnapshot.Read(source, "raw").In("INBOX");
        Assert.Equal(Encoding.ASCII.GetBytes(
            "From: a@example.org\r\nSubject: bare LF\r\nMessage-ID: <lf@omm.test>\r\n\r\nline one\r\nline two\r\nline three\rwith a bare CR\r\n"), served[0].Body);
        Assert.Equal(Odd["NUL bytes"].Select(b => b == 0 ? (byte)0x80 : b), served[1].Body);
        var copied = MailboxSnapshot.Read(destination, "raw").In("INBOX");
        Assert.Equal(served.Select(m => m.Body), copied.Select(m => m.Body));
    }

    [Fact]
    public async Task An_empty_message_is_an_item_error_that_says_so_and_the_rest_is_copied()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var neighbours = SyncTests.Messages("INBOX", 0, 2).ToList();
        TestMigrations.Seed(source, "void", neighbours);
        source.DeliverFile("void", "INBOX", Array.Empty<byte>(), Received);
        var served = MailboxSnapshot.Read(source, "void").In("INBOX");
        Assert.Equal(3, served.Count);
        Assert.Single(served, m => m.Body.Length == 0);
        var (store, id, from, to) = Prepare(source, "void", destination);
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.CompletedWithErrors, first.Migration.Status);
        var problem = Assert.Single(observer.Problems);
        Assert.Equal(ItemErrorType.Error, problem.Type);
        Assert.Contains("empty (0 bytes)", problem.Message, StringComparison.Ordinal);
        var copied = MailboxSnapshot.Read(destination, "void").In("INBOX");
        Assert.Equal(served.Where(m => m.Body.Length > 0).Select(m => m.Sha256), copied.Select(m => m.Sha256));

        var second = await TestMigrations.RunPass(store, id, from, to, new RecordingObserver());

        Assert.Equal(2, MailboxSnapshot.Read(destination, "void").In("INBOX").Count);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        Assert.Equal(MigrationStatus.CompletedWithErrors, second.Migration.Status);
    }

    /// <summary>
    /// Messages are identified by their Message-ID header, no longer by ENVELOPE (whose strings MailKit caps
    /// at 4 KB): odd Message-IDs must read the same both ways, or fingerprints recorded earlier would not match.
    /// </summary>
    [Fact]
    public async Task The_message_id_read_from_the_header_is_the_one_the_envelope_gave()
    {
        using var server = DovecotServer.Start();
        var ids = new[]
        {
            "<a@b>", "  <spaces@b>  ", "<c@b> (comment)", "bare@b", "<in side@c>", "\r\n <folded@b>", "<two@b> <ids@d>", "not an id",
            "<\u00e9t\u00e9@utf8>", "", "<>", "(c) <after-comment@b>", "<\"quoted x\"@b>", "<lit@[1.2.3.4]>", "<no-close@b", "=?utf-8?q?x?= <enc@b>",
        }.Select(id => Encoding.UTF8.GetBytes(id)).Append(Encoding.Latin1.GetBytes("<\u00e9l\u00e8ve@latin1>")).ToList();
        TestMigrations.Seed(server, "ids", ids.Select((id, i) => new SeedMessage("INBOX",
            Concat(Encoding.ASCII.GetBytes("Subject: id\r\nMessage-ID: "), id, Encoding.ASCII.GetBytes("\r\n\r\nbody\r\n")), Array.Empty<string>(), Received, "id " + i)));
        TestMigrations.Seed(server, "ids", new[] { new SeedMessage("INBOX", Odd["no Message-ID"], Array.Empty<string>(), Received, "none") });

        using var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync(server.Host, server.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync("ids", server.Password);
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var envelopes = await client.Inbox.FetchAsync(0, -1, new MailKit.FetchRequest(MailKit.MessageSummaryItems.UniqueId | MailKit.MessageSummaryItems.Envelope));
        var headers = await client.Inbox.FetchAsync(0, -1, Omm.Engine.Connectors.Imap.MessageIdentity.Request);

        Assert.Equal(ids.Count + 1, headers.Count);
        Assert.Equal(envelopes.Select(e => e.Envelope!.MessageId), headers.Select(Omm.Engine.Connectors.Imap.MessageIdentity.MessageId));
        Assert.Contains(headers, h => Omm.Engine.Connectors.Imap.MessageIdentity.MessageId(h) == "\u00e9l\u00e8ve@latin1");
        Assert.Null(Omm.Engine.Connectors.Imap.MessageIdentity.MessageId(headers[^1]));
        await client.DisconnectAsync(true);
    }

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(DovecotServer source, string user, DovecotServer destination)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        return (store, TestMigrations.Create(store, from, to).Id, from, to);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
