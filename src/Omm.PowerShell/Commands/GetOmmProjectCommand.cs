using System.Linq;
using System.Management.Automation;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Lists projects: their options and a summary of their migrations (counts by status, items and bytes migrated, errors).</summary>
    [Cmdlet(VerbsCommon.Get, "OmmProject")]
    [OutputType(typeof(Project))]
    public sealed class GetOmmProjectCommand : OmmCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Project")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenExistingState();
            if (store == null)
                return;
            var projects = store.ListProjects();
            if (Name == null)
            {
                foreach (var project in projects)
                    WriteObject(project);
                return;
            }

            foreach (var name in Name)
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                var hits = projects.Where(p => pattern.IsMatch(p.Name)).ToList();
                if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteError(new ErrorRecord(new ItemNotFoundException($"There is no project '{name}' in the state file."), "ProjectNotFound", ErrorCategory.ObjectNotFound, name));
                foreach (var project in hits)
                    WriteObject(project);
            }
        }
    }
}
