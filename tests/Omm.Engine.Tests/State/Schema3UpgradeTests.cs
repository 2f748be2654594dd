using System.Formats.Tar;
using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.State;

/// <summary>
/// A state file that Omm wrote at schema 3, with the Dovecot mail and the files its migrations went through
/// (Schema3Fixture/), opened by this Omm: a Sync or a new import copies nothing twice, Remove takes back
/// exactly what each sync point copied, and Get shows what it showed before.
/// </summary>
public sealed class Schema3UpgradeTests : IDisposable
{
    private readonly string copy = Directory.CreateTempSubdirectory("omm-schema3-upgrade-").FullName;
    private readonly Schema3Expectations expected;
    private readonly DovecotServer source;
    private readonly DovecotServer destination;
    private readonly StateStore store;

    public Schema3UpgradeTests()
    {
        CopyDirectory(Schema3Fixture.Directory, copy);
        expected = Schema3Fixture.ReadExpectations(copy);
        source = DovecotServer.Start(Schema3Fixture.SourceOptions(Unpack(Schema3Fixture.SourceMailArchive(copy))));
        destination = DovecotServer.Start(Schema3Fixture.DestinationOptions(Unpack(Schema3Fixture.DestinationMailArchive(copy))));
        PointMigrationsAtThisRun();
        store = new StateStore(Schema3Fixture.StateFile(copy));
    }

    public void Dispose()
    {
        source.Dispose();
        destination.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public void Get_shows_every_migration_as_schema_3_did()
    {
        Assert.Equal(expected.Views.Keys.Order(StringComparer.Ordinal), store.List().Select(m => m.Id).Order(StringComparer.Ordinal));
        foreach (var (id, view) in expected.Views)
            Assert.Equal(view, MigrationView.Of(store.Find(id)!));
    }

    [Fact]
    public async Task A_sync_of_the_imap_migration_copies_nothing_twice_and_then_exactly_the_one_new_message()
    {
        var id = expected.ImapMigration;
        var history = expected.Destinations[Schema3Fixture.SourceUser];
        Assert.Equal(history.MessagesAtSyncPoint[^1], DestinationMessages(Schema3Fixture.SourceUser));
        var migrated = MigratedMail(id);

        var again = await RunImapPass();

        Assert.Equal(MigrationStatus.Completed, again.Status);
        Assert.Equal(history.MessagesAtSyncPoint[^1], DestinationMessages(Schema3Fixture.SourceUser));
        Assert.Equal(0, new MigratedItemRemover(store).Plan(id, again.SyncPoint).Count);
        Assert.Equal(migrated, MigratedMail(id));

        var added = AppendNewSourceMessage();
        var next = await RunImapPass();

        Assert.Equal(MigrationStatus.Completed, next.Status);
        Assert.Equal(history.MessagesAtSyncPoint[^1].Append("INBOX " + added).Order(StringComparer.Ordinal), DestinationMessages(Schema3Fixture.SourceUser));
        Assert.Equal(1, new MigratedItemRemover(store).Plan(id, next.SyncPoint).Count);
        Assert.Equal(migrated + 1, MigratedMail(id));
    }

    [Fact]
    public async Task Remove_takes_back_exactly_what_the_imap_migration_copied_from_sync_point_2_on_and_then_all_of_it()
    {
        var id = expected.ImapMigration;
        var history = expected.Destinations[Schema3Fixture.SourceUser];
        AppendNewSourceMessage();
        Assert.Equal(MigrationStatus.Completed, (await RunImapPass()).Status);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, Schema3Fixture.SourceUser);

        var fromTwo = await Remove(id, 2, to);

        // Sync point 2 copied what appeared in the source between the fixture's two passes; this run's pass copied one more.
        var copiedAtTwo = history.MessagesAtSyncPoint[2].Count - history.MessagesAtSyncPoint[1].Count;
        Assert.Equal((copiedAtTwo + 1, 0), (fromTwo.Removed, fromTwo.AlreadyGone));
        Assert.Equal(history.MessagesAtSyncPoint[1], DestinationMessages(Schema3Fixture.SourceUser));

        var all = await Remove(id, 1, to);

        Assert.Equal(history.MessagesAtSyncPoint[1].Count - history.MessagesAtSyncPoint[0].Count, all.Removed);
        Assert.Equal(history.MessagesAtSyncPoint[0], DestinationMessages(Schema3Fixture.SourceUser));
        Assert.Equal(history.FoldersBefore, MailboxLines.Folders(MailboxSnapshot.Read(destination, Schema3Fixture.SourceUser)));
        Assert.Equal(0, MigratedMail(id));
    }

    [Fact]
    public async Task Importing_the_files_again_copies_nothing_twice_and_Remove_takes_back_exactly_what_each_sync_point_copied()
    {
        foreach (var import in expected.FileImports)
        {
            var history = expected.Destinations[import.User];
            var before = store.Find(import.Id)!;
            Assert.Equal(history.MessagesAtSyncPoint[^1], DestinationMessages(import.User));

            var (result, _) = await FileImports.Run(store, import.Id, Path.Combine(copy, import.Path), destination, import.User);

            Assert.Equal(before.Status, result.Migration.Status);
            Assert.Equal(history.MessagesAtSyncPoint[^1], DestinationMessages(import.User));
            Assert.Equal(0, new MigratedItemRemover(store).Plan(import.Id, result.Migration.SyncPoint).Count);
            Assert.Equal(MigratedMail(before), MigratedMail(import.Id));

            var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, import.User);
            if (history.MessagesAtSyncPoint.Count > 2)
            {
                await Remove(import.Id, 2, to);
                Assert.Equal(history.MessagesAtSyncPoint[1], DestinationMessages(import.User));
            }

            await Remove(import.Id, 1, to);
            Assert.Equal(history.MessagesAtSyncPoint[0], DestinationMessages(import.User));
            Assert.Equal(history.FoldersBefore, MailboxLines.Folders(MailboxSnapshot.Read(destination, import.User)));
        }
    }

    /// <summary>
    /// The fixture's servers listened on ports of their own and its files were in another folder: point each migration
    /// at this run's. Raw SQL on the schema-3 file, before Omm opens (and upgrades) it; only the server columns change.
    /// </summary>
    private void PointMigrationsAtThisRun()
    {
        SqliteNativeLibrary.EnsureInitialized();
        using var connection = new SqliteConnection($"Data Source={Schema3Fixture.StateFile(copy)};Pooling=False");
        connection.Open();
        var servers = expected.FileImports.Select(i => (i.Id, Source: Path.Combine(copy, i.Path)))
            .Append((Id: expected.ImapMigration, Source: source.Address));
        foreach (var (id, sourceServer) in servers)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE migration SET source_server = $source, destination_server = $destination WHERE id = $id";
            command.Parameters.AddWithValue("$source", sourceServer);
            command.Parameters.AddWithValue("$destination", destination.Address);
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }

    private async Task<Migration> RunImapPass()
    {
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, Schema3Fixture.SourceUser);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, Schema3Fixture.SourceUser);
        return (await TestMigrations.RunPass(store, expected.ImapMigration, from, to)).Migration;
    }

    /// <summary>Appends a message the fixture's passes never saw to the source INBOX; returns its SHA-256.</summary>
    private string AppendNewSourceMessage()
    {
        var bytes = SampleMailbox.Generate(900, "Added after the upgrade", 1200);
        using var client = RawImapClient.Connect(source, Schema3Fixture.SourceUser);
        client.Append("INBOX", bytes, new[] { "\\Flagged" }, new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero));
        client.Logout();
        return FileImports.Sha256(bytes);
    }

    private async Task<RemovalResult> Remove(string id, int fromSyncPoint, AccountEndpoint to)
    {
        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(id, fromSyncPoint);
        return await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
    }

    private IReadOnlyList<string> DestinationMessages(string user) => MailboxLines.Messages(MailboxSnapshot.Read(destination, user));

    private long MigratedMail(string id) => MigratedMail(store.Find(id)!);

    private static long MigratedMail(Migration migration) => migration.Progress.Single(p => p.ItemType == ItemType.Mail).Migrated;

    private static string Unpack(string tar)
    {
        var directory = Directory.CreateDirectory(Path.ChangeExtension(tar, null)).FullName;
        TarFile.ExtractToDirectory(tar, directory, overwriteFiles: false);
        return directory;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
