using System.Management.Automation;
using Omm.Engine.Migrations;

namespace Omm.PowerShell.Internal
{
    /// <summary>Turns engine reports into progress bars, warnings and verbose lines, written on the pipeline thread.</summary>
    internal sealed class CmdletMigrationObserver : IMigrationObserver
    {
        private const int MigrationActivityId = 1;
        private const int FolderActivityId = 2;

        private readonly Cmdlet cmdlet;
        private readonly PipelinePump pump;

        public CmdletMigrationObserver(Cmdlet cmdlet, PipelinePump pump)
        {
            this.cmdlet = cmdlet;
            this.pump = pump;
        }

        public void OnProgress(MigrationProgress progress) => pump.Post(() =>
        {
            var activity = $"Migrating {progress.Source} to {progress.Destination} ({progress.MigrationId})";
            var overall = new ProgressRecord(MigrationActivityId, activity,
                $"{progress.ItemsDone:N0} of {progress.ItemsTotal:N0} items")
            {
                PercentComplete = MigrationProgress.Percent(progress.ItemsDone, progress.ItemsTotal),
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.Folder != null)
            {
                var folder = new ProgressRecord(FolderActivityId, $"Folder {progress.FolderNumber} of {progress.FolderCount}: {progress.Folder}",
                    $"{progress.FolderDone:N0} of {progress.FolderTotal:N0} items")
                {
                    ParentActivityId = MigrationActivityId,
                    PercentComplete = MigrationProgress.Percent(progress.FolderDone, progress.FolderTotal),
                    RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                };
                cmdlet.WriteProgress(folder);
            }

            cmdlet.WriteProgress(overall);
        });

        public void OnItemProblem(Omm.ItemError problem) => pump.Post(() =>
            cmdlet.WriteWarning($"{problem.Type} on {problem.ItemType.ToString().ToLowerInvariant()} '{problem.ItemName}' in '{problem.Folder}': {problem.Message}"));

        public void OnVerbose(string message) => pump.Post(() => cmdlet.WriteVerbose(message));
    }
}
