using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>Get-OmmMigration over a state file holding migrations of two projects (failed fast against a closed port).</summary>
public sealed class GetOmmMigrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-get-").FullName;
    private readonly OmmShell shell = new();
    private readonly List<string> acme = new();
    private readonly string other;

    public GetOmmMigrationTests()
    {
        acme.Add(Create("acme"));
        acme.Add(Create("acme"));
        other = Create("globex");
    }

    private string StatePath => Path.Combine(directory, "omm.db");

    public void Dispose()
    {
        shell.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Without_parameters_returns_every_migration_oldest_first()
    {
        var result = Run("Get-OmmMigration -StatePath $statePath");
        result.AssertNoErrors();
        Assert.Equal(acme.Append(other), result.Output.Select(m => m.Text("Id")));
        Assert.All(result.Output, m => Assert.Equal("Failed", m.Text("Status")));
    }

    [Fact]
    public void Filters_by_project_status_and_id_with_wildcards()
    {
        Assert.Equal(acme, Run("Get-OmmMigration -Project ACME -StatePath $statePath").Output.Select(m => m.Text("Id")));
        Assert.Empty(Run("Get-OmmMigration -Status Completed,Running -StatePath $statePath").Output);
        Assert.Equal(3, Run("Get-OmmMigration -Status Failed -StatePath $statePath").Output.Count);
        Assert.Equal(new[] { other }, Run($"Get-OmmMigration {other.ToUpperInvariant()} -StatePath $statePath").Output.Select(m => m.Text("Id")));
        Assert.Equal(new[] { other }, Run($"Get-OmmMigration -Id '{other[..3]}*' -Project globex -StatePath $statePath").Output.Select(m => m.Text("Id")));
    }

    [Fact]
    public void An_unknown_id_is_an_object_not_found_error()
    {
        var result = Run("Get-OmmMigration -Id zzzzzzzz, $known -StatePath $statePath", ("known", other));

        Assert.Equal(new[] { other }, result.Output.Select(m => m.Text("Id")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("MigrationNotFound,Omm.PowerShell.Commands.GetOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Migrations_pipe_back_into_get_with_their_state_file()
    {
        var result = Run("Get-OmmMigration -Project globex -StatePath $statePath | Get-OmmMigration");
        result.AssertNoErrors();
        Assert.Equal(new[] { other }, result.Output.Select(m => m.Text("Id")));
    }

    [Fact]
    public void The_state_file_defaults_to_the_environment_variable()
    {
        var result = Run(@"
            $saved = $env:OMM_STATE_PATH
            try { $env:OMM_STATE_PATH = $statePath; Get-OmmMigration -Project globex }
            finally { $env:OMM_STATE_PATH = $saved }");
        result.AssertNoErrors();
        Assert.Equal(new[] { other }, result.Output.Select(m => m.Text("Id")));
    }

    [Fact]
    public void A_file_that_is_not_a_state_file_ends_the_command_with_a_clear_error()
    {
        var notes = Path.Combine(directory, "notes.txt");
        File.WriteAllText(notes, new string('x', 4096));

        var result = Run("Get-OmmMigration -StatePath $path; 'next statement runs'", ("path", notes));

        var error = Assert.Single(result.Errors);
        Assert.Equal("StateFileUnusable,Omm.PowerShell.Commands.GetOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OpenError, error.CategoryInfo.Category);
        Assert.Contains(notes, error.Exception.Message);
        Assert.Equal(new[] { "next statement runs" }, result.Output.Select(o => o.ToString()));
        Assert.Equal(new string('x', 4096), File.ReadAllText(notes));
    }

    private string Create(string project)
    {
        var closed = $"127.0.0.1:{FreePort.Next()}";
        var result = Run("New-OmmMigration -SourceServer $closed -SourceLogin a -SourcePassword b -SourceSecurity None " +
                         "-DestinationServer $closed -DestinationLogin a -DestinationPassword b -DestinationSecurity None -Project $project -StatePath $statePath",
            ("closed", closed), ("project", project));
        return result.Single().Text("Id")!;
    }

    private ScriptResult Run(string script, params (string Name, object? Value)[] variables)
    {
        var all = new Dictionary<string, object?> { ["statePath"] = StatePath };
        foreach (var (name, value) in variables)
            all[name] = value;
        return shell.Run(script, all);
    }
}
