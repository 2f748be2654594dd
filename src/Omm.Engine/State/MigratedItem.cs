using Omm.Engine.Mail;

namespace Omm.Engine.State
{
    /// <summary>A recorded copy, as read back from the state file.</summary>
    public sealed class MigratedItem
    {
        public MigratedItem(long rowId, int syncPoint, string sourceFolder, uint sourceUidValidity, uint sourceUid,
            string destinationFolder, uint? destinationUidValidity, uint? destinationUid, MessageFingerprint fingerprint, string flags)
        {
            RowId = rowId;
            SyncPoint = syncPoint;
            SourceFolder = sourceFolder;
            SourceUidValidity = sourceUidValidity;
            SourceUid = sourceUid;
            DestinationFolder = destinationFolder;
            DestinationUidValidity = destinationUidValidity;
            DestinationUid = destinationUid;
            Fingerprint = fingerprint;
            Flags = flags;
        }

        public long RowId { get; }

        public int SyncPoint { get; }

        public string SourceFolder { get; }

        public uint SourceUidValidity { get; }

        public uint SourceUid { get; }

        public string DestinationFolder { get; }

        public uint? DestinationUidValidity { get; }

        public uint? DestinationUid { get; }

        public MessageFingerprint Fingerprint { get; }

        public string Flags { get; }
    }
}
