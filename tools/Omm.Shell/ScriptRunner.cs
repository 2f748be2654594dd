using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Omm.Shell;

/// <summary>A runspace with the Omm module imported, printing everything through <see cref="ConsoleHost"/>.</summary>
public sealed class ScriptRunner : IDisposable
{
    private readonly Runspace runspace;
    private System.Management.Automation.PowerShell? current;

    public ScriptRunner(string moduleManifest)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { moduleManifest });
        state.ThrowOnRunspaceOpenError = true;
        runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(), state);
        runspace.Open();
    }

    /// <summary>The built module: $env:OMM_MODULE, else out/Omm/Omm.psd1 in the repository above this program.</summary>
    public static string FindModule()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("OMM_MODULE");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "out", "Omm", "Omm.psd1");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException("Cannot find out/Omm/Omm.psd1; build the solution first (dotnet build Omm.sln), or set OMM_MODULE.");
    }

    /// <summary>Runs one statement (or script) and prints its output; returns false when it wrote errors.</summary>
    public bool Run(string script, bool echo = false)
    {
        if (echo)
            Console.WriteLine("PS> " + script.Replace("\n", "\n      "));
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script).AddCommand("Out-Default");
        shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
        current = shell;
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException e)
        {
            Console.WriteLine("ERROR: " + e.Message);
            return false;
        }
        finally
        {
            current = null;
        }

        return !shell.HadErrors;
    }

    /// <summary>Stops the running statement as Ctrl+C does in a PowerShell console.</summary>
    public void Stop() => current?.Stop();

    public void Dispose() => runspace.Dispose();
}
