namespace Omm.TestServers;

/// <summary>Where the repository, the built module and the team's shared fixtures are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The module folder that <c>dotnet build Omm.sln</c> lays out.</summary>
    public static string ModuleManifest => Path.Combine(Root, "out", "Omm", "Omm.psd1");

    /// <summary>tools/Omm.Shell, built in the same configuration as the running tests: runs PowerShell with the module in a process of its own.</summary>
    public static string ShellProgram
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(Root, "tools", "Omm.Shell", "bin", configuration, "net10.0", "Omm.Shell.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build Omm.sln -c {configuration}).");
            return path;
        }
    }

    /// <summary>../shared/fixtures beside the repository.</summary>
    public static string SharedFixtures
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures"));
            if (!System.IO.Directory.Exists(path))
                throw new DirectoryNotFoundException($"The shared fixtures are missing: {path} (the repository expects ../shared beside it).");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Omm.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No Omm.sln above {AppContext.BaseDirectory}.");
    }
}
