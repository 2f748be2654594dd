using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>A test run in pwsh's own console host, on a pseudo-terminal (util-linux script): needs .tools/pwsh (scripts/install-pwsh.sh) and script.</summary>
public sealed class RealConsoleFactAttribute : FactAttribute
{
    public static string Pwsh => Path.Combine(RepositoryPaths.Root, ".tools", "pwsh", "pwsh");

    public const string Script = "/usr/bin/script";

    public RealConsoleFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Pwsh) || !File.Exists(Script))
            Skip = $"Needs Linux, {Pwsh} (bash scripts/install-pwsh.sh) and {Script}.";
    }
}
