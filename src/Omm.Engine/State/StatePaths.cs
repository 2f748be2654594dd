using System;
using System.IO;

namespace Omm.Engine.State
{
    public static class StatePaths
    {
        public const string EnvironmentVariable = "OMM_STATE_PATH";

        /// <summary>$env:OMM_STATE_PATH, else omm.db in the user's local application-data folder.</summary>
        public static string Default()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
                return fromEnvironment!;
            var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(appData))
                appData = Path.Combine(Path.GetTempPath(), Environment.UserName);
            return Path.Combine(appData, "Omm", "omm.db");
        }
    }
}
