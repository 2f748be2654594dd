namespace Omm.Engine.State
{
    /// <summary>
    /// One contact, event or task copied by a migration: the source item's key and version, and the
    /// destination resource it became. <see cref="RowId"/> is 0 until it is recorded.
    /// </summary>
    public sealed class MigratedEntry
    {
        public MigratedEntry(long rowId, ItemType itemType, int syncPoint, string sourceCollection, string sourceKey, string sourceVersion,
            string uid, string destinationHref, string? destinationETag, long size)
        {
            RowId = rowId;
            ItemType = itemType;
            SyncPoint = syncPoint;
            SourceCollection = sourceCollection;
            SourceKey = sourceKey;
            SourceVersion = sourceVersion;
            Uid = uid;
            DestinationHref = destinationHref;
            DestinationETag = destinationETag;
            Size = size;
        }

        public long RowId { get; }

        public ItemType ItemType { get; }

        /// <summary>The pass that first copied it (an update by a later pass keeps it).</summary>
        public int SyncPoint { get; }

        public string SourceCollection { get; }

        /// <summary>The item's href on a DAV source; its UID (or PST node) in a file.</summary>
        public string SourceKey { get; }

        /// <summary>The source's ETag, or a hash of the item's content for a file: a new value means it changed.</summary>
        public string SourceVersion { get; }

        public string Uid { get; }

        public string DestinationHref { get; }

        public string? DestinationETag { get; }

        public long Size { get; }
    }
}
