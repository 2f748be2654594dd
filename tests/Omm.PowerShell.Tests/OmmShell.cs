using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>A fresh PowerShell runspace with the built Omm module imported, as a user's Import-Module would.</summary>
public sealed class OmmShell : IDisposable
{
    private static readonly string EmptyModulePath = Directory.CreateTempSubdirectory("omm-psmodulepath-").FullName;
    private readonly Runspace runspace;

    /// <param name="host">A host with a console (<see cref="RecordingHost"/>); none by default, as PowerShell.Create has.</param>
    public OmmShell(System.Management.Automation.Host.PSHost? host = null)
    {
        if (!File.Exists(RepositoryPaths.ModuleManifest))
            throw new InvalidOperationException($"{RepositoryPaths.ModuleManifest} is missing: build the solution first (dotnet build Omm.sln).");
        var state = InitialSessionState.CreateDefault2();
        state.EnvironmentVariables.Add(new SessionStateVariableEntry("PSModulePath", EmptyModulePath, null));
        state.ImportPSModule(new[] { RepositoryPaths.ModuleManifest });
        state.ThrowOnRunspaceOpenError = true;
        runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
    }

    public Runspace Runspace => runspace;

    /// <summary>Runs a script with variables set beforehand; returns every stream.</summary>
    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null, IEnumerable<object>? input = null)
    {
        using var shell = Create(script, variables);
        var output = input == null ? shell.Invoke() : shell.Invoke(input);
        return new ScriptResult(output, shell);
    }

    /// <summary>What Import-Csv makes of a row: an object with one string property per column (missing from this host).</summary>
    public static PSObject CsvRow(IReadOnlyList<string> headers, IReadOnlyList<string> cells)
    {
        var row = new PSObject();
        for (var i = 0; i < headers.Count; i++)
            row.Properties.Add(new PSNoteProperty(headers[i], i < cells.Count ? cells[i] : string.Empty));
        return row;
    }

    /// <summary>A pipeline ready to invoke, for tests that start it asynchronously and stop it.</summary>
    public System.Management.Automation.PowerShell Create(string script, IDictionary<string, object?>? variables = null)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            runspace.SessionStateProxy.SetVariable(name, value);
        shell.AddScript(script);
        return shell;
    }

    public void Dispose() => runspace.Dispose();
}

public sealed class ScriptResult
{
    public ScriptResult(Collection<PSObject> output, System.Management.Automation.PowerShell shell)
    {
        Output = output;
        Errors = shell.Streams.Error.ToList();
        Warnings = shell.Streams.Warning.Select(w => w.Message).ToList();
        Verbose = shell.Streams.Verbose.Select(v => v.Message).ToList();
        Progress = shell.Streams.Progress.ToList();
        Information = shell.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
    }

    public Collection<PSObject> Output { get; }

    public List<ErrorRecord> Errors { get; }

    public List<string> Warnings { get; }

    public List<string> Verbose { get; }

    public List<ProgressRecord> Progress { get; }

    /// <summary>The information stream (Write-Host, Write-Information), as text.</summary>
    public List<string> Information { get; }

    /// <summary>The single output object as a dynamic PowerShell object (its properties read by name).</summary>
    public PSObject Single()
    {
        Assert.True(Output.Count == 1, $"Expected one output object, got {Output.Count}. Errors: {string.Join(" | ", Errors.Select(e => e.ToString()))}");
        return Output[0];
    }

    public void AssertNoErrors() =>
        Assert.True(Errors.Count == 0, "Unexpected errors: " + string.Join(" | ", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
}
