using Omm.TestServers;

namespace Omm.PowerShell.Tests;

public sealed class ModuleTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-module-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Imports_with_its_cmdlets_and_manifest_version()
    {
        using var shell = new OmmShell();
        var result = shell.Run("Get-Module Omm | ForEach-Object { $_.Version.ToString(); $_.ExportedCmdlets.Keys }");
        result.AssertNoErrors();
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal("0.1.0", lines[0]);
        Assert.Equal(new[] { "Get-OmmMigration", "Get-OmmProject", "Import-OmmFile", "New-OmmMigration", "Remove-OmmMigratedItem", "Stop-OmmMigration", "Sync-OmmMigration" },
            lines.Skip(1).OrderBy(c => c, StringComparer.Ordinal));
    }

    [Fact]
    public void Assemblies_and_native_sqlite_load_from_the_module_folder()
    {
        using var shell = new OmmShell();
        var statePath = Path.Combine(directory, "state", "omm.db");
        // A migration to a port nothing listens on: it fails at once, but the state file is made (native SQLite loaded).
        var result = shell.Run(@"
            New-OmmMigration -SourceServer 127.0.0.1:1 -SourceLogin a -SourcePassword x -SourceSecurity None -DestinationServer 127.0.0.1:1 `
                -DestinationLogin b -DestinationPassword y -DestinationSecurity None -StatePath $statePath -ErrorAction SilentlyContinue | Out-Null
            Get-OmmMigration -StatePath $statePath | Out-Null
            [Omm.Migration].Assembly.Location
            [Omm.PowerShell.Commands.NewOmmMigrationCommand].Assembly.Location
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Omm.Engine', 'MailKit', 'Microsoft.Data.Sqlite' } | ForEach-Object Location",
            new Dictionary<string, object?> { ["statePath"] = statePath });

        result.AssertNoErrors();
        Assert.True(File.Exists(statePath), "New-OmmMigration should create the state file (native SQLite loaded)");
        var moduleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        var locations = result.Output.Select(o => o.ToString()).ToList();
        Assert.True(locations.Count >= 4, string.Join(", ", locations));
        Assert.All(locations, location => Assert.StartsWith(moduleFolder, location));
    }

    [Fact]
    public void Output_and_parameter_types_resolve_by_name()
    {
        using var shell = new OmmShell();
        var result = shell.Run(@"
            [Omm.MigrationStatus]::CompletedWithErrors
            [Omm.ConnectionSecurity]'StartTls'
            (Get-Command New-OmmMigration).OutputType.Name
            (Get-Command New-OmmMigration).Parameters['SourceSecurity'].ParameterType.FullName");
        result.AssertNoErrors();
        Assert.Equal(new[] { "CompletedWithErrors", "StartTls", "Omm.Migration", "Omm.ConnectionSecurity" }, result.Output.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("New-OmmMigration")]
    [InlineData("Get-OmmMigration")]
    [InlineData("Sync-OmmMigration")]
    [InlineData("Stop-OmmMigration")]
    [InlineData("Remove-OmmMigratedItem")]
    [InlineData("Get-OmmProject")]
    [InlineData("Import-OmmFile")]
    public void Every_cmdlet_has_help_with_a_synopsis_and_examples(string cmdlet)
    {
        using var shell = new OmmShell();
        var result = shell.Run("$help = Get-Help $name -Full; $help.Synopsis; @($help.examples.example).Count; @($help.parameters.parameter).Count",
            new Dictionary<string, object?> { ["name"] = cmdlet });
        result.AssertNoErrors();
        var synopsis = result.Output[0].ToString();
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(cmdlet + " ", synopsis); // a generated synopsis is just the syntax line
        Assert.True((int)result.Output[1].BaseObject >= 2);
        Assert.True((int)result.Output[2].BaseObject >= 2);
    }

    [Theory]
    [InlineData("New-OmmMigration")]
    [InlineData("Get-OmmMigration")]
    [InlineData("Sync-OmmMigration")]
    [InlineData("Stop-OmmMigration")]
    [InlineData("Remove-OmmMigratedItem")]
    [InlineData("Get-OmmProject")]
    [InlineData("Import-OmmFile")]
    public void Every_parameter_is_documented(string cmdlet)
    {
        using var shell = new OmmShell();
        var result = shell.Run(@"
            $documented = @((Get-Help $name -Full).parameters.parameter | ForEach-Object name)
            (Get-Command $name).Parameters.Keys | Where-Object {
                $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and
                $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters -and
                $_ -notin $documented }", new Dictionary<string, object?> { ["name"] = cmdlet });
        result.AssertNoErrors();
        Assert.Empty(result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Visible_types_stay_out_of_the_engine()
    {
        var moduleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;

        // The types PowerShell users see (Omm.Contracts) depend on nothing; the cmdlets reach MailKit,
        // MimeKit and SQLite only through the engine, so those can move to an isolated load context.
        Assert.Equal(new[] { "netstandard" }, References(Path.Combine(moduleFolder, "Omm.Contracts.dll")));
        Assert.Equal(new[] { "Omm.Contracts", "Omm.Engine", "System.Management.Automation", "netstandard" },
            References(Path.Combine(moduleFolder, "Omm.PowerShell.dll")));
    }

    private static IEnumerable<string> References(string path)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext(path, isCollectible: true);
        try
        {
            using var stream = File.OpenRead(path);
            var assembly = context.LoadFromStream(stream);
            return assembly.GetReferencedAssemblies().Select(a => a.Name!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
        finally
        {
            context.Unload();
        }
    }
}
