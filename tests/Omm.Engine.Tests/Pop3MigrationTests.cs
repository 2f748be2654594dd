using System.Net;
using System.Text;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>Migrations from Dovecot's POP3 service into a Dovecot IMAP account, end to end.</summary>
public sealed class Pop3MigrationTests : IDisposable
{
    private const string User = "paul";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-pop3-").FullName;
    private readonly DovecotServer source = DovecotServer.Start(new DovecotOptions { Pop3 = true });
    private readonly DovecotServer destination = DovecotServer.Start();

    public void Dispose()
    {
        source.Dispose();
        destination.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_pop3_mailbox_arrives_in_the_inbox_byte_for_byte_read_and_dated_from_its_headers_and_stays_on_the_source()
    {
        var sample = SampleMailbox.Fixtures().Concat(Dated()).ToList();
        TestMigrations.Seed(source, User, sample);
        var (store, id, from, to) = Create();

        var seeded = MailboxSnapshot.Read(source, User).In("INBOX");

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var inbox = MailboxSnapshot.Read(destination, User).In("INBOX");
        Assert.Equal(seeded.Select(m => FileImports.Sha256(AsPop3Sends(m.Body))).Order(), inbox.Select(m => m.Sha256).Order());
        Assert.All(inbox, m => Assert.Contains("\\Seen", m.Flags));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.FromHours(1)), DateOf(inbox, "received twice"));
        Assert.Equal(new DateTimeOffset(2023, 7, 1, 12, 0, 0, TimeSpan.FromHours(2)), DateOf(inbox, "dated only"));
        Assert.Equal(sample.Count, MailboxSnapshot.Read(source, User).In("INBOX").Count);
        Assert.Equal(sample.Count, result.Migration.Progress.Single().Migrated);
    }

    [Fact]
    public async Task A_sync_copies_only_the_messages_that_arrived_since()
    {
        TestMigrations.Seed(source, User, Dated());
        var (store, id, from, to) = Create();
        await TestMigrations.RunPass(store, id, from, to);
        TestMigrations.Seed(source, User, new[] { Message("later one"), Message("later two") });

        var sync = await TestMigrations.RunPass(store, id, from, to);
        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, sync.Migration.Status);
        Assert.Equal(2, store.GetMigratedItemsFrom(id, 2).Count);
        Assert.Empty(store.GetMigratedItemsFrom(id, 3));
        Assert.Equal(4, MailboxSnapshot.Read(destination, User).In("INBOX").Count);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
    }

    [Fact]
    public async Task The_options_send_the_messages_unread_into_another_folder()
    {
        TestMigrations.Seed(source, User, Dated());
        var (store, id, from, to) = Create(Pop3Options.Of("Old mail/POP", markAsRead: false));

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var snapshot = MailboxSnapshot.Read(destination, User);
        Assert.Empty(snapshot.In("INBOX"));
        Assert.Equal(2, snapshot.In("Old mail/POP").Count);
        Assert.All(snapshot.In("Old mail/POP"), m => Assert.DoesNotContain("\\Seen", m.Flags));
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_message_is_opened_again_and_every_message_arrives_once()
    {
        var sample = Enumerable.Range(0, 12).Select(i => new SeedMessage("INBOX", SampleMailbox.Generate(i, $"big {i}", 300_000), Array.Empty<string>(),
            DateTimeOffset.UtcNow, $"big {i}")).ToList();
        TestMigrations.Seed(source, User, sample);
        using var proxy = FaultProxy.Start(source.Host, source.Pop3Port);
        proxy.CutServerToClientAfter = 1_000_000;
        proxy.CutsLeft = 3;
        var (store, id, _, to) = Create();
        var from = Endpoint($"{source.Host}:{proxy.Port}", source.Password);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(3, proxy.Cuts);
        Assert.Equal(sample.Select(m => FileImports.Sha256(m.Bytes)).Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    [Fact]
    public async Task A_wrong_password_fails_the_pass_and_copies_nothing()
    {
        TestMigrations.Seed(source, User, Dated());
        var (store, id, _, to) = Create();

        var result = await TestMigrations.RunPass(store, id, Endpoint(source.Pop3Address, "not the password"), to);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Authentication, result.Failure!.Kind);
        Assert.Empty(MailboxSnapshot.Read(destination, User).In("INBOX"));
    }

    [Fact]
    public async Task Remove_takes_back_exactly_what_was_copied()
    {
        TestMigrations.Seed(source, User, Dated());
        TestMigrations.Seed(destination, User, new[] { Message("already there") });
        var (store, id, from, to) = Create();
        await TestMigrations.RunPass(store, id, from, to);
        Assert.Equal(3, MailboxSnapshot.Read(destination, User).In("INBOX").Count);

        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(id);
        var removed = await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(2, removed.Removed);
        var left = Assert.Single(MailboxSnapshot.Read(destination, User).In("INBOX"));
        Assert.Equal(FileImports.Sha256(Message("already there").Bytes), left.Sha256);
        Assert.Equal(2, MailboxSnapshot.Read(source, User).In("INBOX").Count);
    }

    /// <summary>POP3 ends every message with a line end: a message whose last line has none gets CRLF.</summary>
    private static byte[] AsPop3Sends(byte[] bytes) =>
        bytes.Length >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n' ? bytes : bytes.Concat("\r\n"u8.ToArray()).ToArray();

    private static DateTimeOffset DateOf(IReadOnlyList<ImapMessage> messages, string subject) =>
        messages.Single(m => Encoding.ASCII.GetString(m.Body).Contains("Subject: " + subject + "\r\n")).InternalDate;

    private static IEnumerable<SeedMessage> Dated()
    {
        yield return new SeedMessage("INBOX", Encoding.ASCII.GetBytes(
            "Received: from mx2.example.org by mail.example.org; Tue, 5 Mar 2024 09:15:00 +0100\r\n" +
            "Received: from client.example.org by mx2.example.org; Tue, 5 Mar 2024 09:14:00 +0100\r\n" +
            "From: a@example.org\r\nSubject: received twice\r\nDate: Mon, 4 Mar 2024 18:00:00 +0100\r\nMessage-ID: <twice@example.org>\r\n\r\nBody.\r\n"),
            Array.Empty<string>(), DateTimeOffset.UtcNow, "received twice");
        yield return new SeedMessage("INBOX", Encoding.ASCII.GetBytes(
            "From: a@example.org\r\nSubject: dated only\r\nDate: Sat, 1 Jul 2023 12:00:00 +0200\r\nMessage-ID: <dated@example.org>\r\n\r\nBody.\r\n"),
            Array.Empty<string>(), DateTimeOffset.UtcNow, "dated only");
    }

    private static SeedMessage Message(string subject) => new("INBOX", Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nSubject: {subject}\r\nDate: Wed, 2 Dec 2026 08:00:00 +0000\r\nMessage-ID: <{subject.Replace(' ', '.')}@example.org>\r\n\r\nBody.\r\n"),
        Array.Empty<string>(), DateTimeOffset.UtcNow, subject);

    private AccountEndpoint Endpoint(string address, string password, EndpointOptions? options = null) =>
        new(EndpointRole.Source, ServerType.Pop3, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential(User, password), false)
        {
            Options = options ?? EndpointOptions.None,
        };

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Create(EndpointOptions? options = null)
    {
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var from = Endpoint(source.Pop3Address, source.Password, options);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;
        return (store, id, from, to);
    }
}
