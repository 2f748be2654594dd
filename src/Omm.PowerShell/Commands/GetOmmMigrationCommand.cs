using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

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
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Project { get; set; }

        [Parameter]
        public MigrationStatus[]? Status { get; set; }

        protected override void ProcessRecord()
        {
            var migrations = OpenState().List(Project);
            IEnumerable<Migration> selected = migrations;
            if (Id != null)
            {
                var matched = new List<Migration>();
                foreach (var id in Id)
                {
                    var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
                    var hits = migrations.Where(m => pattern.IsMatch(m.Id)).ToList();
                    if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                        WriteError(new ErrorRecord(
                            new ItemNotFoundException($"There is no migration '{id}'{(Project != null ? $" in project '{Project}'" : string.Empty)} in the state file."),
                            "MigrationNotFound", ErrorCategory.ObjectNotFound, id));
                    matched.AddRange(hits.Where(h => !matched.Contains(h)));
                }

                selected = matched;
            }

            if (Status != null && Status.Length > 0)
                selected = selected.Where(m => Status.Contains(m.Status));

            foreach (var migration in selected)
                WriteObject(migration);
        }
    }
}
