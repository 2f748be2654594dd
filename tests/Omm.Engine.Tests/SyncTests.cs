using Omm.Engine.Connectors.Imap;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>Later passes (Sync-OmmMigration) between real Dovecot servers: new mail, new folders, flag changes, UIDVALIDITY resets.</summary>
public sealed class SyncTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-sync-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(false, 1)]
    public async Task A_sync_copies_new_messages_and_folders_and_brings_flags_up_to_date(bool condStore, int? identitySlice)
    {
        using var source = DovecotServer.Start(new DovecotOptions { Capabilities = condStore ? null : DovecotOptions.CapabilitiesWithoutCondStore });
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "amy", Messages("INBOX", 0, 5).Concat(Messages("Work", 5, 3)));
        var (store, id, from, to) = Prepare(source, "amy", destination);

        var first = await TestMigrations.RunPass(store, id, from, to);
        Assert.Equal(MigrationStatus.Completed, first.Migration.Status);
        Assert.Equal(condStore, store.GetFolder(id, "INBOX")!.SourceCursor!.Contains(':'));

        using (var client = RawImapClient.Connect(source, "amy"))
        {
            SampleMailbox.Seed(client, Messages("INBOX", 10, 2).Concat(Messages("Work/2025", 12, 2)));
            var inbox = client.FetchAll("INBOX");
            client.SetFlags("INBOX", inbox[0].Uid, new[] { "\\Seen", "\\Flagged", "$Important" });
            client.SetFlags("INBOX", inbox[1].Uid, Array.Empty<string>());
            client.Logout();
        }

        var second = await TestMigrations.RunPass(store, id, from, to, identitySlice: identitySlice);

        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Equal(2, second.Migration.SyncPoint);
        var mail = Assert.Single(second.Migration.Progress);
        Assert.Equal((12L, 12L), (mail.ToMigrate, mail.Migrated));
        AssertSameMail(source, "amy", destination);
        Assert.Equal(new[] { 2 }, store.GetMigratedItemsFrom(id, 2).Select(i => i.SyncPoint).Distinct());
        Assert.Equal(4, store.GetMigratedItemsFrom(id, 2).Count);
    }

    [Fact]
    public async Task A_sync_with_nothing_new_copies_nothing()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "bea", Messages("INBOX", 0, 4));
        var (store, id, from, to) = Prepare(source, "bea", destination);
        await TestMigrations.RunPass(store, id, from, to);
        var before = MailboxSnapshot.Read(destination, "bea").In("INBOX").Select(m => m.Uid).ToList();

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        Assert.Equal(before, MailboxSnapshot.Read(destination, "bea").In("INBOX").Select(m => m.Uid));
    }

    [Fact]
    public async Task A_copy_deleted_on_the_destination_is_copied_again()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "eve", Messages("INBOX", 0, 3));
        var (store, id, from, to) = Prepare(source, "eve", destination);
        await TestMigrations.RunPass(store, id, from, to);
        using (var client = RawImapClient.Connect(destination, "eve"))
        {
            client.Select("INBOX");
            client.Run("UID STORE 2 +FLAGS.SILENT (\\Deleted)");
            client.Run("EXPUNGE");
            client.Logout();
        }

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Single(store.GetMigratedItemsFrom(id, 2));
        AssertSameMail(source, "eve", destination);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task A_uidvalidity_reset_on_either_side_is_recognised_by_fingerprint(int? identitySlice)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "cat", Messages("Work", 0, 6));
        var (store, id, from, to) = Prepare(source, "cat", destination);
        await TestMigrations.RunPass(store, id, from, to);

        uint sourceValidity, destinationValidity;
        using (var client = RawImapClient.Connect(source, "cat"))
        {
            var before = client.UidValidity("Work");
            client.Recreate("Work");
            sourceValidity = client.UidValidity("Work");
            Assert.NotEqual(before, sourceValidity);
            var work = client.FetchAll("Work");
            client.SetFlags("Work", work[2].Uid, new[] { "\\Answered" });
            SampleMailbox.Seed(client, Messages("Work", 20, 1));
            client.Logout();
        }

        using (var client = RawImapClient.Connect(destination, "cat"))
        {
            client.Recreate("Work");
            destinationValidity = client.UidValidity("Work");
            client.Logout();
        }

        var result = await TestMigrations.RunPass(store, id, from, to, identitySlice: identitySlice);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        AssertSameMail(source, "cat", destination);
        var items = store.GetMigratedItems(id, "Work");
        Assert.Equal(7, items.Count);
        Assert.All(items, i => Assert.Equal((true, true), (ImapItemKey.UidAt(i.SourceKey, sourceValidity).HasValue, ImapItemKey.UidAt(i.DestinationKey, destinationValidity).HasValue)));
        Assert.Single(store.GetMigratedItemsFrom(id, 2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task A_source_that_forgot_its_uids_and_dates_gets_nothing_copied_twice(int? identitySlice)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var twice = Messages("Work", 5, 1).Single();
        TestMigrations.Seed(source, "gus", Messages("INBOX", 0, 3).Concat(Messages("Work", 3, 4)).Append(twice));
        var (store, id, from, to) = Prepare(source, "gus", destination);
        await TestMigrations.RunPass(store, id, from, to);
        var copied = MailboxSnapshot.Read(destination, "gus");

        // What GNU Mailutils' imap4d does between sessions: new UIDVALIDITY, and each message received "now".
        uint inboxValidity, workValidity;
        using (var client = RawImapClient.Connect(source, "gus"))
        {
            (inboxValidity, workValidity) = (client.UidValidity("INBOX"), client.UidValidity("Work"));
            client.Logout();
        }

        var shift = 0;
        source.ForgetUids("gus", "INBOX", date => date.AddDays(3).AddMinutes(++shift));
        source.ForgetUids("gus", "Work", date => date.AddDays(3).AddMinutes(++shift));
        using (var client = RawImapClient.Connect(source, "gus"))
        {
            Assert.NotEqual(inboxValidity, client.UidValidity("INBOX"));
            Assert.NotEqual(workValidity, client.UidValidity("Work"));
            (inboxValidity, workValidity) = (client.UidValidity("INBOX"), client.UidValidity("Work"));
            var work = client.FetchAll("Work");
            Assert.All(work, m => Assert.DoesNotContain(copied.In("Work"), c => c.InternalDate == m.InternalDate));
            client.SetFlags("Work", work[0].Uid, new[] { "\\Flagged" });
            SampleMailbox.Seed(client, Messages("Work", 30, 1));
            client.Logout();
        }

        var result = await TestMigrations.RunPass(store, id, from, to, identitySlice: identitySlice);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var original = MailboxSnapshot.Read(source, "gus");
        var now = MailboxSnapshot.Read(destination, "gus");
        Assert.Equal(original.Count, now.Count);
        foreach (var folder in new[] { "INBOX", "Work" })
        {
            Assert.Equal(original.In(folder).Select(m => m.Sha256).OrderBy(h => h), now.In(folder).Select(m => m.Sha256).OrderBy(h => h));
            Assert.Equal(original.In(folder).Select(m => (m.Sha256, string.Join(' ', MailboxSnapshot.FlagSet(m).Order()))).Order(),
                now.In(folder).Select(m => (m.Sha256, string.Join(' ', MailboxSnapshot.FlagSet(m).Order()))).Order());
        }

        Assert.Single(store.GetMigratedItemsFrom(id, 2));
        Assert.All(store.GetMigratedItems(id, "INBOX"), i => Assert.NotNull(ImapItemKey.UidAt(i.SourceKey, inboxValidity)));
        Assert.All(store.GetMigratedItems(id, "Work"), i => Assert.NotNull(ImapItemKey.UidAt(i.SourceKey, workValidity)));
    }

    [Fact]
    public async Task A_copy_appended_but_not_recorded_is_taken_over_and_an_identical_older_message_is_not()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var older = Messages("INBOX", 0, 1).Single();
        TestMigrations.Seed(destination, "dan", new[] { older });
        TestMigrations.Seed(source, "dan", Messages("INBOX", 0, 3));
        var (store, id, from, to) = Prepare(source, "dan", destination);
        await TestMigrations.RunPass(store, id, from, to);
        Assert.Equal(4, MailboxSnapshot.Read(destination, "dan").In("INBOX").Count);

        // What a pass killed between APPEND and its record leaves behind: the copy, without a record.
        var orphan = Messages("INBOX", 7, 1).Single();
        TestMigrations.Seed(source, "dan", new[] { orphan });
        TestMigrations.Seed(destination, "dan", new[] { orphan });
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var inbox = MailboxSnapshot.Read(destination, "dan").In("INBOX");
        var sourceInbox = MailboxSnapshot.Read(source, "dan").In("INBOX");
        Assert.Equal(5, inbox.Count);
        Assert.Equal(2, inbox.Count(m => m.Sha256 == sourceInbox[0].Sha256)); // the older identical message, and this migration's copy
        Assert.Single(inbox, m => m.Sha256 == sourceInbox[3].Sha256); // the unrecorded copy was taken over, not appended again
        Assert.Single(observer.Lines, l => l.Contains("Found 1 copies in 'INBOX' that an interrupted pass made without recording them"));
        Assert.Equal(4, Assert.Single(result.Migration.Progress).Migrated);
    }

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(DovecotServer source, string user, DovecotServer destination)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        return (store, TestMigrations.Create(store, from, to).Id, from, to);
    }

    /// <summary>
    /// Every source message (but those <paramref name="leftOut"/> picks) is in the destination folder of the same name ('/' becomes '.'),
    /// exactly once, with its flags and date, and nothing else is.
    /// </summary>
    internal static void AssertSameMail(DovecotServer source, string user, DovecotServer destination, Func<ImapMessage, bool>? leftOut = null)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Equal(original.Messages.Values.Sum(m => m.Count(message => leftOut?.Invoke(message) != true)), copied.Count);
        foreach (var (folder, all) in original.Messages)
        {
            var messages = all.Where(m => leftOut?.Invoke(m) != true).ToList();
            var target = copied.In(folder.Replace('/', '.'));
            Assert.Equal(messages.Select(m => m.Sha256).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
            foreach (var message in messages)
            {
                var twin = Assert.Single(target, m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }
    }

    internal static IEnumerable<SeedMessage> Messages(string folder, int first, int count) =>
        Enumerable.Range(first, count).Select(i => new SeedMessage(folder, SampleMailbox.Generate(i, $"{folder} {i}", 800 + 97 * i),
            i % 3 == 0 ? new[] { "\\Seen" } : Array.Empty<string>(), new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i * 7), $"{folder} {i}"));
}
