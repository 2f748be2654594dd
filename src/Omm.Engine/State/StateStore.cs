using System;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Omm.Engine.State
{
    /// <summary>
    /// The SQLite state file: migrations, what each copied, its folders and item errors. Safe to share
    /// between processes (WAL, busy timeout); every recorded item is its own transaction, so a killed
    /// process leaves it consistent. It never holds a password.
    /// </summary>
    public sealed partial class StateStore
    {
        private const int SchemaVersion = 7;

        private readonly string connectionString;

        /// <exception cref="StateFileException">The file cannot be created or is not an Omm state file.</exception>
        public StateStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException("The state file path is empty.", nameof(path));

            Path = System.IO.Path.GetFullPath(path);
            SqliteNativeLibrary.EnsureInitialized();
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();

            try
            {
                var directory = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(directory))
                    Directory.CreateDirectory(directory);
                OwnerOnlyFile.CreateIfMissing(Path);
                using var connection = Open();
                CreateSchema(connection);
            }
            catch (SqliteException e)
            {
                throw new StateFileException($"The state file '{Path}' cannot be used: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new StateFileException($"The state file '{Path}' cannot be created: {e.Message}", e);
            }
        }

        public string Path { get; }

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            // SQLite caches up to 2 MB of pages per connection, so its memory grew with the state file (0.7 MB
            // at the peak of a 5,000-message pass, 3.2 MB at 50,000); what a pass reads and writes is a few pages.
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -256;");
            return connection;
        }

        private void CreateSchema(SqliteConnection connection)
        {
            var (version, hasTables) = ReadSchema(connection);
            if (version == SchemaVersion)
                return;
            ThrowIfNotUpgradable(version, hasTables);

            Execute(connection, "PRAGMA journal_mode = WAL;");
            // Upgrading from schema 1-4 rebuilds the migration table, and dropping the old one with foreign keys on would
            // delete every row that refers to it; the pragma is a no-op inside a transaction, so it is set around it.
            Execute(connection, "PRAGMA foreign_keys = OFF;");
            try
            {
                using var transaction = connection.BeginTransaction();
                // Read again under the write lock: another process may have created or upgraded the file meanwhile.
                (version, hasTables) = ReadSchema(connection);
                if (version == SchemaVersion)
                    return;
                ThrowIfNotUpgradable(version, hasTables);

                if (version == 0)
                    Execute(connection, Schema);
                if (version <= 1)
                    Execute(connection, (version == 1 ? DavColumns : string.Empty) + DavSchema);
                if (version >= 1 && version <= 2)
                    Execute(connection, ThroughputColumns);
                if (version >= 1 && version <= 3)
                    Execute(connection, TextKeys);
                if (version <= 3)
                    Execute(connection, EndpointOptionSchema);
                if (version <= 4)
                    Execute(connection, EndpointSchema);
                if (version >= 1 && version <= 4)
                    Execute(connection, SidesIntoEndpointRows);
                if (version <= 5)
                    Execute(connection, CreatedParentSchema);
                if (version <= 6)
                    Execute(connection, ProjectOAuthSchema);
                ThrowOnBrokenReferences(connection);
                Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
                transaction.Commit();
            }
            finally
            {
                Execute(connection, "PRAGMA foreign_keys = ON;");
            }
        }

        /// <summary>
        /// The schema version and whether the file has tables, read by one statement: read by two, another process creating
        /// the schema between them made a new state file look like a foreign SQLite file (version 0, with tables).
        /// </summary>
        private static (int Version, bool HasTables) ReadSchema(SqliteConnection connection)
        {
            using var command = Command(connection,
                "SELECT (SELECT user_version FROM pragma_user_version), " +
                "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%')");
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt32(0), reader.GetInt64(1) > 0);
        }

        private void ThrowIfNotUpgradable(int version, bool hasTables)
        {
            if (version > SchemaVersion)
                throw new StateFileException($"The state file '{Path}' was written by a newer Omm (schema {version}); update the module.");
            if (version == 0 && hasTables)
                throw new StateFileException($"'{Path}' is a SQLite file, but not an Omm state file.");
        }

        private void ThrowOnBrokenReferences(SqliteConnection connection)
        {
            using var command = Command(connection, "PRAGMA foreign_key_check");
            using var reader = command.ExecuteReader();
            if (reader.Read())
                throw new StateFileException($"The state file '{Path}' cannot be upgraded: a row of '{reader.GetString(0)}' refers to a missing '{reader.GetString(2)}'.");
        }

        /// <summary>Schema 2: what a state file of schema 1 lacks for contacts, calendars and tasks.</summary>
        private const string DavColumns = @"
ALTER TABLE migration ADD COLUMN source_dav_url TEXT;
ALTER TABLE migration ADD COLUMN destination_dav_url TEXT;
";

        /// <summary>Schema 3: what a state file of schema 1 or 2 lacks for throughput caps.</summary>
        private const string ThroughputColumns = @"
ALTER TABLE migration ADD COLUMN max_messages_per_second REAL;
ALTER TABLE migration ADD COLUMN max_bytes_per_second INTEGER;
";

        /// <summary>
        /// Schema 4: a message is known on each side by the text key its connector gives (IMAP "UIDVALIDITY:UID", a key in a
        /// file, a POP3 UIDL) and a folder's state on each side by one text cursor, instead of IMAP's numbers. Records of files
        /// keep their keys. (A NULL in a concatenation gives NULL: a copy whose UID was unknown stays without a key.)
        /// </summary>
        private const string TextKeys = @"
CREATE TABLE migrated_item_4 (" + MigratedItemColumns + @");
INSERT INTO migrated_item_4 (id, migration_id, item_type, sync_point, source_folder, source_key, destination_folder, destination_key,
    message_id, size, internal_date, flags, migrated_at)
  SELECT i.id, i.migration_id, i.item_type, i.sync_point, i.source_folder,
    CASE WHEN m.source_type = 'File' THEN CAST(i.source_uid AS TEXT) ELSE CAST(i.source_uid_validity AS TEXT) || ':' || CAST(i.source_uid AS TEXT) END,
    i.destination_folder, CAST(i.destination_uid_validity AS TEXT) || ':' || CAST(i.destination_uid AS TEXT),
    i.message_id, i.size, i.internal_date, i.flags, i.migrated_at
  FROM migrated_item i JOIN migration m ON m.id = i.migration_id;
DROP TABLE migrated_item;
ALTER TABLE migrated_item_4 RENAME TO migrated_item;
CREATE INDEX migrated_item_sync_point ON migrated_item (migration_id, sync_point);
CREATE TABLE migrated_folder_4 (" + MigratedFolderColumns + @");
INSERT INTO migrated_folder_4 (migration_id, source_folder, destination_folder, created, destination_cursor, source_cursor)
  SELECT f.migration_id, f.source_folder, f.destination_folder, f.created,
    CAST(f.destination_uid_validity AS TEXT) || ':' || CAST(f.destination_first_uid AS TEXT),
    CASE WHEN m.source_type = 'File' OR f.source_uid_validity IS NULL THEN NULL
         ELSE CAST(f.source_uid_validity AS TEXT) || COALESCE(':' || CAST(f.source_highest_modseq AS TEXT), '') END
  FROM migrated_folder f JOIN migration m ON m.id = f.migration_id;
DROP TABLE migrated_folder;
ALTER TABLE migrated_folder_4 RENAME TO migrated_folder;
";

        /// <summary>Schema 4: what a side needs besides its server and login, by kind (e.g. a POP3 source's destination folder).</summary>
        private const string EndpointOptionSchema = @"
CREATE TABLE endpoint_option (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (migration_id, role, name)
);
";

        /// <summary>Schema 5: each side of a migration is a row of its own (kind, server, login, security).</summary>
        private const string EndpointSchema = @"
CREATE TABLE endpoint (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('Source', 'Destination', 'Smtp')),
    type TEXT NOT NULL,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    security TEXT NOT NULL,
    PRIMARY KEY (migration_id, role)
);
";

        /// <summary>
        /// Schema 5: moves the side columns of a schema-4 migration table into endpoint rows (a DAV URL becomes the side's
        /// DavUrl option) and rebuilds the table without them: one copy instead of a rewrite per dropped column, and the
        /// table is then the one a new file gets, whichever schema the file had. The other tables refer to it by name.
        /// </summary>
        private const string SidesIntoEndpointRows = @"
INSERT INTO endpoint (migration_id, role, type, server, account, security)
  SELECT id, 'Source', source_type, source_server, source_account, source_security FROM migration
  UNION ALL
  SELECT id, 'Destination', destination_type, destination_server, destination_account, destination_security FROM migration;
INSERT INTO endpoint_option (migration_id, role, name, value)
  SELECT id, 'Source', '" + DavUrlOption + @"', source_dav_url FROM migration WHERE source_dav_url IS NOT NULL
  UNION ALL
  SELECT id, 'Destination', '" + DavUrlOption + @"', destination_dav_url FROM migration WHERE destination_dav_url IS NOT NULL;
CREATE TABLE migration_5 (" + MigrationColumns + @");
INSERT INTO migration_5 (" + MigrationColumnNames + @")
  SELECT " + MigrationColumnNames + @" FROM migration;
DROP TABLE migration;
ALTER TABLE migration_5 RENAME TO migration;
CREATE INDEX migration_project ON migration (project);
";

        /// <summary>
        /// Schema 6: the destination folders a migration created only as parents of the folders it fills (a source folder
        /// 'Projects/Alpha' whose 'Projects' is not migrated itself), so that Remove deletes them too once they are empty.
        /// </summary>
        private const string CreatedParentSchema = @"
CREATE TABLE created_parent (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    destination_folder TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (migration_id, destination_folder)
);
";

        /// <summary>
        /// Schema 7: the OAuth2 settings a project keeps for each side (<see cref="OAuth.OAuthOptionNames"/> as JSON, none of
        /// them secret) and the side's secret sealed with the project key (NULL when none was given with a project password),
        /// so that rows piped in later give only addresses.
        /// </summary>
        private const string ProjectOAuthSchema = @"
CREATE TABLE project_oauth (
    project TEXT NOT NULL COLLATE NOCASE REFERENCES project (name) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('Source', 'Destination', 'Smtp')),
    options TEXT NOT NULL,
    secret BLOB,
    PRIMARY KEY (project, role)
);
";

        private const string MigrationColumns = @"
    id TEXT PRIMARY KEY COLLATE NOCASE,
    project TEXT,
    skip_certificate_check INTEGER NOT NULL,
    include TEXT NOT NULL,
    include_folders TEXT NOT NULL DEFAULT '',
    exclude_folders TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    heartbeat_at TEXT,
    runner TEXT,
    stop_requested_at TEXT,
    failure_reason TEXT,
    max_messages_per_second REAL,
    max_bytes_per_second INTEGER
";

        private const string MigrationColumnNames = @"id, project, skip_certificate_check, include, include_folders, exclude_folders, status,
    sync_point, created_at, started_at, completed_at, heartbeat_at, runner, stop_requested_at, failure_reason,
    max_messages_per_second, max_bytes_per_second";

        private const string MigratedItemColumns = @"
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    source_folder TEXT NOT NULL,
    source_key TEXT NOT NULL,
    destination_folder TEXT NOT NULL,
    destination_key TEXT,
    message_id TEXT,
    size INTEGER NOT NULL,
    internal_date INTEGER,
    flags TEXT NOT NULL,
    migrated_at TEXT NOT NULL,
    UNIQUE (migration_id, item_type, source_folder, source_key)
";

        private const string MigratedFolderColumns = @"
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    source_folder TEXT NOT NULL,
    destination_folder TEXT NOT NULL,
    created INTEGER,
    destination_cursor TEXT,
    source_cursor TEXT,
    PRIMARY KEY (migration_id, source_folder)
";

        private const string DavSchema = @"
CREATE TABLE dav_collection (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    source_collection TEXT NOT NULL,
    kind TEXT NOT NULL,
    destination_href TEXT NOT NULL,
    created INTEGER,
    source_state TEXT,
    item_counts TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (migration_id, source_collection)
);
CREATE TABLE dav_item (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    source_collection TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source_version TEXT NOT NULL,
    uid TEXT NOT NULL,
    destination_href TEXT NOT NULL,
    destination_etag TEXT,
    size INTEGER NOT NULL,
    migrated_at TEXT NOT NULL,
    UNIQUE (migration_id, source_collection, source_key)
);
CREATE INDEX dav_item_sync_point ON dav_item (migration_id, sync_point);
";

        private const string Schema = @"
CREATE TABLE migration (" + MigrationColumns + @");
CREATE INDEX migration_project ON migration (project);
CREATE TABLE project (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    created_at TEXT NOT NULL,
    include TEXT,
    throttle_limit INTEGER,
    include_folders TEXT NOT NULL DEFAULT '',
    exclude_folders TEXT NOT NULL DEFAULT '',
    notification_emails TEXT NOT NULL DEFAULT '',
    notification_from TEXT,
    smtp_server TEXT,
    smtp_security TEXT,
    smtp_login TEXT,
    smtp_secret BLOB,
    key_salt BLOB,
    key_check BLOB
);
CREATE TABLE credential (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    login TEXT NOT NULL,
    secret BLOB NOT NULL,
    PRIMARY KEY (migration_id, role)
);
CREATE TABLE item_count (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    to_migrate INTEGER NOT NULL,
    PRIMARY KEY (migration_id, item_type)
);
CREATE TABLE migrated_item (" + MigratedItemColumns + @");
CREATE INDEX migrated_item_sync_point ON migrated_item (migration_id, sync_point);
CREATE TABLE migrated_folder (" + MigratedFolderColumns + @");
CREATE TABLE item_error (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    sync_point INTEGER NOT NULL,
    type TEXT NOT NULL,
    item_type TEXT NOT NULL,
    folder TEXT NOT NULL,
    item_name TEXT NOT NULL,
    message TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);
CREATE INDEX item_error_pass ON item_error (migration_id, sync_point);
";

        private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(connection, sql, parameters);
            return command.ExecuteNonQuery();
        }

        private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(connection, sql, parameters);
            return command.ExecuteScalar();
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return command;
        }

        private static string Format(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal)
                ? (DateTimeOffset?)null
                : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        private static T ParseEnum<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: true);

        /// <summary>Lists are stored one item per line.</summary>
        private static string Lines(System.Collections.Generic.IEnumerable<string>? items) => items == null ? string.Empty : string.Join("\n", items);

        private static string[] SplitLines(string text) => text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
