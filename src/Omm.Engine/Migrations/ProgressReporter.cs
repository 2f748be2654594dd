using System.Diagnostics;

namespace Omm.Engine.Migrations
{
    /// <summary>Counts what a pass has done and reports it to the observer a few times a second at most. Thread-safe: copy lanes advance it at once.</summary>
    internal sealed class ProgressReporter
    {
        private const long IntervalMilliseconds = 250;

        private readonly IMigrationObserver observer;
        private readonly string migrationId;
        private readonly string source;
        private readonly string destination;
        private readonly Stopwatch sinceLastReport = Stopwatch.StartNew();
        private readonly object gate = new object();
        private long itemsDone;
        private long itemsTotal;
        private string? folder;
        private int folderNumber;
        private int folderCount;
        private long folderDone;
        private long folderTotal;

        public ProgressReporter(IMigrationObserver observer, string migrationId, string source, string destination)
        {
            this.observer = observer;
            this.migrationId = migrationId;
            this.source = source;
            this.destination = destination;
        }

        public void Start(long total, int folders)
        {
            lock (gate)
            {
                itemsTotal = total;
                folderCount = folders;
                Report();
            }
        }

        public void StartFolder(string name, long total)
        {
            lock (gate)
            {
                folder = name;
                folderNumber++;
                folderTotal = total;
                folderDone = 0;
                Report();
            }
        }

        /// <summary>Items found already copied by an earlier pass.</summary>
        public void Skip(long count)
        {
            lock (gate)
            {
                itemsDone += count;
                folderDone += count;
                if (count > 0)
                    Report();
            }
        }

        /// <summary>Items dealt with: copied, found already copied, or in error.</summary>
        public void Advance(int count = 1)
        {
            lock (gate)
            {
                itemsDone += count;
                folderDone += count;
                if (sinceLastReport.ElapsedMilliseconds >= IntervalMilliseconds)
                    Report();
            }
        }

        public void Finish()
        {
            lock (gate)
            {
                Report(finished: true);
            }
        }

        private void Report(bool finished = false)
        {
            sinceLastReport.Restart();
            observer.OnProgress(new MigrationProgress(migrationId, source, destination, itemsDone, itemsTotal,
                folder, folderNumber, folderCount, folderDone, folderTotal, finished));
        }
    }
}
