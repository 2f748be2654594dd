using Microsoft.Data.Sqlite;
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
                    size, flags, migrated_at) VALUES ('abcd2345', 'Mail', 1, 'INBOX', 1, 1, 'INBOX', 100, '', '2026-01-02T03:04:05.0000000Z');";
            command.ExecuteNonQuery();
        }

        var store = new StateStore(path);

        var old = store.Find("abcd2345")!;
        Assert.Equal((MigrationStatus.Completed, 3, 1L), (old.Status, old.SyncPoint, old.Progress.Single().Migrated));
        Assert.Null(old.DestinationDavUrl);
        Assert.Empty(store.GetCollections(old.Id));
        var created = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(ServerType.Dav, "https://dav.old.example/", "ann", ConnectionSecurity.Auto, ServerType.Dav, "https://dav.new.example/", "ann",
                ConnectionSecurity.Auto, false, "https://dav.old.example/", "https://dav.new.example/"),
            new[] { ItemType.Contacts }));
        Assert.Equal("https://dav.new.example/", store.Find(created.Id)!.DestinationDavUrl);
        Assert.Equal("https://dav.old.example/", store.GetConnectionSettings(created.Id).SourceDavUrl);
        // Opening it again finds schema 2 and changes nothing.
        Assert.Equal(2, new StateStore(path).List().Count);
    }
}
