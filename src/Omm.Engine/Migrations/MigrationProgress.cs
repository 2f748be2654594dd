namespace Omm.Engine.Migrations
{
    /// <summary>A snapshot of a running pass: overall and in the current folder.</summary>
    public sealed class MigrationProgress
    {
        public MigrationProgress(string migrationId, string source, string destination, long itemsDone, long itemsTotal,
            string? folder, int folderNumber, int folderCount, long folderDone, long folderTotal, bool finished)
        {
            MigrationId = migrationId;
            Source = source;
            Destination = destination;
            ItemsDone = itemsDone;
            ItemsTotal = itemsTotal;
            Folder = folder;
            FolderNumber = folderNumber;
            FolderCount = folderCount;
            FolderDone = folderDone;
            FolderTotal = folderTotal;
            Finished = finished;
        }

        public string MigrationId { get; }

        public string Source { get; }

        public string Destination { get; }

        /// <summary>Items copied, skipped as already copied, or in error.</summary>
        public long ItemsDone { get; }

        public long ItemsTotal { get; }

        public string? Folder { get; }

        public int FolderNumber { get; }

        public int FolderCount { get; }

        public long FolderDone { get; }

        public long FolderTotal { get; }

        /// <summary>The pass ended; no more reports follow.</summary>
        public bool Finished { get; }

        public static int Percent(long done, long total) => total <= 0 ? 100 : (int)System.Math.Min(100, done * 100 / total);
    }
}
