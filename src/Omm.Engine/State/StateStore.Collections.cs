using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.State
{
    /// <summary>What a migration copied of contacts, calendars and tasks, and where their collections went.</summary>
    public sealed partial class StateStore
    {
        private const string EntryColumns =
            "id, item_type, sync_point, source_collection, source_key, source_version, uid, destination_href, destination_etag, size";

        public IReadOnlyList<CollectionState> GetCollections(string id)
        {
            using var connection = Open();
            using var command = Command(connection,
                @"SELECT source_collection, kind, destination_href, created, source_state, item_counts FROM dav_collection
                  WHERE migration_id = $id ORDER BY source_collection", ("$id", id));
            var collections = new List<CollectionState>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                collections.Add(new CollectionState(reader.GetString(0), ParseEnum<DavCollectionKind>(reader.GetString(1)), reader.GetString(2),
                    reader.IsDBNull(3) ? (int?)null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), ParseCounts(reader.GetString(5))));
            }

            return collections;
        }

        public void SaveCollection(string id, CollectionState collection)
        {
            using var connection = Open();
            Execute(connection,
                @"INSERT INTO dav_collection (migration_id, source_collection, kind, destination_href, created, source_state, item_counts)
                  VALUES ($id, $source, $kind, $destination, $created, $state, $counts)
                  ON CONFLICT (migration_id, source_collection) DO UPDATE SET kind = excluded.kind, destination_href = excluded.destination_href,
                    created = excluded.created, source_state = excluded.source_state, item_counts = excluded.item_counts",
                ("$id", id), ("$source", collection.SourceCollection), ("$kind", collection.Kind.ToString()), ("$destination", collection.DestinationHref),
                ("$created", collection.CreatedAtSyncPoint), ("$state", collection.SourceState), ("$counts", FormatCounts(collection.ItemCounts)));
        }

        /// <summary>
        /// The source collection's change state is forgotten (copies of its items were removed): the next pass lists its
        /// items again instead of skipping a collection that has not changed.
        /// </summary>
        public void ForgetSourceState(string id, string sourceCollection)
        {
            using var connection = Open();
            Execute(connection, "UPDATE dav_collection SET source_state = NULL WHERE migration_id = $id AND source_collection = $source",
                ("$id", id), ("$source", sourceCollection));
        }

        public void ForgetCollection(string id, string sourceCollection)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            Execute(connection, "DELETE FROM dav_item WHERE migration_id = $id AND source_collection = $source", ("$id", id), ("$source", sourceCollection));
            Execute(connection, "DELETE FROM dav_collection WHERE migration_id = $id AND source_collection = $source", ("$id", id), ("$source", sourceCollection));
            transaction.Commit();
        }

        /// <summary>Records a copied item (or its update: the first sync point stays) and its warnings in one transaction.</summary>
        public void RecordEntry(string id, int syncPoint, MigratedEntry entry, IReadOnlyList<ItemError> warnings)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            Execute(connection,
                @"INSERT INTO dav_item (migration_id, item_type, sync_point, source_collection, source_key, source_version, uid,
                    destination_href, destination_etag, size, migrated_at)
                  VALUES ($id, $type, $syncPoint, $collection, $key, $version, $uid, $href, $etag, $size, $now)
                  ON CONFLICT (migration_id, source_collection, source_key) DO UPDATE SET item_type = excluded.item_type,
                    source_version = excluded.source_version, uid = excluded.uid, destination_href = excluded.destination_href,
                    destination_etag = excluded.destination_etag, size = excluded.size, migrated_at = excluded.migrated_at",
                ("$id", id), ("$type", entry.ItemType.ToString()), ("$syncPoint", entry.SyncPoint), ("$collection", entry.SourceCollection),
                ("$key", entry.SourceKey), ("$version", entry.SourceVersion), ("$uid", entry.Uid), ("$href", entry.DestinationHref),
                ("$etag", entry.DestinationETag), ("$size", entry.Size), ("$now", Format(DateTimeOffset.UtcNow)));
            foreach (var warning in warnings)
                InsertItemError(connection, id, syncPoint, warning);
            transaction.Commit();
        }

        public IReadOnlyList<MigratedEntry> GetEntries(string id, string sourceCollection) =>
            ReadEntries($"SELECT {EntryColumns} FROM dav_item WHERE migration_id = $id AND source_collection = $collection ORDER BY id",
                ("$id", id), ("$collection", sourceCollection));

        /// <summary>Every contact, event and task this migration copied at <paramref name="fromSyncPoint"/> or later.</summary>
        public IReadOnlyList<MigratedEntry> GetEntriesFrom(string id, int fromSyncPoint) =>
            ReadEntries($"SELECT {EntryColumns} FROM dav_item WHERE migration_id = $id AND sync_point >= $from ORDER BY id",
                ("$id", id), ("$from", fromSyncPoint));

        public void ForgetEntries(IEnumerable<long> rowIds)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var rowId in rowIds)
                Execute(connection, "DELETE FROM dav_item WHERE id = $row", ("$row", rowId));
            transaction.Commit();
        }

        private IReadOnlyList<MigratedEntry> ReadEntries(string sql, params (string, object?)[] parameters)
        {
            using var connection = Open();
            using var command = Command(connection, sql, parameters);
            var entries = new List<MigratedEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new MigratedEntry(reader.GetInt64(0), ParseEnum<ItemType>(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetInt64(9)));
            }

            return entries;
        }

        private static string FormatCounts(IReadOnlyDictionary<ItemType, int> counts) =>
            string.Join(",", counts.OrderBy(c => c.Key).Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture)));

        private static IReadOnlyDictionary<ItemType, int> ParseCounts(string text) =>
            text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('='))
                .ToDictionary(pair => ParseEnum<ItemType>(pair[0]), pair => int.Parse(pair[1], CultureInfo.InvariantCulture));
    }
}
