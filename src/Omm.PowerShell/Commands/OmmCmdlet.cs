using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Omm.Engine.State;

namespace Omm.PowerShell.Commands
{
    /// <summary>What every Omm cmdlet shares: the state file.</summary>
    public abstract class OmmCmdlet : PSCmdlet
    {
        private StateStore? store;

        /// <summary>The state file. Default: $env:OMM_STATE_PATH, else omm.db in the user's local application-data folder.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>Opens the state file, or ends the command with a clear error.</summary>
        protected StateStore OpenState()
        {
            var path = StateFilePath();
            if (store != null && store.Path == System.IO.Path.GetFullPath(path))
                return store;
            try
            {
                store = new StateStore(path);
                return store;
            }
            catch (StateFileException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "StateFileUnusable", ErrorCategory.OpenError, path));
                throw; // not reached
            }
        }

        /// <summary>
        /// The state file for a command that only reads it, never created: null when there is none (nothing was recorded
        /// with it yet, so there is nothing to list; -Verbose says so).
        /// </summary>
        protected StateStore? OpenExistingState()
        {
            var path = StateFilePath();
            if (System.IO.File.Exists(path))
                return OpenState();
            WriteVerbose($"There is no state file at {path}: nothing was migrated with it.");
            return null;
        }

        private string StateFilePath() =>
            System.IO.Path.GetFullPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(string.IsNullOrEmpty(StatePath) ? StatePaths.Default() : StatePath));

        /// <summary>
        /// The migrations named by <paramref name="ids"/> (wildcards allowed), of <paramref name="project"/>
        /// if given; every migration (of the project) when no id is given. A plain id that matches nothing
        /// is an error.
        /// </summary>
        protected IReadOnlyList<Migration> SelectMigrations(StateStore store, string[]? ids, string? project)
        {
            var migrations = store.List(project);
            if (ids == null)
                return migrations;

            var selected = new List<Migration>();
            foreach (var id in ids)
            {
                var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
                var hits = migrations.Where(m => pattern.IsMatch(m.Id)).ToList();
                if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"There is no migration '{id}'{(project != null ? $" in project '{project}'" : string.Empty)} in {store.Path}."),
                        "MigrationNotFound", ErrorCategory.ObjectNotFound, id));
                selected.AddRange(hits.Where(h => !selected.Contains(h)));
            }

            return selected;
        }
    }
}
