using System.Diagnostics;
using System.Text.Json;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// The engine under .NET 8, pwsh 7.4 LTS's runtime: tests/Omm.Net8Host (self-contained .NET 8) loads out/Omm/Dependencies
/// through the module's own load context, walks the engine's load closure and imports .eml files into a real Dovecot.
/// </summary>
public sealed class Net8Tests : IDisposable
{
    private readonly DovecotServer destination = DovecotServer.Start(new DovecotOptions { Password = "Net8-Secret-19af" });
    private readonly string directory = Directory.CreateTempSubdirectory("omm-net8-").FullName;

    public void Dispose()
    {
        destination.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void The_engine_loads_and_imports_on_dotnet_8()
    {
        var emails = Path.Combine(directory, "mail");
        Directory.CreateDirectory(emails);
        var fixtures = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, "mime"), "*.eml").OrderBy(f => f, StringComparer.Ordinal).Take(4).ToList();
        foreach (var fixture in fixtures)
            File.Copy(fixture, Path.Combine(emails, Path.GetFileName(fixture)));

        var report = RunHost(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, emails, destination.Address, "dan", destination.Password,
            Path.Combine(directory, "omm.db"));

        Assert.StartsWith(".NET 8.", report.GetProperty("Runtime").GetString());
        Assert.Equal("Omm", report.GetProperty("Context").GetString());
        Assert.True(report.GetProperty("Failure").ValueKind == JsonValueKind.Null, report.GetProperty("Failure").ToString());
        Assert.Equal(("Completed", fixtures.Count), (report.GetProperty("Status").GetString(), report.GetProperty("Migrated").GetInt32()));
        Assert.Equal(fixtures.Count, MailboxSnapshot.Read(destination, "dan").Count);

        var closure = report.GetProperty("Closure").EnumerateArray().ToDictionary(a => a.GetProperty("Name").GetString()!);
        var broken = closure.Values.Where(a => a.GetProperty("Error").ValueKind != JsonValueKind.Null).Select(a => a.ToString()).ToList();
        Assert.True(broken.Count == 0, "Parts of the engine's load closure do not load on .NET 8:\n" + string.Join("\n", broken));
        var dependencies = Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "Dependencies");
        var framework = report.GetProperty("Framework").GetString()!;
        foreach (var name in new[] { "MailKit", "MimeKit", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "BouncyCastle.Cryptography" })
            Assert.Equal(("Omm", Path.Combine(dependencies, name + ".dll")), Where(closure[name]));
        Assert.Equal(("Default", Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "Omm.Contracts.dll")), Where(closure["Omm.Contracts"]));
        foreach (var entry in closure.Values)
        {
            // Whatever the engine asks for at a version .NET 8 lacks (System.Formats.Asn1 10.0, System.Text.Encoding.CodePages
            // 10.0...) is the package copy in the private context; the rest is the framework's, in the default one.
            var (context, location) = Where(entry);
            if (Version.Parse(entry.GetProperty("Asked").GetString()!) > Version.Parse(entry.GetProperty("Version").GetString()!))
                Assert.Fail($"{entry} is older than the engine asks for");
            if (location.StartsWith(framework, StringComparison.Ordinal))
                Assert.Equal("Default", context);
            else if (context == "Omm")
                Assert.StartsWith(dependencies, location);
        }

        var newer = report.GetProperty("NewerThanFramework").EnumerateArray().Select(e => e.GetString()!.Split(' ')[0]).ToList();
        Assert.Contains("System.Formats.Asn1", newer);
        foreach (var name in newer.Where(closure.ContainsKey))
            Assert.Equal(("Omm", Path.Combine(dependencies, name + ".dll")), Where(closure[name]));
    }

    private static (string Context, string Location) Where(JsonElement entry) =>
        (entry.GetProperty("Context").GetString()!, entry.GetProperty("Location").GetString()!);

    private static JsonElement RunHost(params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Omm.Net8Host", "bin", configuration, "net8.0");
        var host = Directory.Exists(folder) ? Directory.GetFiles(folder, "Omm.Net8Host", SearchOption.AllDirectories).FirstOrDefault() : null;
        Assert.True(host != null, $"No Omm.Net8Host under {folder}: build the solution first (dotnet build Omm.sln -c {configuration}).");
        var start = new ProcessStartInfo(host!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Self-contained: the .NET 8 runtime beside it, never the machine's.
        start.Environment.Remove("DOTNET_ROOT");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "Omm.Net8Host did not end");
        Assert.True(process.ExitCode == 0, $"Omm.Net8Host exited with {process.ExitCode}:\n{output}\n{error.Result}");
        var json = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(json != null, "Omm.Net8Host printed no report:\n" + output + error.Result);
        return JsonDocument.Parse(json!).RootElement;
    }
}
