using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;

namespace Omm.PowerShell.Commands
{
    /// <summary>Stops migrations running in this or any other process; what was copied stays.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "OmmMigration", SupportsShouldProcess = true)]
    [OutputType(typeof(Migration))]
    public sealed class StopOmmMigrationCommand : OmmCmdlet
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Project { get; set; }

        /// <summary>Writes each migration once it has stopped.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Id == null && Project == null && !MyInvocation.ExpectingInput)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Name the migrations to stop: -Id, -Project, or pipe them in."),
                    "NothingToStop", ErrorCategory.InvalidArgument, null));
        }

        protected override void ProcessRecord()
        {
            var store = OpenState();
            foreach (var migration in SelectMigrations(store, Id, Project))
            {
                if (!ShouldProcess($"Migration {migration.Id} ({migration.SourceAccount} to {migration.DestinationAccount})", "Stop"))
                    continue;

                if (!store.RequestStop(migration.Id))
                {
                    WriteVerbose($"Migration {migration.Id} is {migration.Status}; no pass runs.");
                }
                else
                {
                    WriteVerbose($"Asked the process running migration {migration.Id} to stop after the item in hand.");
                    var waited = Stopwatch.StartNew();
                    while (store.Find(migration.Id)?.Status == MigrationStatus.Running && waited.Elapsed < Patience)
                        Thread.Sleep(200);
                    if (store.Find(migration.Id)?.Status == MigrationStatus.Running)
                        WriteWarning($"Migration {migration.Id} has not stopped after {Patience.TotalSeconds:0} seconds; it stops after the item in hand.");
                }

                if (PassThru)
                    WriteObject(store.Find(migration.Id));
            }
        }
    }
}
