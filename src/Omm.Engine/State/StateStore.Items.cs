using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Omm.Engine.Mail;

namespace Omm.Engine.State
{
    /// <summary>What a migration copied: messages and the folders they went to.</summary>
    public sealed partial class StateStore
    {
        private const string ItemColumns =
            @"id, sync_point, source_folder, source_key, destination_folder, destination_key, message_id, size, internal_date, flags";

        /// <summary>Records one copied message and its warnings in one transaction.</summary>
        public void RecordMigrated(string migrationId, MigratedItem message, IReadOnlyList<ItemError> warnings) =>
            RecordMigrated(migrationId, new[] { (message, warnings) });

        /// <summary>Records copied messages and their warnings in one transaction: all or none.</summary>
        public void RecordMigrated(string migrationId, IReadOnlyList<(MigratedItem Message, IReadOnlyList<ItemError> Warnings)> copies)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var (message, warnings) in copies)
                InsertMigrated(connection, migrationId, message, warnings);
            transaction.Commit();
        }

        private static void InsertMigrated(SqliteConnection connection, string migrationId, MigratedItem message, IReadOnlyList<ItemError> warnings)
        {
            Execute(connection,
                @"INSERT INTO migrated_item (migration_id, item_type, sync_point, source_folder, source_key,
                    destination_folder, destination_key, message_id, size, internal_date, flags, migrated_at)
                  VALUES ($id, 'Mail', $syncPoint, $sourceFolder, $sourceKey,
                    $destinationFolder, $destinationKey, $messageId, $size, $internalDate, $flags, $now)",
                ("$id", migrationId),
                ("$syncPoint", message.SyncPoint),
                ("$sourceFolder", message.SourceFolder),
                ("$sourceKey", message.SourceKey),
                ("$destinationFolder", message.DestinationFolder),
                ("$destinationKey", message.DestinationKey),
                ("$messageId", message.Fingerprint.MessageId),
                ("$size", message.Fingerprint.Size),
                ("$internalDate", message.Fingerprint.InternalDateSeconds),
                ("$flags", message.Flags),
                ("$now", Format(DateTimeOffset.UtcNow)));
            foreach (var warning in warnings)
                InsertItemError(connection, migrationId, message.SyncPoint, warning);
        }

        /// <summary>Every message this migration copied from one source folder.</summary>
        public IReadOnlyList<MigratedItem> GetMigratedItems(string id, string sourceFolder) =>
            ReadItems($"SELECT {ItemColumns} FROM migrated_item WHERE migration_id = $id AND item_type = 'Mail' AND source_folder = $folder ORDER BY id",
                ("$id", id), ("$folder", sourceFolder));

        /// <summary>Every message this migration copied at <paramref name="fromSyncPoint"/> or later.</summary>
        public IReadOnlyList<MigratedItem> GetMigratedItemsFrom(string id, int fromSyncPoint) =>
            ReadItems($"SELECT {ItemColumns} FROM migrated_item WHERE migration_id = $id AND item_type = 'Mail' AND sync_point >= $from ORDER BY id",
                ("$id", id), ("$from", fromSyncPoint));

        /// <summary>The destination keys of every copy this migration recorded in a destination folder.</summary>
        public IReadOnlyList<string> GetDestinationKeys(string id, string destinationFolder)
        {
            using var connection = Open();
            using var command = Command(connection,
                "SELECT destination_key FROM migrated_item WHERE migration_id = $id AND destination_folder = $folder AND destination_key IS NOT NULL",
                ("$id", id), ("$folder", destinationFolder));
            var keys = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                keys.Add(reader.GetString(0));
            return keys;
        }

        /// <summary>The source message behind a record has a new key (e.g. its IMAP folder's UIDVALIDITY changed).</summary>
        public void UpdateSourceIdentity(long rowId, string sourceKey)
        {
            using var connection = Open();
            Execute(connection, "UPDATE migrated_item SET source_key = $key WHERE id = $row", ("$key", sourceKey), ("$row", rowId));
        }

        /// <summary>The copy behind a record has a new key (e.g. its IMAP folder's UIDVALIDITY changed, or it was found by fingerprint).</summary>
        public void UpdateDestinationIdentity(long rowId, string destinationKey)
        {
            using var connection = Open();
            Execute(connection, "UPDATE migrated_item SET destination_key = $key WHERE id = $row", ("$key", destinationKey), ("$row", rowId));
        }

        public void UpdateFlags(IEnumerable<long> rowIds, string flags)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var rowId in rowIds)
                Execute(connection, "UPDATE migrated_item SET flags = $flags WHERE id = $row", ("$flags", flags), ("$row", rowId));
            transaction.Commit();
        }

        /// <summary>The records no longer stand for a copy on the destination: a later pass copies their messages again.</summary>
        public void ForgetItems(IEnumerable<long> rowIds)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var rowId in rowIds)
                Execute(connection, "DELETE FROM migrated_item WHERE id = $row", ("$row", rowId));
            transaction.Commit();
        }

        public FolderState? GetFolder(string id, string sourceFolder) =>
            ReadFolders("WHERE migration_id = $id AND source_folder = $folder", ("$id", id), ("$folder", sourceFolder)).FirstOrDefault();

        public IReadOnlyList<FolderState> GetFolders(string id) =>
            ReadFolders("WHERE migration_id = $id ORDER BY source_folder", ("$id", id));

        /// <summary>The destination folder of each source folder, as recorded by earlier passes.</summary>
        public IReadOnlyDictionary<string, string> FolderPairings(string id) =>
            GetFolders(id).ToDictionary(f => f.SourceFolder, f => f.DestinationFolder, StringComparer.Ordinal);

        public void SaveFolder(string id, FolderState folder)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO migrated_folder (migration_id, source_folder, destination_folder, created, destination_cursor, source_cursor)
                  VALUES ($id, $source, $destination, $created, $destinationCursor, $cursor)
                  ON CONFLICT (migration_id, source_folder) DO UPDATE SET destination_folder = excluded.destination_folder,
                    created = excluded.created, destination_cursor = excluded.destination_cursor, source_cursor = excluded.source_cursor",
                ("$id", id), ("$source", folder.SourceFolder), ("$destination", folder.DestinationFolder), ("$created", folder.CreatedAtSyncPoint),
                ("$destinationCursor", folder.DestinationCursor),
                ("$cursor", folder.SourceCursor));
        }

        /// <summary>
        /// Where the last pass left the source folder is forgotten (copies of its messages were removed): the next pass lists
        /// all its messages again, so that a source that lists only what changed brings those back too.
        /// </summary>
        public void ForgetSourceCursor(string id, string sourceFolder)
        {
            using var connection = Open();
            Execute(connection, "UPDATE migrated_folder SET source_cursor = NULL WHERE migration_id = $id AND source_folder = $folder",
                ("$id", id), ("$folder", sourceFolder));
        }

        public void ForgetFolder(string id, string sourceFolder)
        {
            using var connection = Open();
            Execute(connection, "DELETE FROM migrated_folder WHERE migration_id = $id AND source_folder = $folder", ("$id", id), ("$folder", sourceFolder));
        }

        /// <summary>
        /// Records a destination folder the migration created as a missing parent of a folder it fills, at this sync point
        /// (an earlier record of it stays: the folder was created then).
        /// </summary>
        public void RecordCreatedParent(string id, string destinationFolder, int syncPoint)
        {
            using var connection = Open();
            Execute(connection,
                "INSERT INTO created_parent (migration_id, destination_folder, created) VALUES ($id, $folder, $created) ON CONFLICT DO NOTHING",
                ("$id", id), ("$folder", destinationFolder), ("$created", syncPoint));
        }

        /// <summary>The destination folders the migration created as parents, with the sync point that created each.</summary>
        public IReadOnlyList<(string DestinationFolder, int CreatedAtSyncPoint)> GetCreatedParents(string id)
        {
            using var connection = Open();
            using var command = Command(connection,
                "SELECT destination_folder, created FROM created_parent WHERE migration_id = $id ORDER BY destination_folder", ("$id", id));
            var parents = new List<(string, int)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                parents.Add((reader.GetString(0), reader.GetInt32(1)));
            return parents;
        }

        public void ForgetCreatedParent(string id, string destinationFolder)
        {
            using var connection = Open();
            Execute(connection, "DELETE FROM created_parent WHERE migration_id = $id AND destination_folder = $folder", ("$id", id), ("$folder", destinationFolder));
        }

        private IReadOnlyList<MigratedItem> ReadItems(string sql, params (string, object?)[] parameters)
        {
            using var connection = Open();
            using var command = Command(connection, sql, parameters);
            var items = new List<MigratedItem>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new MigratedItem(
                    reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    new MessageFingerprint(reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt64(7),
                        reader.IsDBNull(8) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(8))),
                    reader.GetString(9)));
            }

            return items;
        }

        private IReadOnlyList<FolderState> ReadFolders(string where, params (string, object?)[] parameters)
        {
            using var connection = Open();
            using var command = Command(connection,
                @"SELECT source_folder, destination_folder, created, destination_cursor, source_cursor FROM migrated_folder " + where, parameters);
            var folders = new List<FolderState>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                folders.Add(new FolderState(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? (int?)null : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return folders;
        }
    }
}
