namespace Omm.Engine.State
{
    /// <summary>What a migration knows about one source folder and the destination folder it fills.</summary>
    public sealed class FolderState
    {
        public FolderState(string sourceFolder, string destinationFolder, int? createdAtSyncPoint, uint? destinationUidValidity, uint destinationFirstUid,
            string? sourceCursor)
        {
            SourceFolder = sourceFolder;
            DestinationFolder = destinationFolder;
            CreatedAtSyncPoint = createdAtSyncPoint;
            DestinationUidValidity = destinationUidValidity;
            DestinationFirstUid = destinationFirstUid;
            SourceCursor = sourceCursor;
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

        /// <summary>
        /// Where the last completed folder pass left the source folder, as its connector writes it (IMAP: UIDVALIDITY
        /// and the HIGHESTMODSEQ at the start of that pass); null before one completed.
        /// </summary>
        public string? SourceCursor { get; }

        public FolderState With(string? destinationFolder = null, uint? destinationUidValidity = null,
            uint? destinationFirstUid = null) =>
            new FolderState(SourceFolder, destinationFolder ?? DestinationFolder, CreatedAtSyncPoint, destinationUidValidity ?? DestinationUidValidity,
                destinationFirstUid ?? DestinationFirstUid, SourceCursor);
    }
}
