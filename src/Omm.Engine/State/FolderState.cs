namespace Omm.Engine.State
{
    /// <summary>What a migration knows about one source folder and the destination folder it fills.</summary>
    public sealed class FolderState
    {
        public FolderState(string sourceFolder, string destinationFolder, int? createdAtSyncPoint, uint? destinationUidValidity, uint destinationFirstUid,
            uint? sourceUidValidity, ulong? sourceHighestModSeq)
        {
            SourceFolder = sourceFolder;
            DestinationFolder = destinationFolder;
            CreatedAtSyncPoint = createdAtSyncPoint;
            DestinationUidValidity = destinationUidValidity;
            DestinationFirstUid = destinationFirstUid;
            SourceUidValidity = sourceUidValidity;
            SourceHighestModSeq = sourceHighestModSeq;
        }

        public string SourceFolder { get; }

        public string DestinationFolder { get; }

        /// <summary>The pass that created the destination folder, or null when it existed (only created folders are deleted when emptied).</summary>
        public int? CreatedAtSyncPoint { get; }

        public uint? DestinationUidValidity { get; }

        /// <summary>
        /// The destination's UIDNEXT when the migration first opened the folder: messages below it were
        /// there before and are never taken for copies of this migration.
        /// </summary>
        public uint DestinationFirstUid { get; }

        /// <summary>The source UIDVALIDITY at the end of the last completed folder pass.</summary>
        public uint? SourceUidValidity { get; }

        /// <summary>The source HIGHESTMODSEQ (CONDSTORE) at the start of the last completed folder pass.</summary>
        public ulong? SourceHighestModSeq { get; }

        public FolderState With(string? destinationFolder = null, uint? destinationUidValidity = null,
            uint? destinationFirstUid = null, uint? sourceUidValidity = null, ulong? sourceHighestModSeq = null) =>
            new FolderState(SourceFolder, destinationFolder ?? DestinationFolder, CreatedAtSyncPoint, destinationUidValidity ?? DestinationUidValidity,
                destinationFirstUid ?? DestinationFirstUid, sourceUidValidity ?? SourceUidValidity, sourceHighestModSeq ?? SourceHighestModSeq);
    }
}
