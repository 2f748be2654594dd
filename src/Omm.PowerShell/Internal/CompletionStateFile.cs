using System;
using System.Collections;
using System.IO;
using Omm.Engine.State;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// The state file a command line being completed names (its -StatePath, else the default one), opened only if it
    /// exists: completing must never create a file, and never fail.
    /// </summary>
    internal static class CompletionStateFile
    {
        public static StateStore? Open(IDictionary fakeBoundParameters)
        {
            try
            {
                var path = fakeBoundParameters?["StatePath"] as string;
                path = Path.GetFullPath(string.IsNullOrEmpty(path) ? StatePaths.Default() : path!);
                return File.Exists(path) ? new StateStore(path) : null;
            }
            catch (Exception)
            {
                // Whatever the file's trouble (locked, damaged, another schema), completing offers nothing; the command itself will say.
                return null;
            }
        }
    }
}
