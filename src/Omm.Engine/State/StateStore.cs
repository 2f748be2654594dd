using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace Omm.Engine.State
{
    /// <summary>
    /// The SQLite state file: migrations, what each copied, and its item errors. Safe to share between
    /// processes (WAL, busy timeout). It never holds a password.
    /// </summary>
    public sealed class StateStore
    {
        private const int SchemaVersion = 1;

        /// <summary>A Running migration whose heartbeat is older than this has lost its process.</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

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

        public Migration CreateMigration(NewMigration request)
        {
            using var connection = Open();
            for (var attempt = 0; ; attempt++)
            {
                var id = MigrationIds.Next();
                try
                {
                    Execute(connection,
                        @"INSERT INTO migration (id, project, source_type, source_server, source_account,
                            destination_type, destination_server, destination_account, include, status, sync_point, created_at)
                          VALUES ($id, $project, $sourceType, $sourceServer, $sourceAccount,
                            $destinationType, $destinationServer, $destinationAccount, $include, $status, 0, $now)",
                        ("$id", id),
                        ("$project", request.Project),
                        ("$sourceType", request.SourceType.ToString()),
                        ("$sourceServer", request.SourceServer),
                        ("$sourceAccount", request.SourceAccount),
                        ("$destinationType", request.DestinationType.ToString()),
                        ("$destinationServer", request.DestinationServer),
                        ("$destinationAccount", request.DestinationAccount),
                        ("$include", string.Join(",", request.Include)),
                        ("$status", MigrationStatus.Queued.ToString()),
                        ("$now", Format(DateTimeOffset.UtcNow)));
                    return Get(connection, id)!;
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19 && attempt < 5)
                {
                    // An id collision (constraint violation): draw another.
                }
            }
        }

        public Migration? Find(string id)
        {
            using var connection = Open();
            return Get(connection, id);
        }

        /// <summary>Every migration, optionally of one project, oldest first.</summary>
        public IReadOnlyList<Migration> List(string? project = null)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = project == null
                ? "SELECT id FROM migration ORDER BY created_at, id"
                : "SELECT id FROM migration WHERE project = $project COLLATE NOCASE ORDER BY created_at, id";
            if (project != null)
                command.Parameters.AddWithValue("$project", project);
            var ids = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    ids.Add(reader.GetString(0));
            }

            return ids.Select(id => Get(connection, id)!).ToList();
        }

        /// <summary>Starts a pass: status Running, a new sync point. Returns that sync point.</summary>
        public int BeginPass(string id)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var now = Format(DateTimeOffset.UtcNow);
            var changed = Execute(connection,
                @"UPDATE migration SET status = $running, sync_point = sync_point + 1,
                    started_at = COALESCE(started_at, $now), completed_at = NULL, heartbeat_at = $now, failure_reason = NULL
                  WHERE id = $id",
                ("$running", MigrationStatus.Running.ToString()), ("$now", now), ("$id", id));
            if (changed == 0)
                throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
            var syncPoint = Convert.ToInt32(Scalar(connection, "SELECT sync_point FROM migration WHERE id = $id", ("$id", id)), CultureInfo.InvariantCulture);
            transaction.Commit();
            return syncPoint;
        }

        public void EndPass(string id, MigrationStatus status, string? failureReason)
        {
            using var connection = Open();
            Execute(connection,
                "UPDATE migration SET status = $status, completed_at = $now, heartbeat_at = NULL, failure_reason = $reason WHERE id = $id",
                ("$status", status.ToString()), ("$now", Format(DateTimeOffset.UtcNow)), ("$reason", failureReason), ("$id", id));
        }

        public void Heartbeat(string id)
        {
            using var connection = Open();
            Execute(connection, "UPDATE migration SET heartbeat_at = $now WHERE id = $id",
                ("$now", Format(DateTimeOffset.UtcNow)), ("$id", id));
        }

        public void SetToMigrate(string id, ItemType itemType, long count)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO item_count (migration_id, item_type, to_migrate) VALUES ($id, $type, $count)
                  ON CONFLICT (migration_id, item_type) DO UPDATE SET to_migrate = excluded.to_migrate",
                ("$id", id), ("$type", itemType.ToString()), ("$count", count));
        }

        /// <summary>Source UIDs of a folder (at one UIDVALIDITY) that this migration already copied.</summary>
        public HashSet<uint> GetMigratedSourceUids(string id, string sourceFolder, uint uidValidity)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                @"SELECT source_uid FROM migrated_item
                  WHERE migration_id = $id AND item_type = 'Mail' AND source_folder = $folder AND source_uid_validity = $validity";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$folder", sourceFolder);
            command.Parameters.AddWithValue("$validity", (long)uidValidity);
            var uids = new HashSet<uint>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                uids.Add((uint)reader.GetInt64(0));
            return uids;
        }

        /// <summary>Records one copied message and its warnings in one transaction.</summary>
        public void RecordMigrated(MigratedMessage message, IReadOnlyList<ItemError> warnings)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            Execute(connection,
                @"INSERT INTO migrated_item (migration_id, item_type, sync_point, source_folder, source_uid_validity, source_uid,
                    destination_folder, destination_uid_validity, destination_uid, message_id, size, internal_date, migrated_at)
                  VALUES ($id, 'Mail', $syncPoint, $sourceFolder, $sourceValidity, $sourceUid,
                    $destinationFolder, $destinationValidity, $destinationUid, $messageId, $size, $internalDate, $now)",
                ("$id", message.MigrationId),
                ("$syncPoint", message.SyncPoint),
                ("$sourceFolder", message.SourceFolder),
                ("$sourceValidity", (long)message.SourceUidValidity),
                ("$sourceUid", (long)message.SourceUid),
                ("$destinationFolder", message.DestinationFolder),
                ("$destinationValidity", (long?)message.DestinationUidValidity),
                ("$destinationUid", (long?)message.DestinationUid),
                ("$messageId", message.MessageId),
                ("$size", message.Size),
                ("$internalDate", message.InternalDate.HasValue ? Format(message.InternalDate.Value) : null),
                ("$now", Format(DateTimeOffset.UtcNow)));
            foreach (var warning in warnings)
                InsertItemError(connection, message.MigrationId, message.SyncPoint, warning);
            transaction.Commit();
        }

        public void RecordItemError(string id, int syncPoint, ItemError error)
        {
            using var connection = Open();
            InsertItemError(connection, id, syncPoint, error);
        }

        public void RecordFolder(string id, int syncPoint, string sourceFolder, string destinationFolder, bool created)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO migrated_folder (migration_id, source_folder, destination_folder, created, sync_point)
                  VALUES ($id, $source, $destination, $created, $syncPoint)
                  ON CONFLICT (migration_id, source_folder) DO UPDATE SET destination_folder = excluded.destination_folder,
                    created = MAX(created, excluded.created)",
                ("$id", id), ("$source", sourceFolder), ("$destination", destinationFolder), ("$created", created ? 1 : 0), ("$syncPoint", syncPoint));
        }

        public long CountErrors(string id, int syncPoint)
        {
            using var connection = Open();
            return Convert.ToInt64(Scalar(connection,
                "SELECT COUNT(*) FROM item_error WHERE migration_id = $id AND sync_point = $syncPoint AND type = 'Error'",
                ("$id", id), ("$syncPoint", syncPoint)), CultureInfo.InvariantCulture);
        }

        private static void InsertItemError(SqliteConnection connection, string id, int syncPoint, ItemError error) =>
            Execute(connection,
                @"INSERT INTO item_error (migration_id, sync_point, type, item_type, folder, item_name, message, occurred_at)
                  VALUES ($id, $syncPoint, $type, $itemType, $folder, $itemName, $message, $at)",
                ("$id", id), ("$syncPoint", syncPoint), ("$type", error.Type.ToString()), ("$itemType", error.ItemType.ToString()),
                ("$folder", error.Folder), ("$itemName", error.ItemName), ("$message", error.Message), ("$at", Format(error.OccurredAt)));

        private Migration? Get(SqliteConnection connection, string id)
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                @"SELECT id, project, source_type, source_server, source_account, destination_type, destination_server,
                    destination_account, include, status, sync_point, created_at, started_at, completed_at, failure_reason, heartbeat_at
                  FROM migration WHERE id = $id COLLATE NOCASE";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;

            var migrationId = reader.GetString(0);
            var syncPoint = reader.GetInt32(10);
            var status = ParseEnum<MigrationStatus>(reader.GetString(9));
            var heartbeat = ReadTime(reader, 15);
            if (status == MigrationStatus.Running && (heartbeat == null || DateTimeOffset.UtcNow - heartbeat.Value > StaleAfter))
                status = MigrationStatus.Interrupted;

            return new Migration(
                migrationId,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                ParseEnum<ServerType>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                ParseEnum<ServerType>(reader.GetString(5)),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(ParseEnum<ItemType>).ToList(),
                status,
                syncPoint,
                ReadTime(reader, 11)!.Value,
                ReadTime(reader, 12),
                ReadTime(reader, 13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                ReadProgress(connection, migrationId, syncPoint),
                ReadErrors(connection, migrationId, syncPoint),
                Path);
        }

        private static IReadOnlyList<ItemProgress> ReadProgress(SqliteConnection connection, string id, int syncPoint)
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                @"SELECT c.item_type, c.to_migrate,
                    (SELECT COUNT(*) FROM migrated_item m WHERE m.migration_id = c.migration_id AND m.item_type = c.item_type),
                    (SELECT COUNT(*) FROM item_error e WHERE e.migration_id = c.migration_id AND e.item_type = c.item_type
                        AND e.sync_point = $syncPoint AND e.type = 'Error'),
                    (SELECT COUNT(*) FROM item_error e WHERE e.migration_id = c.migration_id AND e.item_type = c.item_type
                        AND e.sync_point = $syncPoint AND e.type = 'Warning')
                  FROM item_count c WHERE c.migration_id = $id ORDER BY c.item_type";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$syncPoint", syncPoint);
            var rows = new List<ItemProgress>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(new ItemProgress(ParseEnum<ItemType>(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            return rows;
        }

        private static IReadOnlyList<ItemError> ReadErrors(SqliteConnection connection, string id, int syncPoint)
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                @"SELECT type, item_type, folder, item_name, message, occurred_at FROM item_error
                  WHERE migration_id = $id AND sync_point = $syncPoint ORDER BY id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$syncPoint", syncPoint);
            var errors = new List<ItemError>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                errors.Add(new ItemError(ParseEnum<ItemErrorType>(reader.GetString(0)), ParseEnum<ItemType>(reader.GetString(1)),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5)!.Value));
            return errors;
        }

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            return connection;
        }

        private void CreateSchema(SqliteConnection connection)
        {
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version == SchemaVersion)
                return;
            if (version > SchemaVersion)
                throw new StateFileException($"The state file '{Path}' was written by a newer Omm (schema {version}); update the module.");
            var hasForeignTables = Convert.ToInt64(Scalar(connection,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"), CultureInfo.InvariantCulture) > 0;
            if (version == 0 && hasForeignTables)
                throw new StateFileException($"'{Path}' is a SQLite file, but not an Omm state file.");

            Execute(connection, "PRAGMA journal_mode = WAL;");
            using var transaction = connection.BeginTransaction();
            Execute(connection, Schema);
            Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
            transaction.Commit();
        }

        private const string Schema = @"
CREATE TABLE migration (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    project TEXT,
    source_type TEXT NOT NULL,
    source_server TEXT NOT NULL,
    source_account TEXT NOT NULL,
    destination_type TEXT NOT NULL,
    destination_server TEXT NOT NULL,
    destination_account TEXT NOT NULL,
    include TEXT NOT NULL,
    status TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    heartbeat_at TEXT,
    failure_reason TEXT
);
CREATE INDEX migration_project ON migration (project);
CREATE TABLE item_count (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    to_migrate INTEGER NOT NULL,
    PRIMARY KEY (migration_id, item_type)
);
CREATE TABLE migrated_item (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    source_folder TEXT NOT NULL,
    source_uid_validity INTEGER NOT NULL,
    source_uid INTEGER NOT NULL,
    destination_folder TEXT NOT NULL,
    destination_uid_validity INTEGER,
    destination_uid INTEGER,
    message_id TEXT,
    size INTEGER,
    internal_date TEXT,
    migrated_at TEXT NOT NULL,
    UNIQUE (migration_id, item_type, source_folder, source_uid_validity, source_uid)
);
CREATE INDEX migrated_item_fingerprint ON migrated_item (migration_id, source_folder, message_id, size);
CREATE TABLE migrated_folder (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    source_folder TEXT NOT NULL,
    destination_folder TEXT NOT NULL,
    created INTEGER NOT NULL,
    sync_point INTEGER NOT NULL,
    PRIMARY KEY (migration_id, source_folder)
);
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
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }

        private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return command.ExecuteScalar();
        }

        private static string Format(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal)
                ? (DateTimeOffset?)null
                : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        private static T ParseEnum<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: true);
    }
}
