using System.Management.Automation;
using Omm.Engine.Migrations;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Turns one migration's reports into progress bars, warnings and verbose lines, written on the
    /// pipeline thread. Alone, a migration gets an overall bar and a bar for its current folder; in a
    /// batch, one bar under the batch's bar.
    /// </summary>
    internal sealed class CmdletMigrationObserver : IMigrationObserver
    {
        private const int MigrationActivityId = 1;
        private const int FolderActivityId = 2;

        private readonly Cmdlet cmdlet;
        private readonly PipelinePump pump;
        private readonly BatchProgress? batch;

        public CmdletMigrationObserver(Cmdlet cmdlet, PipelinePump pump, BatchProgress? batch = null)
        {
            this.cmdlet = cmdlet;
            this.pump = pump;
            this.batch = batch;
        }

        public void OnProgress(MigrationProgress progress) => pump.Post(() =>
        {
            if (batch != null)
            {
                batch.Report(progress);
                return;
            }

            var overall = new ProgressRecord(MigrationActivityId, Activity(progress), $"{progress.ItemsDone:N0} of {progress.ItemsTotal:N0} items")
            {
                PercentComplete = MigrationProgress.Percent(progress.ItemsDone, progress.ItemsTotal),
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.Folder != null)
            {
                cmdlet.WriteProgress(new ProgressRecord(FolderActivityId, $"Folder {progress.FolderNumber} of {progress.FolderCount}: {progress.Folder}",
                    $"{progress.FolderDone:N0} of {progress.FolderTotal:N0} items")
                {
                    ParentActivityId = MigrationActivityId,
                    PercentComplete = MigrationProgress.Percent(progress.FolderDone, progress.FolderTotal),
                    RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                });
            }

            cmdlet.WriteProgress(overall);
        });

        public void OnItemProblem(Omm.ItemError problem) => pump.Post(() =>
            cmdlet.WriteWarning($"{problem.Type} on {problem.ItemType.ToString().ToLowerInvariant()} '{problem.ItemName}' in '{problem.Folder}': {problem.Message}"));

        public void OnVerbose(string message) => pump.Post(() => cmdlet.WriteVerbose(message));

        public void OnWarning(string message) => pump.Post(() => cmdlet.WriteWarning(message));

        internal static string Activity(MigrationProgress progress) =>
            $"Migrating {progress.Source} to {progress.Destination} ({progress.MigrationId})";
    }
}
