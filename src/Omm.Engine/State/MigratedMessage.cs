using System;

namespace Omm.Engine.State
{
    /// <summary>One message copied by a migration: where it came from, where it went, and its fingerprint.</summary>
    public sealed class MigratedMessage
    {
        public MigratedMessage(string migrationId, int syncPoint, string sourceFolder, uint sourceUidValidity, uint sourceUid,
            string destinationFolder, uint? destinationUidValidity, uint? destinationUid, string? messageId, long size, DateTimeOffset? internalDate)
        {
            MigrationId = migrationId;
            SyncPoint = syncPoint;
            SourceFolder = sourceFolder;
            SourceUidValidity = sourceUidValidity;
            SourceUid = sourceUid;
            DestinationFolder = destinationFolder;
            DestinationUidValidity = destinationUidValidity;
            DestinationUid = destinationUid;
            MessageId = messageId;
            Size = size;
            InternalDate = internalDate;
        }

        public string MigrationId { get; }

        public int SyncPoint { get; }

        public string SourceFolder { get; }

        public uint SourceUidValidity { get; }

        public uint SourceUid { get; }

        public string DestinationFolder { get; }

        public uint? DestinationUidValidity { get; }

        public uint? DestinationUid { get; }

        public string? MessageId { get; }

        public long Size { get; }

        public DateTimeOffset? InternalDate { get; }
    }
}
