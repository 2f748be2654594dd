using System;
using Omm.Engine.Connectors.Ews.Discovery;
using Omm.Engine.Endpoints;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace Omm.Engine.State
{
    /// <summary>Migrations: creation, lookup, and the life of a pass (start, heartbeat, stop request, end).</summary>
    public sealed partial class StateStore
    {
        /// <summary>A Running migration whose heartbeat is older than this has lost its process.</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

        public Migration CreateMigration(NewMigration request)
        {
            using var connection = Open();
            for (var attempt = 0; ; attempt++)
            {
                var id = MigrationIds.Next();
                try
                {
                    using var transaction = connection.BeginTransaction();
                    Execute(connection,
                        @"INSERT INTO migration (id, project, skip_certificate_check, include, include_folders, exclude_folders, status, sync_point,
                            created_at, max_messages_per_second, max_bytes_per_second)
                          VALUES ($id, $project, $skip, $include, $includeFolders, $excludeFolders, $status, 0, $now, $maxMessages, $maxBytes)",
                        ("$id", id),
                        ("$project", request.Project),
                        ("$skip", request.Connection.SkipCertificateCheck ? 1 : 0),
                        ("$include", string.Join(",", request.Include)),
                        ("$includeFolders", Lines(request.IncludeFolders)),
                        ("$excludeFolders", Lines(request.ExcludeFolders)),
                        ("$status", MigrationStatus.Queued.ToString()),
                        ("$now", Format(DateTimeOffset.UtcNow)),
                        ("$maxMessages", request.Caps.MaxMessagesPerSecond),
                        ("$maxBytes", request.Caps.MaxBytesPerSecond));
                    SaveSides(connection, id, request.Connection);
                    transaction.Commit();
                    return Get(connection, id)!;
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19 && attempt < 5)
                {
                    // An id collision (constraint violation): draw another.
                }
            }
        }

        /// <summary>Replaces the throughput caps of a migration; its next pass uses them.</summary>
        public void SetThroughputCaps(string id, Migrations.ThroughputCaps caps)
        {
            using var connection = Open();
            if (Execute(connection, "UPDATE migration SET max_messages_per_second = $maxMessages, max_bytes_per_second = $maxBytes WHERE id = $id",
                    ("$maxMessages", caps.MaxMessagesPerSecond), ("$maxBytes", caps.MaxBytesPerSecond), ("$id", id)) == 0)
                throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
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
            using var command = Command(connection, project == null
                    ? "SELECT id FROM migration ORDER BY created_at, id"
                    : "SELECT id FROM migration WHERE project = $project COLLATE NOCASE ORDER BY created_at, id",
                ("$project", project));
            var ids = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    ids.Add(reader.GetString(0));
            }

            return ids.Select(id => Get(connection, id)!).ToList();
        }

        /// <summary>Starts a pass: status Running, a new sync point, this process as runner. Returns that sync point.</summary>
        /// <exception cref="MigrationBusyException">A live process runs a pass of this migration.</exception>
        public int BeginPass(string id, RunnerIdentity runner)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var migration = Get(connection, id) ?? throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
            if (migration.Status == MigrationStatus.Running)
                throw new MigrationBusyException(
                    $"Migration {migration.Id} is running in another process ({RunnerText(connection, migration.Id)}). " +
                    "Stop it with Stop-OmmMigration, or wait until it ends.");

            var now = Format(DateTimeOffset.UtcNow);
            Execute(connection,
                @"UPDATE migration SET status = $running, sync_point = sync_point + 1, started_at = COALESCE(started_at, $now),
                    completed_at = NULL, heartbeat_at = $now, runner = $runner, stop_requested_at = NULL, failure_reason = NULL
                  WHERE id = $id",
                ("$running", MigrationStatus.Running.ToString()), ("$now", now), ("$runner", runner.ToString()), ("$id", migration.Id));
            var syncPoint = Convert.ToInt32(Scalar(connection, "SELECT sync_point FROM migration WHERE id = $id", ("$id", migration.Id)), CultureInfo.InvariantCulture);
            transaction.Commit();
            return syncPoint;
        }

        public void EndPass(string id, MigrationStatus status, string? failureReason)
        {
            using var connection = Open();
            Execute(connection,
                @"UPDATE migration SET status = $status, completed_at = $now, heartbeat_at = NULL, runner = NULL,
                    stop_requested_at = NULL, failure_reason = $reason WHERE id = $id",
                ("$status", status.ToString()), ("$now", Format(DateTimeOffset.UtcNow)), ("$reason", failureReason), ("$id", id));
        }

        public void Heartbeat(string id)
        {
            using var connection = Open();
            Execute(connection, "UPDATE migration SET heartbeat_at = $now WHERE id = $id AND status = $running",
                ("$now", Format(DateTimeOffset.UtcNow)), ("$id", id), ("$running", MigrationStatus.Running.ToString()));
        }

        /// <summary>
        /// Asks the process running a pass of this migration to stop. Returns false when no pass runs
        /// (a Queued migration is marked Stopped at once).
        /// </summary>
        public bool RequestStop(string id)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var migration = Get(connection, id) ?? throw new StateFileException($"There is no migration '{id}' in '{Path}'.");
            var running = migration.Status == MigrationStatus.Running;
            if (running)
                Execute(connection, "UPDATE migration SET stop_requested_at = COALESCE(stop_requested_at, $now) WHERE id = $id",
                    ("$now", Format(DateTimeOffset.UtcNow)), ("$id", migration.Id));
            else if (migration.Status == MigrationStatus.Queued)
                Execute(connection, "UPDATE migration SET status = $stopped, completed_at = $now WHERE id = $id",
                    ("$stopped", MigrationStatus.Stopped.ToString()), ("$now", Format(DateTimeOffset.UtcNow)), ("$id", migration.Id));
            transaction.Commit();
            return running;
        }

        /// <summary>Whether the state records any copy of this migration (message, contact, event or task) on the destination.</summary>
        public bool HasRecordedCopies(string id)
        {
            using var connection = Open();
            return Scalar(connection,
                "SELECT EXISTS (SELECT 1 FROM migrated_item WHERE migration_id = $id) OR EXISTS (SELECT 1 FROM dav_item WHERE migration_id = $id)",
                ("$id", id)) is long found && found != 0;
        }

        /// <summary>
        /// Status Removed: every copy the migration had made was removed from the destination. Not while a pass runs in a
        /// live process, nor for a migration that never ran. Returns whether it did.
        /// </summary>
        public bool MarkRemoved(string id)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var migration = Get(connection, id);
            if (migration == null || migration.Status == MigrationStatus.Running || migration.SyncPoint == 0)
                return false;
            Execute(connection,
                @"UPDATE migration SET status = $removed, heartbeat_at = NULL, runner = NULL, stop_requested_at = NULL, failure_reason = NULL
                  WHERE id = $id",
                ("$removed", MigrationStatus.Removed.ToString()), ("$id", migration.Id));
            transaction.Commit();
            return true;
        }

        /// <summary>Marks a migration as waiting for a slot, unless a pass runs. Returns whether it did.</summary>
        public bool MarkQueued(string id)
        {
            using var connection = Open();
            return Execute(connection,
                "UPDATE migration SET status = $queued, stop_requested_at = NULL WHERE id = $id AND status <> $running",
                ("$queued", MigrationStatus.Queued.ToString()), ("$id", id), ("$running", MigrationStatus.Running.ToString())) > 0;
        }

        public bool IsStopRequested(string id)
        {
            using var connection = Open();
            return Scalar(connection, "SELECT stop_requested_at FROM migration WHERE id = $id", ("$id", id)) is string;
        }

        /// <summary>How to reach both sides again: everything but the passwords.</summary>
        public ConnectionSettings GetConnectionSettings(string id)
        {
            using var connection = Open();
            var storedId = StoredId(connection, id);
            var skipCertificateCheck = Convert.ToInt64(Scalar(connection, "SELECT skip_certificate_check FROM migration WHERE id = $id", ("$id", storedId)),
                CultureInfo.InvariantCulture) != 0;
            var (source, destination) = ReadSides(connection, storedId);
            return new ConnectionSettings(source, destination, skipCertificateCheck);
        }

        public void SetToMigrate(string id, ItemType itemType, long count)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO item_count (migration_id, item_type, to_migrate) VALUES ($id, $type, $count)
                  ON CONFLICT (migration_id, item_type) DO UPDATE SET to_migrate = excluded.to_migrate",
                ("$id", id), ("$type", itemType.ToString()), ("$count", count));
        }

        public void RecordItemError(string id, int syncPoint, ItemError error)
        {
            using var connection = Open();
            InsertItemError(connection, id, syncPoint, error);
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

        private static string RunnerText(SqliteConnection connection, string id)
        {
            var runner = RunnerIdentity.Parse(Scalar(connection, "SELECT runner FROM migration WHERE id = $id", ("$id", id)) as string);
            return runner == null ? "unknown process" : $"process {runner.ProcessId} on {runner.Host}";
        }

        private Migration? Get(SqliteConnection connection, string id)
        {
            using var command = Command(connection,
                @"SELECT id, project, include, status, sync_point, created_at, started_at, completed_at, failure_reason, heartbeat_at, runner,
                    include_folders, exclude_folders, max_messages_per_second, max_bytes_per_second
                  FROM migration WHERE id = $id",
                ("$id", id));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;

            var migrationId = reader.GetString(0);
            var syncPoint = reader.GetInt32(4);
            var status = ParseEnum<MigrationStatus>(reader.GetString(3));
            if (status == MigrationStatus.Running && HasLostItsProcess(ReadTime(reader, 9), reader.IsDBNull(10) ? null : reader.GetString(10)))
                status = MigrationStatus.Interrupted;
            var (source, destination) = ReadSides(connection, migrationId);

            return new Migration(
                migrationId,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                source.Type,
                source.Server,
                source.Account,
                destination.Type,
                destination.Server,
                destination.Account,
                reader.GetString(2).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(ParseEnum<ItemType>).ToList(),
                SplitLines(reader.GetString(11)),
                SplitLines(reader.GetString(12)),
                status,
                syncPoint,
                ReadTime(reader, 5)!.Value,
                ReadTime(reader, 6),
                ReadTime(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                ReadProgress(connection, migrationId, syncPoint),
                ReadErrors(connection, migrationId, syncPoint),
                Path,
                source.DavUrl,
                destination.DavUrl,
                reader.IsDBNull(13) ? (double?)null : reader.GetDouble(13),
                reader.IsDBNull(14) ? (long?)null : reader.GetInt64(14),
                source.Options[EndpointDiscovery.FoundBy],
                destination.Options[EndpointDiscovery.FoundBy]);
        }

        private static bool HasLostItsProcess(DateTimeOffset? heartbeat, string? runner) =>
            heartbeat == null
            || DateTimeOffset.UtcNow - heartbeat.Value > StaleAfter
            || RunnerIdentity.Parse(runner)?.IsGoneFromThisHost() == true;

        private static IReadOnlyList<ItemProgress> ReadProgress(SqliteConnection connection, string id, int syncPoint)
        {
            using var command = Command(connection,
                @"SELECT c.item_type, c.to_migrate,
                    (SELECT COUNT(*) FROM migrated_item m WHERE m.migration_id = c.migration_id AND m.item_type = c.item_type)
                      + (SELECT COUNT(*) FROM dav_item d WHERE d.migration_id = c.migration_id AND d.item_type = c.item_type),
                    (SELECT COUNT(*) FROM item_error e WHERE e.migration_id = c.migration_id AND e.item_type = c.item_type
                        AND e.sync_point = $syncPoint AND e.type = 'Error'),
                    (SELECT COUNT(*) FROM item_error e WHERE e.migration_id = c.migration_id AND e.item_type = c.item_type
                        AND e.sync_point = $syncPoint AND e.type = 'Warning')
                  FROM item_count c WHERE c.migration_id = $id ORDER BY c.item_type",
                ("$id", id), ("$syncPoint", syncPoint));
            var rows = new List<ItemProgress>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(new ItemProgress(ParseEnum<ItemType>(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            return rows;
        }

        private static IReadOnlyList<ItemError> ReadErrors(SqliteConnection connection, string id, int syncPoint)
        {
            using var command = Command(connection,
                @"SELECT type, item_type, folder, item_name, message, occurred_at FROM item_error
                  WHERE migration_id = $id AND sync_point = $syncPoint ORDER BY id",
                ("$id", id), ("$syncPoint", syncPoint));
            var errors = new List<ItemError>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                errors.Add(new ItemError(ParseEnum<ItemErrorType>(reader.GetString(0)), ParseEnum<ItemType>(reader.GetString(1)),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5)!.Value));
            return errors;
        }
    }
}
