using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;
using Omm.Engine.State;

namespace Omm.Engine.Tests.State;

/// <summary>A state file written by the first Omm (schema 1, mail only) opens in this one, keeps its migrations and takes DAV ones.</summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-schema-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_side_keeps_its_options()
    {
        var store = new StateStore(Path.Combine(directory, "options.db"));
        var options = EndpointOptions.None.With("Pop3Folder", "Old mail").With("Pop3MarkAsRead", "false");
        var created = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Pop3, "pop.old.example:995", "ann", ConnectionSecurity.Auto, options: options),
                new RecordedSide(ServerType.Imap, "new.example:993", "ann", ConnectionSecurity.Auto), false),
            new[] { ItemType.Mail }));

        var settings = store.GetConnectionSettings(created.Id.ToUpperInvariant());

        Assert.Equal(ServerType.Pop3, settings.Source.Type);
        Assert.Equal(new[] { ("Pop3Folder", "Old mail"), ("Pop3MarkAsRead", "false") }, settings.Source.Options.Select(o => (o.Key, o.Value)));
        Assert.Equal(0, settings.Destination.Options.Count);
    }

    [Fact]
    public void A_schema_1_file_is_upgraded_in_place()
    {
        var path = Path.Combine(directory, "old.db");
        _ = new StateStore(Path.Combine(directory, "loads-native-sqlite.db"));
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "State", "schema-1.sql")) + @"
                PRAGMA user_version = 1;
                INSERT INTO migration (id, source_type, source_server, source_account, source_security, destination_type, destination_server,
                    destination_account, destination_security, skip_certificate_check, include, status, sync_point, created_at)
                VALUES ('abcd2345', 'Imap', 'old.example:993', 'ann@old.example', 'Auto', 'Imap', 'new.example:993', 'ann@new.example', 'Auto', 0,
                    'Mail', 'Completed', 3, '2026-01-02T03:04:05.0000000Z');
                INSERT INTO item_count (migration_id, item_type, to_migrate) VALUES ('abcd2345', 'Mail', 1);
                INSERT INTO migrated_item (migration_id, item_type, sync_point, source_folder, source_uid_validity, source_uid, destination_folder,
                    size, flags, migrated_at) VALUES ('abcd2345', 'Mail', 1, 'INBOX', 1234, 17, 'INBOX', 100, '', '2026-01-02T03:04:05.0000000Z');
                INSERT INTO migrated_folder (migration_id, source_folder, destination_folder, destination_first_uid, source_uid_validity,
                    source_highest_modseq) VALUES ('abcd2345', 'INBOX', 'INBOX', 1, 1234, 99);
                INSERT INTO migration (id, source_type, source_server, source_account, source_security, destination_type, destination_server,
                    destination_account, destination_security, skip_certificate_check, include, status, sync_point, created_at)
                VALUES ('efgh6789', 'File', '/tmp/a.mbox', 'a.mbox', 'None', 'Imap', 'new.example:993', 'ann@new.example', 'Auto', 0,
                    'Mail', 'Completed', 1, '2026-01-02T03:04:05.0000000Z');
                INSERT INTO migrated_item (migration_id, item_type, sync_point, source_folder, source_uid_validity, source_uid, destination_folder,
                    destination_uid_validity, destination_uid, size, flags, migrated_at)
                    VALUES ('efgh6789', 'Mail', 1, 'INBOX', 1, 42, 'INBOX', 777, 5, 100, '', '2026-01-02T03:04:05.0000000Z');
                INSERT INTO migrated_folder (migration_id, source_folder, destination_folder, destination_uid_validity, destination_first_uid,
                    source_uid_validity) VALUES ('efgh6789', 'INBOX', 'INBOX', 777, 3, 1);";
            command.ExecuteNonQuery();
        }

        var store = new StateStore(path);

        var old = store.Find("abcd2345")!;
        Assert.Equal((MigrationStatus.Completed, 3, 1L), (old.Status, old.SyncPoint, old.Progress.Single().Migrated));
        // Schema 4 keys: IMAP "UIDVALIDITY:UID" and its folder cursor "UIDVALIDITY:HIGHESTMODSEQ"; a file's message keeps its key.
        Assert.Equal(("1234:17", (string?)null), store.GetMigratedItems("abcd2345", "INBOX").Select(i => (i.SourceKey, i.DestinationKey)).Single());
        Assert.Equal(("1234:99", (string?)null), store.GetFolder("abcd2345", "INBOX") is { } f ? (f.SourceCursor, f.DestinationCursor) : default);
        Assert.Equal(("42", "777:5"), store.GetMigratedItems("efgh6789", "INBOX").Select(i => (i.SourceKey, i.DestinationKey)).Single());
        Assert.Equal(((string?)null, "777:3"), store.GetFolder("efgh6789", "INBOX") is { } g ? (g.SourceCursor, g.DestinationCursor) : default);
        Assert.Null(old.DestinationDavUrl);
        Assert.Empty(store.GetCollections(old.Id));
        var created = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Dav, "https://dav.old.example/", "ann", ConnectionSecurity.Auto, "https://dav.old.example/"),
                new RecordedSide(ServerType.Dav, "https://dav.new.example/", "ann", ConnectionSecurity.Auto, "https://dav.new.example/"), false),
            new[] { ItemType.Contacts }));
        Assert.Equal("https://dav.new.example/", store.Find(created.Id)!.DestinationDavUrl);
        Assert.Equal("https://dav.old.example/", store.GetConnectionSettings(created.Id).Source.DavUrl);
        // Opening it again finds the current schema and changes nothing.
        Assert.Equal(3, new StateStore(path).List().Count);
    }

    [Fact]
    public void A_schema_5_file_gets_the_table_of_created_parents_and_keeps_its_migrations()
    {
        var path = Path.Combine(directory, "five.db");
        var store = new StateStore(path);
        var migration = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Imap, "old.example:993", "ann", ConnectionSecurity.Auto),
                new RecordedSide(ServerType.Imap, "new.example:993", "ann", ConnectionSecurity.Auto), false),
            new[] { ItemType.Mail }));
        store.SaveFolder(migration.Id, new FolderState("Projects/Alpha", "Projects.Alpha", 1, "7:1", null));
        // Schema 5 is schema 7 without the tables of schemas 6 and 7.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE created_parent; DROP TABLE project_oauth; PRAGMA user_version = 5;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var upgraded = new StateStore(path);

        Assert.Equal("Projects.Alpha", upgraded.GetFolder(migration.Id, "Projects/Alpha")!.DestinationFolder);
        Assert.Empty(upgraded.GetCreatedParents(migration.Id));
        upgraded.RecordCreatedParent(migration.Id, "Projects", 2);
        upgraded.RecordCreatedParent(migration.Id, "Projects", 3);
        Assert.Equal(("Projects", 2), Assert.Single(upgraded.GetCreatedParents(migration.Id)));
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            Assert.Equal(7L, command.ExecuteScalar());
        }
    }

    [Fact]
    public void A_schema_6_file_gets_the_table_of_project_OAuth_settings_and_keeps_its_projects_and_migrations()
    {
        var path = Path.Combine(directory, "six.db");
        var store = new StateStore(path);
        store.SaveProjectSettings(ProjectSettings.New("Acme").With(keySalt: new byte[] { 9 }, keyCheck: new byte[] { 8 }));
        var migration = store.CreateMigration(new NewMigration("Acme",
            new ConnectionSettings(new RecordedSide(ServerType.Imap, "old.example:993", "ann", ConnectionSecurity.Auto),
                new RecordedSide(ServerType.Imap, "new.example:993", "ann", ConnectionSecurity.Auto), false),
            new[] { ItemType.Mail }));
        store.StoreCredential(migration.Id, "Source", "ann", new byte[] { 1, 2 });
        store.RecordCreatedParent(migration.Id, "Projects", 2);
        // Schema 6 is schema 7 without the table.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE project_oauth; PRAGMA user_version = 6;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var upgraded = new StateStore(path);

        Assert.Equal(new byte[] { 8 }, upgraded.GetProjectSettings("acme")!.KeyCheck);
        Assert.Equal(new[] { migration.Id }, upgraded.List("Acme").Select(m => m.Id));
        Assert.Equal("ann", upgraded.GetCredential(migration.Id, "Source")!.Value.Login);
        Assert.Equal(("Projects", 2), Assert.Single(upgraded.GetCreatedParents(migration.Id)));
        Assert.Null(upgraded.GetProjectOAuth("Acme", EndpointRole.Source));
        Assert.Null(upgraded.GetProject("Acme")!.SourceOAuth);
        upgraded.SaveProjectOAuth("Acme", EndpointRole.Source, EndpointOptions.None.With("OAuth", "Microsoft365"), new byte[] { 3 });
        Assert.Equal(new byte[] { 3 }, upgraded.GetProjectOAuth("acme", EndpointRole.Source)!.Value.SealedSecret);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            Assert.Equal(7L, command.ExecuteScalar());
            // The settings belong to the project: deleting it takes them with it.
            command.CommandText = "PRAGMA foreign_keys = ON; DELETE FROM project WHERE name = 'acme'; SELECT COUNT(*) FROM project_oauth;";
            Assert.Equal(0L, command.ExecuteScalar());
        }
    }
}
