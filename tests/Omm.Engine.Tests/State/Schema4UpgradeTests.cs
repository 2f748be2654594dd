using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.State;

/// <summary>
/// A state file of schema 4 (each side in columns of the migration row) opened by this Omm: every side reads back
/// from its endpoint row and options as it was recorded, and the migrations go on as before.
/// </summary>
public sealed class Schema4UpgradeTests : IDisposable
{
    private const string Pop3Migration = "pop34567";
    private const string DavMigration = "dav23456";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-schema4-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Every_side_and_option_reads_back_as_schema_4_recorded_it_and_what_each_migration_did_stays_its_own()
    {
        var path = Schema4File(@"
            INSERT INTO migration (id, project, source_type, source_server, source_account, source_security, destination_type, destination_server,
                destination_account, destination_security, skip_certificate_check, include, include_folders, exclude_folders, status, sync_point,
                created_at, started_at, completed_at, max_messages_per_second, max_bytes_per_second)
            VALUES ('pop34567', 'Acme', 'Pop3', 'pop.old.example:995', 'ann', 'Tls', 'Imap', 'imap.new.example:993', 'ann@new.example', 'Auto', 1,
                'Mail', 'INBOX', 'Junk' || char(10) || 'Trash', 'Completed', 2, '2026-01-02T03:04:05.0000000Z', '2026-01-02T03:05:00.0000000Z',
                '2026-01-03T03:05:00.0000000Z', 2.5, 100000);
            INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ('pop34567', 'Source', 'Pop3Folder', 'Old mail/POP');
            INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ('pop34567', 'Source', 'Pop3MarkAsRead', 'false');
            INSERT INTO credential (migration_id, role, login, secret) VALUES ('pop34567', 'Source', 'ann', x'0102');
            INSERT INTO item_count (migration_id, item_type, to_migrate) VALUES ('pop34567', 'Mail', 3);
            INSERT INTO migrated_item (migration_id, item_type, sync_point, source_folder, source_key, destination_folder, destination_key, size,
                flags, migrated_at)
            VALUES ('pop34567', 'Mail', 1, 'INBOX', '0000000157a1b2c3', 'Old mail/POP', '77:1', 100, '', '2026-01-02T03:06:00.0000000Z'),
                   ('pop34567', 'Mail', 2, 'INBOX', '0000000257a1b2c3', 'Old mail/POP', '77:2', 250, '', '2026-01-03T03:06:00.0000000Z');
            INSERT INTO migrated_folder (migration_id, source_folder, destination_folder, created, destination_cursor)
            VALUES ('pop34567', 'INBOX', 'Old mail/POP', 1, '77:1');
            INSERT INTO item_error (migration_id, sync_point, type, item_type, folder, item_name, message, occurred_at)
            VALUES ('pop34567', 2, 'Warning', 'Mail', 'INBOX', 'big one', 'Too large for the destination.', '2026-01-03T03:06:30.0000000Z');
            INSERT INTO migration (id, project, source_type, source_server, source_account, source_security, destination_type, destination_server,
                destination_account, destination_security, skip_certificate_check, include, status, sync_point, created_at, failure_reason,
                source_dav_url, destination_dav_url)
            VALUES ('dav23456', NULL, 'Imap', 'imap.old.example:993', 'bob', 'Auto', 'Dav', 'https://dav.new.example/bob/', 'bob', 'Auto', 0,
                'Mail,Contacts', 'Failed', 1, '2026-01-04T03:04:05.0000000Z', 'The login failed.', 'https://dav.old.example/bob/',
                'https://dav.new.example/bob/');
            INSERT INTO dav_collection (migration_id, source_collection, kind, destination_href, created, source_state)
            VALUES ('dav23456', '/bob/contacts/', 'AddressBook', '/bob/contacts/', 1, 'sync-token-1');
            INSERT INTO dav_item (migration_id, item_type, sync_point, source_collection, source_key, source_version, uid, destination_href, size,
                migrated_at)
            VALUES ('dav23456', 'Contacts', 1, '/bob/contacts/', 'a.vcf', 'etag-1', 'uid-a', '/bob/contacts/a.vcf', 300, '2026-01-04T03:06:00.0000000Z');");

        var store = new StateStore(path);

        var pop3 = store.GetConnectionSettings(Pop3Migration.ToUpperInvariant());
        Assert.Equal((ServerType.Pop3, "pop.old.example:995", "ann", ConnectionSecurity.Tls, (string?)null),
            (pop3.Source.Type, pop3.Source.Server, pop3.Source.Account, pop3.Source.Security, pop3.Source.DavUrl));
        Assert.Equal(new[] { ("Pop3Folder", "Old mail/POP"), ("Pop3MarkAsRead", "false") }, pop3.Source.Options.Select(o => (o.Key, o.Value)));
        Assert.Equal((ServerType.Imap, "imap.new.example:993", "ann@new.example", ConnectionSecurity.Auto, (string?)null, 0),
            (pop3.Destination.Type, pop3.Destination.Server, pop3.Destination.Account, pop3.Destination.Security, pop3.Destination.DavUrl,
                pop3.Destination.Options.Count));
        Assert.True(pop3.SkipCertificateCheck);
        var dav = store.GetConnectionSettings(DavMigration);
        Assert.Equal((ServerType.Imap, "imap.old.example:993", "bob", ConnectionSecurity.Auto, "https://dav.old.example/bob/", 0),
            (dav.Source.Type, dav.Source.Server, dav.Source.Account, dav.Source.Security, dav.Source.DavUrl, dav.Source.Options.Count));
        Assert.Equal((ServerType.Dav, "https://dav.new.example/bob/", "bob", ConnectionSecurity.Auto, "https://dav.new.example/bob/", 0),
            (dav.Destination.Type, dav.Destination.Server, dav.Destination.Account, dav.Destination.Security, dav.Destination.DavUrl,
                dav.Destination.Options.Count));
        Assert.False(dav.SkipCertificateCheck);

        var pop3Migration = store.Find(Pop3Migration)!;
        Assert.Equal(("Acme", ServerType.Pop3, "pop.old.example:995", "ann", (string?)null, ServerType.Imap, "imap.new.example:993", "ann@new.example", (string?)null),
            (pop3Migration.Project, pop3Migration.SourceType, pop3Migration.SourceServer, pop3Migration.SourceAccount, pop3Migration.SourceDavUrl,
                pop3Migration.DestinationType, pop3Migration.DestinationServer, pop3Migration.DestinationAccount, pop3Migration.DestinationDavUrl));
        Assert.Equal((MigrationStatus.Completed, 2, 2.5, 100000L, "INBOX", "Junk|Trash"),
            (pop3Migration.Status, pop3Migration.SyncPoint, pop3Migration.MaxMessagesPerSecond, pop3Migration.MaxBytesPerSecond,
                string.Join("|", pop3Migration.IncludeFolder), string.Join("|", pop3Migration.ExcludeFolder)));
        Assert.Equal((3L, 2L, 0L, 1L), pop3Migration.Progress.Single() is var p ? (p.ToMigrate, p.Migrated, p.InError, p.InWarning) : default);
        Assert.Equal("Too large for the destination.", Assert.Single(pop3Migration.Errors).Message);
        var davMigration = store.Find(DavMigration)!;
        Assert.Equal(("https://dav.old.example/bob/", "https://dav.new.example/bob/", MigrationStatus.Failed, "The login failed.", "Mail,Contacts"),
            (davMigration.SourceDavUrl, davMigration.DestinationDavUrl, davMigration.Status, davMigration.FailureReason, string.Join(",", davMigration.Include)));

        Assert.Equal(new[] { "0000000157a1b2c3", "0000000257a1b2c3" }, store.GetMigratedItems(Pop3Migration, "INBOX").Select(i => i.SourceKey).Order());
        Assert.Equal("77:1", store.GetFolder(Pop3Migration, "INBOX")!.DestinationCursor);
        Assert.Equal("ann", store.GetCredential(Pop3Migration, "Source")!.Value.Login);
        Assert.Equal("a.vcf", Assert.Single(store.GetEntries(DavMigration, "/bob/contacts/")).SourceKey);
        Assert.Equal(Pop3Migration, Assert.Single(store.MigrationsBetween("ANN", "Ann@New.Example")).Id);
        Assert.Equal(new[] { Pop3Migration }, store.List("acme").Select(m => m.Id));
        Assert.Equal((1, 350L), store.GetProject("Acme") is { } project ? (project.Migrations, project.BytesMigrated) : default);

        using var connection = Connect(path);
        Assert.Equal(7L, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal(0L, Scalar(connection,
            "SELECT COUNT(*) FROM pragma_table_info('migration') WHERE name LIKE 'source\\_%' ESCAPE '\\' OR name LIKE 'destination\\_%' ESCAPE '\\'"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'migration_project'"));
        // The rebuilt table is the one the others refer to: deleting a migration still takes its rows with it.
        Scalar(connection, "PRAGMA foreign_keys = ON; DELETE FROM migration WHERE id = 'pop34567'");
        foreach (var table in new[] { "endpoint", "endpoint_option", "credential", "item_count", "migrated_item", "migrated_folder", "item_error", "created_parent" })
            Assert.Equal(0L, Scalar(connection, $"SELECT COUNT(*) FROM {table} WHERE migration_id = 'pop34567'"));
        Assert.Equal(2L, Scalar(connection, "SELECT COUNT(*) FROM endpoint WHERE migration_id = 'dav23456'"));
    }

    [Fact]
    public async Task An_upgraded_pop3_migration_syncs_with_its_recorded_options_and_copies_nothing_twice()
    {
        const string user = "paul";
        using var source = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        using var destination = DovecotServer.Start();
        TestMigrations.Seed(source, user, new[] { Message("first"), Message("second") });
        var path = Schema4File($@"
            INSERT INTO migration (id, source_type, source_server, source_account, source_security, destination_type, destination_server,
                destination_account, destination_security, skip_certificate_check, include, status, sync_point, created_at)
            VALUES ('pop34567', 'Pop3', '{source.Pop3Address}', '{user}', 'None', 'Imap', '{destination.Address}', '{user}', 'None', 0,
                'Mail', 'Queued', 0, '2026-01-02T03:04:05.0000000Z');
            INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ('pop34567', 'Source', 'Pop3Folder', 'Old mail/POP');
            INSERT INTO endpoint_option (migration_id, role, name, value) VALUES ('pop34567', 'Source', 'Pop3MarkAsRead', 'false');");
        var store = new StateStore(path);
        var settings = store.GetConnectionSettings(Pop3Migration);
        var from = settings.Source.Endpoint(EndpointRole.Source, new NetworkCredential(user, source.Password), settings.SkipCertificateCheck);
        var to = settings.Destination.Endpoint(EndpointRole.Destination, new NetworkCredential(user, destination.Password), settings.SkipCertificateCheck);

        var first = await TestMigrations.RunPass(store, Pop3Migration, from, to);
        var again = await TestMigrations.RunPass(store, Pop3Migration, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason}");
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Empty(copied.In("INBOX"));
        Assert.Equal(2, copied.In("Old mail/POP").Count);
        Assert.All(copied.In("Old mail/POP"), m => Assert.DoesNotContain("\\Seen", m.Flags));
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Empty(store.GetMigratedItemsFrom(Pop3Migration, again.Migration.SyncPoint));
        Assert.Equal(2, MailboxSnapshot.Read(destination, user).In("Old mail/POP").Count);

        TestMigrations.Seed(source, user, new[] { Message("third") });
        var sync = await TestMigrations.RunPass(store, Pop3Migration, from, to);

        Assert.Single(store.GetMigratedItemsFrom(Pop3Migration, sync.Migration.SyncPoint));
        Assert.Equal((MigrationStatus.Completed, 3L), (store.Find(Pop3Migration)!.Status, store.Find(Pop3Migration)!.Progress.Single().Migrated));
        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(Pop3Migration);
        var removed = await remover.RemoveAsync(plan, plan.Folders.Select(f => f.DestinationFolder).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(3, removed.Removed);
        Assert.Empty(MailboxSnapshot.Read(destination, user).In("Old mail/POP"));
    }

    [Fact]
    public async Task Two_stores_that_open_a_schema_4_file_at_once_upgrade_it_once()
    {
        var path = Schema4File(@"
            INSERT INTO migration (id, source_type, source_server, source_account, source_security, destination_type, destination_server,
                destination_account, destination_security, skip_certificate_check, include, status, sync_point, created_at)
            VALUES ('pop34567', 'Pop3', 'pop.old.example:995', 'ann', 'Tls', 'Imap', 'imap.new.example:993', 'ann', 'Auto', 0,
                'Mail', 'Queued', 0, '2026-01-02T03:04:05.0000000Z');");
        StateStore[] stores;
        using (var writer = Connect(path))
        {
            Scalar(writer, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE;");
            var opening = new[] { Task.Run(() => new StateStore(path)), Task.Run(() => new StateStore(path)) };
            // Both read schema 4, then wait for the write lock.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Scalar(writer, "ROLLBACK");
            stores = await Task.WhenAll(opening);
        }

        Assert.All(stores, store => Assert.Equal("pop.old.example:995", store.GetConnectionSettings(Pop3Migration).Source.Server));
        using var connection = Connect(path);
        Assert.Equal(2L, Scalar(connection, "SELECT COUNT(*) FROM endpoint"));
    }

    [Fact]
    public void A_file_of_a_newer_schema_is_refused_with_a_clear_error()
    {
        var path = Path.Combine(directory, "newer.db");
        _ = new StateStore(path);
        using (var connection = Connect(path))
            Scalar(connection, "PRAGMA user_version = 8");

        var refused = Assert.Throws<StateFileException>(() => new StateStore(path));

        Assert.Contains("written by a newer Omm (schema 8); update the module", refused.Message);
    }

    /// <summary>A state file as Omm wrote it at schema 4 (<c>schema-4.sql</c>), holding the rows of <paramref name="rows"/>.</summary>
    private string Schema4File(string rows)
    {
        var path = Path.Combine(directory, "schema-4.db");
        using var connection = Connect(path);
        Scalar(connection, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "State", "schema-4.sql")) + "PRAGMA user_version = 4;" + rows);
        return path;
    }

    private static SqliteConnection Connect(string path)
    {
        SqliteNativeLibrary.EnsureInitialized();
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SeedMessage Message(string subject) => new("INBOX", Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nSubject: {subject}\r\nDate: Wed, 2 Dec 2026 08:00:00 +0000\r\nMessage-ID: <{subject}@example.org>\r\n\r\nBody.\r\n"),
        Array.Empty<string>(), DateTimeOffset.UtcNow, subject);
}
