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
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(string.IsNullOrEmpty(StatePath) ? StatePaths.Default() : StatePath);
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
    }
}
