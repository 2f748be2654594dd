namespace Omm.Engine.State
{
    /// <summary>What a migration knows about one source folder and the destination folder it fills.</summary>
    public sealed class FolderState
    {
        public FolderState(string sourceFolder, string destinationFolder, int? createdAtSyncPoint, string? destinationCursor,
            string? sourceCursor)
        {
            SourceFolder = sourceFolder;
            DestinationFolder = destinationFolder;
            CreatedAtSyncPoint = createdAtSyncPoint;
            DestinationCursor = destinationCursor;
            SourceCursor = sourceCursor;
        }

        public string SourceFolder { get; }

        public string DestinationFolder { get; }

        /// <summary>The pass that created the destination folder, or null when it existed (only created folders are deleted when emptied).</summary>
        public int? CreatedAtSyncPoint { get; }

        /// <summary>
        /// What the destination's connector keeps of the folder (IMAP: its UIDVALIDITY and its UIDNEXT when the migration first
        /// opened it: messages below were there before and are never taken for copies of this migration).
        /// </summary>
        public string? DestinationCursor { get; }

        /// <summary>
        /// Where the last completed folder pass left the source folder, as its connector writes it (IMAP: UIDVALIDITY
        /// and the HIGHESTMODSEQ at the start of that pass); null before one completed.
        /// </summary>
        public string? SourceCursor { get; }

        public FolderState With(string? destinationCursor) =>
            new FolderState(SourceFolder, DestinationFolder, CreatedAtSyncPoint, destinationCursor, SourceCursor);
    }
}
