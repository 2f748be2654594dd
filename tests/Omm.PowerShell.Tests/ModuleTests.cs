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
    public void Engine_libraries_and_native_sqlite_load_in_the_private_context_from_Dependencies()
    {
        using var shell = new OmmShell();
        var statePath = Path.Combine(directory, "state", "omm.db");
        // A migration to a port nothing listens on: it fails at once, but the state file is made (native SQLite loaded).
        var result = shell.Run(@"
            New-OmmMigration -SourceServer 127.0.0.1:1 -SourceLogin a -SourcePassword x -SourceSecurity None -DestinationServer 127.0.0.1:1 `
                -DestinationLogin b -DestinationPassword y -DestinationSecurity None -StatePath $statePath -ErrorAction SilentlyContinue | Out-Null
            Get-OmmMigration -StatePath $statePath | Out-Null
            # Other tests of this process load these assemblies too (in contexts of their own): only the two of the module count.
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -in 'Default', 'Omm' } |
                Where-Object { $_.GetName().Name -in 'Omm.PowerShell', 'Omm.Contracts', 'Omm.Loader', 'Omm.Engine', 'MailKit', 'MimeKit', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core' } |
                ForEach-Object { '{0}|{1}|{2}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name, $_.Location }",
            new Dictionary<string, object?> { ["statePath"] = statePath });

        result.AssertNoErrors();
        Assert.True(File.Exists(statePath), "New-OmmMigration should create the state file (native SQLite loaded)");
        var moduleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        var loaded = result.Output.Select(o => o.ToString().Split('|')).ToDictionary(f => f[0], f => (Context: f[1], Location: f[2]));
        foreach (var name in new[] { "Omm.PowerShell", "Omm.Contracts", "Omm.Loader" })
            Assert.Equal(("Default", Path.Combine(moduleFolder, name + ".dll")), loaded[name]);
        foreach (var name in new[] { "Omm.Engine", "MailKit", "MimeKit", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core" })
            Assert.Equal(("Omm", Path.Combine(moduleFolder, "Dependencies", name + ".dll")), loaded[name]);
    }

    [Fact]
    public void The_module_root_holds_only_what_the_default_context_loads()
    {
        var moduleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        Assert.Equal(new[] { "Omm.Contracts.dll", "Omm.Loader.dll", "Omm.PowerShell.dll" },
            Directory.GetFiles(moduleFolder, "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        var dependencies = Path.Combine(moduleFolder, "Dependencies");
        foreach (var name in new[] { "Omm.Engine", "MailKit", "MimeKit", "BouncyCastle.Cryptography", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "Polly.Core", "CsvHelper", "ExcelDataReader", "DnsClient", "TimeZoneConverter" })
            Assert.True(File.Exists(Path.Combine(dependencies, name + ".dll")), $"{name}.dll belongs in Dependencies");
        Assert.True(File.Exists(Path.Combine(dependencies, "runtimes", "linux-x64", "native", "libe_sqlite3.so")));
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

        // The types PowerShell users see (Omm.Contracts) depend on nothing. The cmdlets call the engine, whose
        // copy the default context gets from the private one, but never MailKit, MimeKit, BouncyCastle, SQLite or any
        // other library of Dependencies: a type of those named here would be bound in the default context, where
        // another module's version may sit. The loader needs the framework alone.
        Assert.Equal(new[] { "netstandard" }, References(Path.Combine(moduleFolder, "Omm.Contracts.dll")));
        Assert.Equal(new[] { "Omm.Contracts", "Omm.Engine", "System.Management.Automation", "netstandard" },
            References(Path.Combine(moduleFolder, "Omm.PowerShell.dll")));
        var isolated = Directory.GetFiles(Path.Combine(moduleFolder, "Dependencies"), "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Contains("MailKit", isolated);
        Assert.All(References(Path.Combine(moduleFolder, "Omm.Loader.dll")), name =>
            Assert.True(name.StartsWith("System.", StringComparison.Ordinal) && !isolated.Contains(name), $"Omm.Loader refers to {name}"));
    }

    [Fact]
    public void Cmdlet_types_load_without_the_engine()
    {
        // PowerShell lists the public types of Omm.PowerShell.dll, and reads the cmdlets' parameters, output types and
        // completers, before or without running ModuleInitializer.OnImport, which makes the engine loadable. So none
        // of that may need Omm.Engine or its libraries: here they cannot load at all.
        var moduleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        var context = new WithoutEngine(moduleFolder);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(moduleFolder, "Omm.PowerShell.dll"));
            var types = assembly.GetExportedTypes();
            var cmdlets = types.Where(t => typeof(System.Management.Automation.Cmdlet).IsAssignableFrom(t) && !t.IsAbstract).ToList();
            Assert.Equal(7, cmdlets.Count);
            foreach (var type in types)
            {
                foreach (var property in type.GetProperties())
                    _ = (property.PropertyType, property.GetCustomAttributes(inherit: true));
                _ = type.GetCustomAttributes(inherit: true);
            }

            Assert.Contains(types, t => t.Name == "ModuleInitializer" && typeof(System.Management.Automation.IModuleAssemblyInitializer).IsAssignableFrom(t));
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Omm.Engine");
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Omm.PowerShell and Omm.Contracts from the module folder, PowerShell from the test's own; nothing of Dependencies.</summary>
    private sealed class WithoutEngine(string moduleFolder) : System.Runtime.Loader.AssemblyLoadContext("without-engine", isCollectible: true)
    {
        protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName name)
        {
            if (name.Name == "Omm.Contracts")
                return LoadFromAssemblyPath(Path.Combine(moduleFolder, "Omm.Contracts.dll"));
            if (File.Exists(Path.Combine(moduleFolder, "Dependencies", name.Name + ".dll")))
                throw new InvalidOperationException($"Loading Omm.PowerShell's public types needed {name}, which only the private load context has.");
            return null;
        }
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
