using System.Net;
using System.Security.Cryptography;
using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// A message that can never get through (a 25 MB message through a link that breaks every 1.25-3.75 MB; a
/// message the server refuses "for the moment" every time) is an item error once it failed alone four
/// attempts in a row, and the rest of the mailbox is copied; a later Sync copies it. A link that breaks on
/// every message still fails the pass. Real Dovecot servers, a test proxy in front of one side.
/// </summary>
public sealed class PoisonMessageTests : IDisposable
{
    private const string User = "pia";
    private const int BigBytes = 25 * 1024 * 1024;
    private const string BigSubject = "Too big for this link";
    private static readonly string BigMegabytes = (Big().Bytes.Length / 1048576.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " MB";
    private const string LaterSync = "; it was not copied. A later Sync-OmmMigration tries it again.";

    private readonly string directory = Directory.CreateTempSubdirectory("omm-poison-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Destination)]
    [InlineData(EndpointRole.Source)]
    public async Task A_message_that_breaks_every_connection_is_an_item_error_the_rest_is_copied_once_and_a_later_sync_copies_it(EndpointRole side)
    {
        var mailbox = Mailbox().ToList();
        using var scene = new ProxiedMigration<FaultProxy>(side, directory, User, mailbox, FaultProxy.Start);
        CutEveryConnection(scene.Proxy, side);
        var observer = new RecordingObserver();

        var cut = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer);

        Assert.True(cut.Migration.Status == MigrationStatus.CompletedWithErrors, $"{cut.Migration.Status}: {cut.Migration.FailureReason}");
        var error = Assert.Single(cut.Migration.Errors);
        Assert.Equal((ItemErrorType.Error, "INBOX", $"{BigSubject} (UID 7)"), (error.Type, error.Folder, error.ItemName));
        Assert.Equal($"The connection to the {Side(side)} broke 4 times while this {BigMegabytes} message was {(side == EndpointRole.Source ? "read" : "appended")}{LaterSync}",
            error.Message);
        Assert.Equal(error.Message, Assert.Single(observer.Problems).Message);
        Assert.True(scene.Proxy.Cuts >= 4, $"only {scene.Proxy.Cuts} cuts");
        SyncTests.AssertSameMail(scene.Source, User, scene.Destination, leftOut: IsBig);
        var mail = Assert.Single(cut.Migration.Progress);
        Assert.Equal((mailbox.Count - 1L, 1L), (mail.Migrated, mail.InError));

        scene.Proxy.CutsLeft = 0;
        var sync = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To);

        Assert.True(sync.Migration.Status == MigrationStatus.Completed, $"{sync.Migration.Status}: {sync.Migration.FailureReason}");
        Assert.Empty(sync.Migration.Errors);
        SyncTests.AssertSameMail(scene.Source, User, scene.Destination);
        var copiedNow = Assert.Single(scene.Store.GetMigratedItemsFrom(scene.Id, 2));
        Assert.Equal(("INBOX", "7"), (copiedNow.SourceFolder, copiedNow.SourceKey.Split(':')[1]));
    }

    [Fact]
    public async Task A_message_the_destination_refuses_for_the_moment_every_time_is_an_item_error_and_the_rest_is_copied_once()
    {
        var messages = Small("INBOX", 0, 30).Concat(Small("Archive", 100, 5)).ToList();
        var refused = messages[12];
        using var scene = new ProxiedMigration<ImapPushbackProxy>(EndpointRole.Destination, directory, User, messages, ImapPushbackProxy.Start);
        scene.Proxy.Answer(c => c.Name == "APPEND" && c.Contains(MessageId(refused)), "NO [UNAVAILABLE] Virus scanner timed out");

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To);

        Assert.True(result.Migration.Status == MigrationStatus.CompletedWithErrors, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var error = Assert.Single(result.Migration.Errors);
        Assert.Equal(("INBOX", "Small 12 (UID 13)"), (error.Folder, error.ItemName));
        Assert.StartsWith("The destination refused for the moment 4 times ([UNAVAILABLE] Virus scanner timed out) while this ", error.Message);
        Assert.EndsWith($" KB message was appended{LaterSync}", error.Message);
        SyncTests.AssertSameMail(scene.Source, User, scene.Destination, leftOut: m => m.Body.AsSpan().SequenceEqual(refused.Bytes));

        var direct = TestMigrations.Endpoint(EndpointRole.Destination, scene.Destination, User);
        var sync = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, direct);

        Assert.True(sync.Migration.Status == MigrationStatus.Completed, $"{sync.Migration.Status}: {sync.Migration.FailureReason}");
        SyncTests.AssertSameMail(scene.Source, User, scene.Destination);
    }

    [Fact]
    public async Task A_link_that_breaks_during_every_append_still_fails_the_pass_and_gives_up_no_message()
    {
        using var scene = new ProxiedMigration<FaultProxy>(EndpointRole.Destination, directory, User, Small("INBOX", 0, 20), FaultProxy.Start);
        // Logins, SELECT and SEARCH get through; every APPEND, even of one message, breaks.
        scene.Proxy.CutsLeft = int.MaxValue;
        scene.Proxy.CutClientToServerAfter = 20_000;

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.ConnectionLost, result.Failure!.Kind);
        Assert.StartsWith($"The connection to the destination server {scene.Proxy.Address} broke while appending to 'INBOX'", result.Migration.FailureReason);
        Assert.EndsWith("Gave up after 6 attempts without progress.", result.Migration.FailureReason);
        Assert.Empty(result.Migration.Errors);
        Assert.Empty(MailboxSnapshot.Read(scene.Destination, User).In("INBOX"));
    }

    [Fact]
    public async Task A_file_import_gives_up_a_message_that_breaks_every_connection_and_a_later_sync_copies_it()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        using var proxy = FaultProxy.Start(destination);
        CutEveryConnection(proxy, EndpointRole.Destination);
        var files = Directory.CreateDirectory(Path.Combine(directory, "mbox")).FullName;
        var mailbox = Mailbox().ToList();
        foreach (var folder in mailbox.GroupBy(m => m.Folder))
        {
            var mbox = new MemoryStream();
            foreach (var message in folder)
            {
                mbox.Write("From someone@example.org Mon Jan  1 10:00:00 2024\n"u8);
                mbox.Write(message.Bytes);
                mbox.Write("\n"u8);
            }

            File.WriteAllBytes(Path.Combine(files, (folder.Key == "INBOX" ? "Inbox" : folder.Key.Replace('/', '_')) + ".mbox"), mbox.ToArray());
        }

        var store = new StateStore(Path.Combine(directory, "import.db"));
        var from = AccountEndpoint.ForFile(files);
        var to = new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse(proxy.Address), ConnectionSecurity.None,
            new NetworkCredential(User, destination.Password), false);
        var id = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail })).Id;

        var cut = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(cut.Migration.Status == MigrationStatus.CompletedWithErrors, $"{cut.Migration.Status}: {cut.Migration.FailureReason}");
        var error = Assert.Single(cut.Migration.Errors);
        Assert.Equal("INBOX", error.Folder);
        Assert.StartsWith($"{BigSubject} (message 7 at offset ", error.ItemName);
        Assert.Equal($"The connection to the destination broke 4 times while this {BigMegabytes} message was appended{LaterSync}", error.Message);
        AssertImported(mailbox.Where(m => m.Bytes.Length < BigBytes), destination);

        proxy.CutsLeft = 0;
        var sync = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(sync.Migration.Status == MigrationStatus.Completed, $"{sync.Migration.Status}: {sync.Migration.FailureReason}");
        AssertImported(mailbox, destination);
    }

    /// <summary>INBOX: twelve messages of 30-80 KB with the 25 MB one seventh; then two more folders of small messages.</summary>
    private static IEnumerable<SeedMessage> Mailbox() =>
        Small("INBOX", 0, 6)
            .Append(Big())
            .Concat(Small("INBOX", 6, 6))
            .Concat(Small("Archive", 100, 5))
            .Concat(Small("Work/Projects", 200, 5));

    private static SeedMessage Big() => new("INBOX", SampleMailbox.Generate(900, BigSubject, BigBytes), new[] { "\\Seen", "\\Flagged" },
        new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), "25 MB");

    private static IEnumerable<SeedMessage> Small(string folder, int first, int count) =>
        Enumerable.Range(first, count).Select(i => new SeedMessage(folder, SampleMailbox.Generate(3000 + i, $"Small {i}", 30_000 + 4_111 * (i % 13)),
            (i % 3) switch { 0 => new[] { "\\Seen" }, 1 => new[] { "\\Seen", "\\Answered" }, _ => Array.Empty<string>() },
            new DateTimeOffset(2021, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(i), $"small {i}"));

    /// <summary>Every connection through the proxy breaks once 1.25-3.75 MB went the way messages go on that side.</summary>
    private static void CutEveryConnection(FaultProxy proxy, EndpointRole side)
    {
        proxy.CutsLeft = int.MaxValue;
        proxy.RandomCutPoints = new Random(15);
        if (side == EndpointRole.Source)
            proxy.CutServerToClientAfter = 2_500_000;
        else
            proxy.CutClientToServerAfter = 2_500_000;
    }

    private static bool IsBig(ImapMessage message) => message.Body.Length >= BigBytes;

    private static string MessageId(SeedMessage message)
    {
        var text = Encoding.ASCII.GetString(message.Bytes, 0, 2000);
        var start = text.IndexOf("<sample-", StringComparison.Ordinal);
        return text.Substring(start, text.IndexOf('>', start) - start + 1);
    }

    private static void AssertImported(IEnumerable<SeedMessage> expected, DovecotServer destination)
    {
        var copied = MailboxSnapshot.Read(destination, User);
        foreach (var folder in expected.GroupBy(m => m.Folder))
        {
            var target = copied.In(folder.Key == "INBOX" ? "INBOX" : folder.Key.Replace('/', '_'));
            Assert.Equal(folder.Select(m => Convert.ToHexString(SHA256.HashData(m.Bytes))).Order(), target.Select(m => m.Sha256).Order());
        }

        Assert.Equal(expected.Count(), copied.Count);
    }

    private static string Side(EndpointRole role) => role == EndpointRole.Source ? "source" : "destination";
}
