using Omm.Engine.Endpoints;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Remove-OmmMigratedItem's engine between real Dovecot servers: the destination's folder list afterwards (the folders the
/// migration created go, parents it created on the way included; folders that were there or hold something else stay),
/// the status the migration shows, and a sync after it.
/// </summary>
public sealed class RemovalTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-removal-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData('.')]
    [InlineData('/')]
    public async Task A_full_remove_leaves_the_folder_list_as_it_was_parents_included_and_a_sync_copies_everything_again(char separator)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = separator });
        TestMigrations.Seed(source, "ida", SyncTests.Messages("INBOX", 0, 2).Concat(SyncTests.Messages("Projects/Alpha", 2, 2)));
        // Only INBOX and 'Projects/Alpha': 'Projects' is no folder of the migration, so it is made only as a parent.
        var (store, id, from, to) = Prepare(source, "ida", destination, "INBOX", "Projects/Alpha");
        var before = FolderNames(destination, "ida");

        var first = await TestMigrations.RunPass(store, id, from, to);

        var alpha = $"Projects{separator}Alpha";
        Assert.Equal(MigrationStatus.Completed, first.Migration.Status);
        Assert.Equal(before.Append("Projects").Append(alpha).Order(StringComparer.Ordinal), FolderNames(destination, "ida"));
        Assert.Equal(new[] { ("Projects", 1) }, store.GetCreatedParents(id));

        var observer = new RecordingObserver();
        var result = await RemoveAsync(store, id, to, observer);

        Assert.Equal(4, result.Removed);
        Assert.Equal(new[] { alpha, "Projects" }, result.DeletedFolders);
        Assert.Equal(before, FolderNames(destination, "ida"));
        Assert.Empty(MailboxSnapshot.Read(destination, "ida").In("INBOX"));
        var removed = store.Find(id)!;
        Assert.Equal((MigrationStatus.Removed, 0L, 4L, 0), (removed.Status, removed.Progress.Single().Migrated, removed.Progress.Single().ToMigrate, removed.Percent));
        Assert.Empty(store.GetCreatedParents(id));
        Assert.DoesNotContain(observer.Lines, line => line.StartsWith("WARNING:", StringComparison.Ordinal));

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal((MigrationStatus.Completed, 2, 4L), (again.Migration.Status, again.Migration.SyncPoint, again.Migration.Progress.Single().Migrated));
        Assert.Equal(before.Append("Projects").Append(alpha).Order(StringComparer.Ordinal), FolderNames(destination, "ida"));
        Assert.Equal(2, MailboxSnapshot.Read(destination, "ida").In(alpha).Count);
        Assert.Equal(new[] { ("Projects", 2) }, store.GetCreatedParents(id));
    }

    [Fact]
    public async Task Folders_that_were_there_and_created_folders_holding_what_the_migration_did_not_copy_stay_with_a_warning()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "jon", SyncTests.Messages("Archive/2024", 0, 2).Concat(SyncTests.Messages("Projects/Alpha", 2, 2))
            .Concat(SyncTests.Messages("Clients/Acme", 4, 1)));
        using (var client = RawImapClient.Connect(destination, "jon"))
        {
            client.Create("Archive");
            client.Logout();
        }

        var before = FolderNames(destination, "jon");

        var (store, id, from, to) = Prepare(source, "jon", destination, "Archive/2024", "Projects/Alpha", "Clients/Acme");
        await TestMigrations.RunPass(store, id, from, to);
        Assert.Equal(new[] { "Clients", "Projects" }, store.GetCreatedParents(id).Select(p => p.DestinationFolder));
        // On the destination, someone puts a message into 'Projects' and makes a folder of their own under 'Clients'.
        var foreign = SyncTests.Messages("Projects", 9, 1).Single();
        using (var client = RawImapClient.Connect(destination, "jon"))
        {
            client.Append("Projects", foreign.Bytes, foreign.Flags, foreign.InternalDate);
            client.Create("Clients.Beta");
            client.Logout();
        }

        var observer = new RecordingObserver();
        var result = await RemoveAsync(store, id, to, observer);

        Assert.Equal(5, result.Removed);
        Assert.Equal(new[] { "Archive.2024", "Clients.Acme", "Projects.Alpha" }, result.DeletedFolders.Order(StringComparer.Ordinal));
        Assert.Equal(before.Concat(new[] { "Clients", "Clients.Beta", "Projects" }).Order(StringComparer.Ordinal), FolderNames(destination, "jon"));
        Assert.Single(MailboxSnapshot.Read(destination, "jon").In("Projects"));
        var warnings = observer.Lines.Where(line => line.StartsWith("WARNING:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[]
        {
            $"WARNING: Kept the folder 'Clients', which migration {id} created: it still has the subfolder(s) 'Clients.Beta'.",
            $"WARNING: Kept the folder 'Projects', which migration {id} created: it holds 1 message(s) the migration did not copy.",
        }, warnings);
        // Every copy is gone, so the migration is Removed; the parents it kept stay recorded for a later Remove.
        Assert.Equal(MigrationStatus.Removed, store.Find(id)!.Status);
        Assert.Equal(new[] { "Clients", "Projects" }, store.GetCreatedParents(id).Select(p => p.DestinationFolder));
    }

    [Fact]
    public async Task A_remove_from_a_later_sync_point_keeps_the_status_counts_what_remains_and_takes_the_parents_made_since()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "kim", SyncTests.Messages("INBOX", 0, 2));
        var (store, id, from, to) = Prepare(source, "kim", destination, "INBOX", "Projects/*");
        await TestMigrations.RunPass(store, id, from, to);
        var before = FolderNames(destination, "kim");
        TestMigrations.Seed(source, "kim", SyncTests.Messages("Projects/Alpha", 2, 2));
        var second = await TestMigrations.RunPass(store, id, from, to);
        Assert.Equal((MigrationStatus.Completed, 4L), (second.Migration.Status, second.Migration.Progress.Single().Migrated));

        var result = await RemoveAsync(store, id, to, new RecordingObserver(), fromSyncPoint: 2);

        Assert.Equal(2, result.Removed);
        Assert.Equal(new[] { "Projects.Alpha", "Projects" }, result.DeletedFolders);
        Assert.Equal(before, FolderNames(destination, "kim"));
        Assert.Equal(2, MailboxSnapshot.Read(destination, "kim").In("INBOX").Count);
        var partly = store.Find(id)!;
        Assert.Equal((MigrationStatus.Completed, 2L, 4L, 50), (partly.Status, partly.Progress.Single().Migrated, partly.Progress.Single().ToMigrate, partly.Percent));

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal((MigrationStatus.Completed, 4L, 100), (again.Migration.Status, again.Migration.Progress.Single().Migrated, again.Migration.Percent));
        Assert.Equal(before.Append("Projects").Append("Projects.Alpha").Order(StringComparer.Ordinal), FolderNames(destination, "kim"));
    }

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(DovecotServer source, string user, DovecotServer destination,
        params string[] includeFolders)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        var id = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Imap, from.Server, from.Account, from.Security),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail }, includeFolders)).Id;
        return (store, id, from, to);
    }

    private static async Task<RemovalResult> RemoveAsync(StateStore store, string id, AccountEndpoint to, RecordingObserver observer, int fromSyncPoint = 1)
    {
        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(id, fromSyncPoint);
        return await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, observer, CancellationToken.None);
    }

    private static IReadOnlyList<string> FolderNames(DovecotServer server, string user)
    {
        using var client = RawImapClient.Connect(server, user);
        var names = client.List().Where(f => !f.Attributes.Contains("\\NonExistent", StringComparer.OrdinalIgnoreCase)).Select(f => f.Name)
            .Order(StringComparer.Ordinal).ToList();
        client.Logout();
        return names;
    }
}
