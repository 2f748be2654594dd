using Microsoft.Data.Sqlite;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Tests;

public sealed class StateStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-state-").FullName;

    private string PathOf(string name) => Path.Combine(directory, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static NewMigration Request(string? project = null) =>
        new(project, new ConnectionSettings(new RecordedSide(ServerType.Imap, "old.example:993", "ann@old.example", ConnectionSecurity.Auto),
            new RecordedSide(ServerType.Imap, "new.example:993", "ann@new.example", ConnectionSecurity.Tls), false), new[] { ItemType.Mail });

    [Fact]
    public void A_new_state_file_and_its_journal_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = PathOf("private.db");
        var store = new StateStore(path);
        store.CreateMigration(Request());

        Assert.True(File.Exists(path + "-wal"), "the write-ahead log exists while the store is in use");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Creates_and_finds_migrations_with_short_unique_ids()
    {
        var store = new StateStore(PathOf("nested/dir/omm.db"));
        var ids = Enumerable.Range(0, 50).Select(_ => store.CreateMigration(Request("acme")).Id).ToList();

        Assert.Equal(50, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[2-9a-hjkmnp-z]{8}$", id));
        var found = store.Find(ids[0].ToUpperInvariant());
        Assert.NotNull(found);
        Assert.Equal(MigrationStatus.Queued, found!.Status);
        Assert.Equal("ann@old.example", found.SourceAccount);
        Assert.Equal(new[] { ItemType.Mail }, found.Include);
        Assert.Equal(50, store.List("ACME").Count);
        Assert.Empty(store.List("other"));
    }

    [Fact]
    public void A_pass_moves_the_sync_point_and_records_items_errors_and_counts()
    {
        var store = new StateStore(PathOf("omm.db"));
        var id = store.CreateMigration(Request()).Id;

        var syncPoint = store.BeginPass(id, RunnerIdentity.Current);
        store.SetToMigrate(id, ItemType.Mail, 3);
        store.RecordMigrated(id, MigratedItem.New(syncPoint, "INBOX", "7:1", "INBOX", "9:100", new MessageFingerprint("a@b", 1234, DateTimeOffset.UtcNow), "\\Seen"),
            new[] { new ItemError(ItemErrorType.Warning, ItemType.Mail, "INBOX", "a (UID 1)", "keywords dropped", DateTimeOffset.UtcNow) });
        store.RecordMigrated(id, MigratedItem.New(syncPoint, "INBOX", "7:2", "INBOX", "9:101", new MessageFingerprint(null, 10, null), string.Empty), Array.Empty<ItemError>());
        store.RecordItemError(id, syncPoint, new ItemError(ItemErrorType.Error, ItemType.Mail, "INBOX", "c (UID 3)", "refused", DateTimeOffset.UtcNow));
        Assert.Equal(MigrationStatus.Running, store.Find(id)!.Status);
        store.EndPass(id, MigrationStatus.CompletedWithErrors, null);

        var migration = store.Find(id)!;
        Assert.Equal(1, migration.SyncPoint);
        Assert.Equal(MigrationStatus.CompletedWithErrors, migration.Status);
        Assert.NotNull(migration.StartedAt);
        Assert.NotNull(migration.CompletedAt);
        var mail = Assert.Single(migration.Progress);
        Assert.Equal((3L, 2L, 1L, 1L, 100), (mail.ToMigrate, mail.Migrated, mail.InError, mail.InWarning, mail.Percent));
        Assert.Equal(2, migration.Errors.Count);
        var items = store.GetMigratedItems(id, "INBOX");
        Assert.Equal(new[] { "7:1", "7:2" }, items.Select(i => i.SourceKey));
        Assert.Equal(new MessageFingerprint("a@b", 1234, items[0].Fingerprint.InternalDateSeconds is long s ? DateTimeOffset.FromUnixTimeSeconds(s) : null), items[0].Fingerprint);
        Assert.Equal("\\Seen", items[0].Flags);
        Assert.Equal(new[] { "9:100", "9:101" }, store.GetDestinationKeys(id, "INBOX").OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(store.GetDestinationKeys(id, "Sent"));

        Assert.Equal(2, store.BeginPass(id, RunnerIdentity.Current));
        Assert.Empty(store.Find(id)!.Errors); // errors are those of the last pass
    }

    [Fact]
    public void A_running_migration_without_a_recent_heartbeat_shows_as_interrupted()
    {
        var path = PathOf("omm.db");
        var store = new StateStore(path);
        var id = store.CreateMigration(Request()).Id;
        store.BeginPass(id, RunnerIdentity.Current);
        Assert.Equal(MigrationStatus.Running, store.Find(id)!.Status);

        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE migration SET heartbeat_at = '2020-01-01T00:00:00.0000000Z'";
            command.ExecuteNonQuery();
        }

        Assert.Equal(MigrationStatus.Interrupted, store.Find(id)!.Status);
        store.Heartbeat(id);
        Assert.Equal(MigrationStatus.Running, store.Find(id)!.Status);
    }

    [Fact]
    public void Openers_of_a_new_state_file_at_once_all_get_an_omm_state_file()
    {
        // Threads of one process, staggered: whoever creates the schema, the others must see an Omm state file. The race
        // CI met was between processes (a pass and a console's Get-OmmMigration, one of them still starting), which this
        // did not reproduce in-process; the fix holds by construction (one statement reads version and tables), and this
        // keeps concurrent opening from regressing otherwise.
        for (var round = 0; round < 100; round++)
        {
            var path = PathOf($"race-{round}.db");
            var opened = 0;
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, opener =>
            {
                // Staggered, so that some open while another is between its reads and its schema transaction.
                Thread.SpinWait(Random.Shared.Next(200_000));
                _ = new StateStore(path);
                Interlocked.Increment(ref opened);
            });
            Assert.Equal(8, opened);
            Assert.Empty(new StateStore(path).List());
        }
    }

    [Fact]
    public void Another_sqlite_file_is_refused_with_a_clear_message()
    {
        var path = PathOf("other.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StateFileException>(() => new StateStore(path));
        Assert.Contains("not an Omm state file", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused_with_a_clear_message()
    {
        var path = PathOf("notes.txt");
        File.WriteAllText(path, "these are not the droids you are looking for, and this is not a database file at all, really.");

        var error = Assert.Throws<StateFileException>(() => new StateStore(path));
        Assert.Contains(path, error.Message);
    }
}
