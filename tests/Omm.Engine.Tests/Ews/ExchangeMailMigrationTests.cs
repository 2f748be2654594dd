using System.Net;
using MimeKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>Mail between Dovecot and the EWS test server, both ways, through whole passes of the engine.</summary>
public sealed class ExchangeMailMigrationTests : IAsyncLifetime
{
    private const string User = "paul";
    private const string Mailbox = "paul@contoso.test";
    private const string Password = "Exchange-pass-1";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-ews-").FullName;
    private readonly DovecotServer dovecot = DovecotServer.Start();
    private EwsTestServer exchange = null!;

    /// <summary>Where each Dovecot folder of the sample lands in Exchange: role folders by role, the inbox's children below it.</summary>
    private static readonly Dictionary<string, string> ExchangeFolderOf = new()
    {
        ["INBOX"] = "Inbox", ["Sent"] = "Sent Items", ["Drafts"] = "Drafts", ["Trash"] = "Deleted Items", ["Junk"] = "Junk Email",
    };

    public async Task InitializeAsync()
    {
        exchange = await EwsTestServer.StartAsync();
        exchange.AddMailbox(Mailbox, Password);
    }

    public async Task DisposeAsync()
    {
        await exchange.DisposeAsync();
        dovecot.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Mail_from_Dovecot_arrives_in_Exchange_as_sent_not_as_drafts_with_flags_dates_and_categories()
    {
        TestMigrations.Seed(dovecot, User, SampleMailbox.Fixtures().Concat(SampleMailbox.Generated()));
        // What the source holds as IMAP serves it: bytes (Dovecot ends lines with CRLF), flags and dates.
        var served = MailboxSnapshot.Read(dovecot, User);
        var sample = served.Messages.SelectMany(f => f.Value.Select(m => new SeedMessage(f.Key, m.Body, m.Flags, m.InternalDate, $"{f.Key} UID {m.Uid}"))).ToList();
        var (store, id) = Create(DovecotSide(EndpointRole.Source), ExchangeSide(EndpointRole.Destination));

        var result = await Run(store, id, DovecotSide(EndpointRole.Source), ExchangeSide(EndpointRole.Destination));

        // The test server, like Exchange, will not convert a message whose header does not parse (an mbox "From " line first).
        var unreadable = sample.Where(m => !HasHeader(m.Bytes)).ToList();
        Assert.StartsWith("From user@domain", System.Text.Encoding.ASCII.GetString(Assert.Single(unreadable).Bytes));
        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        Assert.Contains("ErrorMimeContentConversionFailed", Assert.Single(result.Migration.Errors, e => e.Type == ItemErrorType.Error).Message);
        sample = sample.Except(unreadable).ToList();
        foreach (var group in sample.GroupBy(m => m.Folder))
        {
            var items = exchange.Items(Mailbox, ExchangeFolder(group.Key));
            Assert.Equal(group.Count(), items.Count);
            foreach (var message in group)
            {
                var copy = items.Single(i => i.MimeContent.AsSpan().SequenceEqual(message.Bytes));
                Assert.Equal(message.Flags.Contains("\\Seen"), copy.IsRead);
                Assert.Equal(message.Flags.Contains("\\Draft"), copy.IsDraft);
                Assert.Equal(message.Flags.Contains("\\Flagged") ? "Flagged" : "NotFlagged", copy.FlagStatus);
                Assert.Equal(message.InternalDate.ToUnixTimeSeconds(), copy.DateTimeReceived.ToUnixTimeSeconds());
                Assert.Equal(message.Flags.Where(f => !f.StartsWith('\\') && f != "$Forwarded").Order(), copy.Categories.Order());
                if (message.Flags.Contains("\\Answered"))
                    Assert.Equal("102", copy.ExtendedProperty(0x1081)?.Values.Single());
                if (message.Flags.Contains("$Forwarded"))
                    Assert.Equal("104", copy.ExtendedProperty(0x1081)?.Values.Single());
            }
        }

        Assert.Empty(exchange.ResponseSchemaViolations);
        Assert.Equal(sample.Count(m => m.Flags.Contains("\\Deleted")), result.Migration.Progress.Single().InWarning);
    }

    [Fact]
    public async Task Mail_from_Exchange_arrives_in_Dovecot_with_read_state_follow_up_flag_categories_and_date()
    {
        var sample = SampleMailbox.Fixtures().Where(m => HasHeader(m.Bytes)).ToList();
        var received = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        for (var i = 0; i < sample.Count; i++)
            exchange.AddMessage(Mailbox, i % 3 == 0 ? "Inbox/Projects" : "Inbox", sample[i].Bytes, isRead: i % 2 == 0, flagged: i % 5 == 0,
                categories: i % 4 == 0 ? new[] { "Customer" } : null, received: received.AddHours(i));
        var (store, id) = Create(ExchangeSide(EndpointRole.Source), DovecotSide(EndpointRole.Destination));

        var result = await Run(store, id, ExchangeSide(EndpointRole.Source), DovecotSide(EndpointRole.Destination));

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var snapshot = MailboxSnapshot.Read(dovecot, User);
        Assert.Equal(sample.Count, snapshot.In("INBOX").Count + snapshot.In("INBOX/Projects").Count);
        // Read ten at a time, not one GetItem per message.
        var perFolder = new[] { snapshot.In("INBOX").Count, snapshot.In("INBOX/Projects").Count };
        Assert.Equal(perFolder.Sum(n => (n + 9) / 10), exchange.Requests.Count(r => r.Operation == "GetItem"));
        for (var i = 0; i < sample.Count; i++)
        {
            var folder = snapshot.In(i % 3 == 0 ? "INBOX/Projects" : "INBOX");
            // The test server gives back the bytes it took; Dovecot ends their lines with CRLF.
            var copy = folder.SingleOrDefault(m => m.Body.AsSpan().SequenceEqual(LineEnds.Crlf(sample[i].Bytes))
                                                   || m.Body.AsSpan().SequenceEqual(LineEnds.Crlf(sample[i].Bytes).Concat("\r\n"u8.ToArray()).ToArray()));
            Assert.True(copy != null, $"{sample[i].Description}: no copy among {folder.Count}");
            var flags = MailboxSnapshot.FlagSet(copy!);
            Assert.Equal(i % 2 == 0, flags.Contains("\\Seen"));
            Assert.Equal(i % 5 == 0, flags.Contains("\\Flagged"));
            Assert.Equal(i % 4 == 0, flags.Contains("Customer"));
            Assert.Equal(received.AddHours(i), copy!.InternalDate);
        }
    }

    [Fact]
    public async Task A_sync_from_Exchange_copies_only_what_is_new_and_carries_read_and_flag_changes()
    {
        var first = exchange.AddMessage(Mailbox, "Inbox", Message("first"));
        exchange.AddMessage(Mailbox, "Inbox", Message("second"), isRead: true);
        var from = ExchangeSide(EndpointRole.Source);
        var to = DovecotSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        await Run(store, id, from, to);
        exchange.AddMessage(Mailbox, "Inbox", Message("third"));
        exchange.SetRead(Mailbox, first);
        exchange.SetFlag(Mailbox, first);

        var sync = await Run(store, id, from, to);
        var before = exchange.Requests.Count;
        var again = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, sync.Migration.Status);
        Assert.Equal(new[] { "third" }, store.GetMigratedItemsFrom(id, 2).Select(Subject).ToArray());
        Assert.Empty(store.GetMigratedItemsFrom(id, 3));
        var inbox = MailboxSnapshot.Read(dovecot, User).In("INBOX");
        Assert.Equal(3, inbox.Count);
        var firstCopy = MailboxSnapshot.FlagSet(inbox.Single(m => m.Body.AsSpan().SequenceEqual(Message("first"))));
        Assert.Contains("\\Seen", firstCopy);
        Assert.Contains("\\Flagged", firstCopy);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        // With nothing new, a sync asks Exchange only for changes: no message is read.
        Assert.DoesNotContain("GetItem", exchange.Requests.Skip(before).Select(r => r.Operation));
    }

    [Fact]
    public async Task A_sync_into_Exchange_adds_only_what_is_new()
    {
        TestMigrations.Seed(dovecot, User, Dated("one", "two"));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        await Run(store, id, from, to);
        TestMigrations.Seed(dovecot, User, Dated("three"));

        var sync = await Run(store, id, from, to);
        var again = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, sync.Migration.Status);
        Assert.Single(store.GetMigratedItemsFrom(id, 2));
        Assert.Empty(store.GetMigratedItemsFrom(id, 3));
        Assert.Equal(3, exchange.Items(Mailbox, "Inbox").Count);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
    }

    [Fact]
    public async Task Remove_takes_back_exactly_the_copies_made_in_Exchange()
    {
        TestMigrations.Seed(dovecot, User, Dated("one", "two"));
        var mine = exchange.AddMessage(Mailbox, "Inbox", Message("already there"));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        await Run(store, id, from, to);

        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(id);
        var removed = await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(2, removed.Removed);
        Assert.Equal(new[] { mine }, exchange.Items(Mailbox, "Inbox").Select(i => i.ItemId));
    }

    [Fact]
    public async Task Remove_takes_back_the_parent_folders_it_created_in_Exchange_and_a_sync_makes_them_again()
    {
        TestMigrations.Seed(dovecot, User, Dated("one").Select(m => m with { Folder = "Projects/Alpha" }));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        // Only 'Projects/Alpha': 'Projects' is not migrated itself, so the destination makes it as a parent.
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var only = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail }, new[] { "Projects/Alpha" })).Id;
        await Run(store, only, from, to);
        Assert.Equal(new[] { "Projects" }, store.GetCreatedParents(only).Select(p => p.DestinationFolder));
        Assert.Single(exchange.Items(Mailbox, "Projects/Alpha"));

        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(only);
        var removed = await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(new[] { "Projects/Alpha", "Projects" }, removed.DeletedFolders);
        Assert.Equal(MigrationStatus.Removed, store.Find(only)!.Status);
        var again = await Run(store, only, from, to);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Single(exchange.Items(Mailbox, "Projects/Alpha"));
    }

    [Fact]
    public async Task After_a_remove_a_sync_from_Exchange_copies_everything_again_though_Exchange_reports_no_change()
    {
        exchange.AddMessage(Mailbox, "Inbox", Message("first"));
        exchange.AddMessage(Mailbox, "Inbox", Message("second"));
        var from = ExchangeSide(EndpointRole.Source);
        var to = DovecotSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        await Run(store, id, from, to);
        var inbox = store.GetFolders(id).Single(f => f.DestinationFolder == "INBOX");
        Assert.NotNull(inbox.SourceCursor);

        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(id);
        await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Empty(MailboxSnapshot.Read(dovecot, User).In("INBOX"));
        Assert.Equal(MigrationStatus.Removed, store.Find(id)!.Status);
        Assert.Null(store.GetFolder(id, inbox.SourceFolder)!.SourceCursor);

        var again = await Run(store, id, from, to);

        Assert.Equal((MigrationStatus.Completed, 2L), (again.Migration.Status, again.Migration.Progress.Single().Migrated));
        Assert.Equal(2, MailboxSnapshot.Read(dovecot, User).In("INBOX").Count);
    }

    [Fact]
    public async Task Copies_a_killed_pass_left_unrecorded_in_Exchange_are_found_by_their_mark_and_not_made_twice()
    {
        TestMigrations.Seed(dovecot, User, Dated("one", "two", "three"));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        await Run(store, id, from, to);
        // As if the pass had been killed after creating two of the messages and before recording them.
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Skip(1).Select(i => i.RowId));
        var creates = exchange.Requests.Count(r => r.Operation == "CreateItem");

        var again = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(creates, exchange.Requests.Count(r => r.Operation == "CreateItem"));
        Assert.Equal(3, exchange.Items(Mailbox, "Inbox").Count);
        Assert.Equal(2, store.GetMigratedItemsFrom(id, 2).Count);
    }

    [Fact]
    public async Task A_busy_Exchange_gets_no_request_before_its_back_off_has_passed()
    {
        TestMigrations.Seed(dovecot, User, Dated("one", "two"));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        var backOff = TimeSpan.FromSeconds(2);
        exchange.ServerBusy(backOff);

        var result = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var requests = exchange.Requests.ToList();
        var busy = requests.First(r => r.HttpStatus == 500);
        var next = requests[requests.IndexOf(busy) + 1];
        Assert.True(next.Time - busy.Time >= backOff - TimeSpan.FromMilliseconds(50), $"the next request came {(next.Time - busy.Time).TotalMilliseconds} ms after");
        Assert.Equal(2, exchange.Items(Mailbox, "Inbox").Count);
    }

    [Fact]
    public async Task A_wrong_password_fails_the_pass_naming_the_Exchange_side_and_the_login()
    {
        TestMigrations.Seed(dovecot, User, Dated("one"));
        var from = DovecotSide(EndpointRole.Source);
        var to = AccountEndpoint.ForExchange(EndpointRole.Destination, exchange.Url, new NetworkCredential(Mailbox, "wrong"), false);
        var (store, id) = Create(from, to);

        var result = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("destination Exchange server", result.Failure.Message);
        Assert.Contains(Mailbox, result.Failure.Message);
        Assert.Empty(exchange.Items(Mailbox, "Inbox"));
    }

    [Fact]
    public async Task A_full_mailbox_fails_the_pass_over_quota_and_a_message_over_the_size_limit_is_an_item_error()
    {
        TestMigrations.Seed(dovecot, User, Dated("small").Append(new SeedMessage("INBOX", SampleMailbox.Generate(1, "big", 200_000), [], DateTimeOffset.UtcNow, "big")));
        var from = DovecotSide(EndpointRole.Source);
        var to = ExchangeSide(EndpointRole.Destination);
        var (store, id) = Create(from, to);
        exchange.MaxMessageBytes = 100_000;

        var limited = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.CompletedWithErrors, limited.Migration.Status);
        Assert.Contains("ErrorMessageSizeExceeded", Assert.Single(limited.Migration.Errors).Message);
        exchange.MaxMessageBytes = null;
        exchange.QuotaBytes = 1000;
        TestMigrations.Seed(dovecot, User, Dated("one more"));

        var full = await Run(store, id, from, to);

        Assert.Equal(MigrationStatus.Failed, full.Migration.Status);
        Assert.Equal(FailureKind.OverQuota, full.Failure!.Kind);
        Assert.Contains(Mailbox, full.Failure.Message);
    }

    private AccountEndpoint DovecotSide(EndpointRole role) => TestMigrations.Endpoint(role, dovecot, User);

    private AccountEndpoint ExchangeSide(EndpointRole role) =>
        AccountEndpoint.ForExchange(role, exchange.Url, new NetworkCredential(Mailbox, Password), false);

    private (StateStore Store, string Id) Create(AccountEndpoint from, AccountEndpoint to)
    {
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;
        return (store, id);
    }

    private static Task<PassResult> Run(StateStore store, string id, AccountEndpoint from, AccountEndpoint to) =>
        TestMigrations.RunPass(store, id, from, to);

    private static string ExchangeFolder(string dovecotFolder) =>
        ExchangeFolderOf.TryGetValue(dovecotFolder, out var mapped) ? mapped
        : dovecotFolder.StartsWith("INBOX/", StringComparison.Ordinal) ? "Inbox/" + dovecotFolder["INBOX/".Length..]
        : dovecotFolder;

    private string Subject(MigratedItem item) =>
        MimeMessage.Load(new MemoryStream(MailboxSnapshot.Read(dovecot, User).In(item.DestinationFolder).Single(m => m.Uid.ToString() == item.DestinationKey!.Split(':')[1]).Body)).Subject ?? string.Empty;

    private static bool HasHeader(byte[] message) => !System.Text.Encoding.ASCII.GetString(message, 0, Math.Min(5, message.Length)).StartsWith("From ", StringComparison.Ordinal);

    private static byte[] Message(string subject) =>
        System.Text.Encoding.ASCII.GetBytes($"From: a@example.com\r\nTo: paul@contoso.test\r\nSubject: {subject}\r\nMessage-ID: <{subject.Replace(' ', '-')}@example.com>\r\n" +
                                            $"Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\nBody of {subject}\r\n");

    private static IEnumerable<SeedMessage> Dated(params string[] subjects) =>
        subjects.Select((s, i) => new SeedMessage("INBOX", Message(s), Array.Empty<string>(), new DateTimeOffset(2026, 1, 1 + i, 9, 0, 0, TimeSpan.Zero), s));
}
