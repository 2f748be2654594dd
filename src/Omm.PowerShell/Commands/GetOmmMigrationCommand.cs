using System.Linq;
using System.Management.Automation;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Lists migrations recorded in the state file, from this console or any other.</summary>
    [Cmdlet(VerbsCommon.Get, "OmmMigration")]
    [OutputType(typeof(Migration))]
    public sealed class GetOmmMigrationCommand : OmmCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MigrationIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? Project { get; set; }

        [Parameter]
        public MigrationStatus[]? Status { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenExistingState();
            if (store == null)
                return;
            foreach (var migration in SelectMigrations(store, Id, Project))
            {
                if (Status == null || Status.Length == 0 || Status.Contains(migration.Status))
                    WriteObject(migration);
            }
        }
    }
}
