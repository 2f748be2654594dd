using System.Collections.Generic;
using System.Management.Automation;
using Omm.Engine.Migrations;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Progress of many migrations run together: one bar for the batch, and under it one bar per running
    /// migration. Used on the pipeline thread only.
    /// </summary>
    internal sealed class BatchProgress
    {
        private const int BatchActivityId = 1;
        private readonly Cmdlet cmdlet;
        private readonly string title;
        private readonly Dictionary<string, int> bars = new Dictionary<string, int>();
        private readonly Stack<int> freeBars = new Stack<int>();
        private int nextBar = BatchActivityId + 1;
        private int submitted;
        private int ended;

        public BatchProgress(Cmdlet cmdlet, string title)
        {
            this.cmdlet = cmdlet;
            this.title = title;
        }

        public void Submitted()
        {
            submitted++;
            WriteBatch();
        }

        public void Ended()
        {
            ended++;
            WriteBatch();
        }

        public void Report(MigrationProgress progress)
        {
            var started = false;
            if (!bars.TryGetValue(progress.MigrationId, out var bar))
            {
                bar = freeBars.Count > 0 ? freeBars.Pop() : nextBar++;
                bars[progress.MigrationId] = bar;
                started = true;
            }

            cmdlet.WriteProgress(new ProgressRecord(bar, CmdletMigrationObserver.Activity(progress), $"{progress.ItemsDone:N0} of {progress.ItemsTotal:N0} items")
            {
                ParentActivityId = BatchActivityId,
                PercentComplete = MigrationProgress.Percent(progress.ItemsDone, progress.ItemsTotal),
                CurrentOperation = progress.Folder == null ? null : $"folder {progress.FolderNumber} of {progress.FolderCount}: {progress.Folder}",
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
            if (progress.Finished)
            {
                bars.Remove(progress.MigrationId);
                freeBars.Push(bar);
            }

            // The batch line counts the running migrations: said again whenever one starts or ends reporting.
            if (started || progress.Finished)
                WriteBatch();
        }

        public void Complete() =>
            cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, title, $"{ended} of {submitted} migrations ended") { RecordType = ProgressRecordType.Completed });

        private void WriteBatch() =>
            cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, title, $"{ended} of {submitted} migrations ended, {bars.Count} running")
            {
                PercentComplete = submitted == 0 ? 0 : ended * 100 / submitted,
            });
    }
}
