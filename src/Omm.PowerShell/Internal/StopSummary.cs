using System.Linq;
using System.Management.Automation;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// The line said when a migration stops (Stop-OmmMigration, Ctrl+C): where it stands and how to go on. It is a message for
    /// the person at the console, not output: as Write-Host does, it goes to the information stream (shown by default,
    /// 6> redirects it, -InformationAction Ignore silences it), or, once Ctrl+C has stopped the pipeline and no stream takes
    /// anything, to the host's console directly.
    /// </summary>
    internal static class StopSummary
    {
        /// <summary>"Stopped at 1,110/4,026; resume with Sync-OmmMigration 84253h5s".</summary>
        public static string Of(Migration migration)
        {
            var migrated = migration.Progress.Sum(p => p.Migrated);
            var total = migration.Progress.Sum(p => p.ToMigrate);
            var where = total == 0 && migrated == 0 ? "before it copied anything" : $"at {migrated:N0}/{total:N0}";
            return $"Stopped {where}; resume with Sync-OmmMigration {migration.Id}";
        }

        /// <summary>Writes the line to the information stream, as Write-Host does. Pipeline thread only.</summary>
        public static void Write(Cmdlet cmdlet, string line) =>
            cmdlet.WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });

        /// <summary>
        /// Writes the line straight to the console of a pipeline Ctrl+C has stopped (every Write* throws by then), unless
        /// -InformationAction said to keep quiet. Pipeline thread only; a host without a console (a hosted runspace) gets nothing.
        /// </summary>
        public static void WriteToHost(PSCmdlet cmdlet, string line)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("InformationAction", out var action)
                && action is ActionPreference quiet && quiet == ActionPreference.Ignore)
                return;
            try
            {
                cmdlet.Host?.UI?.WriteLine(line);
            }
            catch (System.Exception e) when (e is RuntimeException || e is System.InvalidOperationException || e is System.NotSupportedException
                                              || e is System.NotImplementedException)
            {
                // A host without a console (HostException) or that refuses to write now: nothing else can say it.
            }
        }
    }
}
