using System;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using Omm.PowerShell.Internal;

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
        [ArgumentCompleter(typeof(MigrationIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
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
            var store = OpenExistingState();
            if (store == null)
                return;
            var selected = SelectMigrations(store, Id, Project)
                .Where(m => ShouldProcess($"Migration {m.Id} ({m.SourceAccount} to {m.DestinationAccount})", "Stop"))
                .ToList();

            // Every request first, then the wait: a paused project must not start its waiting migrations
            // while the running ones wind down one after the other.
            var running = new List<Migration>();
            foreach (var migration in selected)
            {
                if (store.RequestStop(migration.Id))
                {
                    running.Add(migration);
                    WriteVerbose($"Asked the process running migration {migration.Id} to stop after the item in hand.");
                }
                else
                {
                    WriteVerbose($"Migration {migration.Id} was {migration.Status}; no pass runs{(migration.Status == MigrationStatus.Queued ? ", it is Stopped now" : string.Empty)}.");
                }
            }

            var waited = Stopwatch.StartNew();
            while (running.Any(m => store.Find(m.Id)?.Status == MigrationStatus.Running) && waited.Elapsed < Patience)
                Thread.Sleep(200);
            foreach (var migration in running.Where(m => store.Find(m.Id)?.Status == MigrationStatus.Running))
                WriteWarning($"Migration {migration.Id} has not stopped after {Patience.TotalSeconds:0} seconds; it stops after the item in hand.");
            // A line for each migration this stopped, where it stands: Stop-Service says nothing, but a migration stopped in
            // another console is worth a word here. Not output: -PassThru writes the migrations themselves.
            foreach (var migration in selected.Where(m => m.Status == MigrationStatus.Running || m.Status == MigrationStatus.Queued))
            {
                if (store.Find(migration.Id) is Migration now && now.Status == MigrationStatus.Stopped)
                    StopSummary.Write(this, StopSummary.Of(now));
            }

            if (PassThru)
            {
                foreach (var migration in selected)
                    WriteObject(store.Find(migration.Id));
            }
        }
    }
}
