using System.Diagnostics;
using System.Text.Json;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// Omm beside another module's MailKit, MimeKit and BouncyCastle in one real pwsh 7 session (scripts in tests/Isolation):
/// each side keeps its own copies, Omm's in its private load context "Omm", loaded from out/Omm/Dependencies.
/// </summary>
public sealed class IsolationTests : IClassFixture<IsolationTests.Destination>, IDisposable
{
    private readonly Destination destination;
    private readonly string directory = Directory.CreateTempSubdirectory("omm-isolation-").FullName;

    public IsolationTests(Destination destination)
    {
        this.destination = destination;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Other_versions_loaded_first_leave_Omm_working_in_its_own_context()
    {
        var emails = EmlFolder("first", 3);
        var report = RunPwsh("OtherVersionsFirst.ps1",
            "-Path", emails, "-Destination", destination.Server.Address, "-Login", "ann", "-Password", destination.Server.Password,
            "-StatePath", Path.Combine(directory, "omm.db"));

        Assert.Equal("Completed", report.GetProperty("Status").GetString());
        Assert.Equal(3, report.GetProperty("Migrated").GetInt32());
        Assert.True(report.GetProperty("IsContract").GetBoolean(), "[Omm.Migration] names the type of what Import-OmmFile returned");
        Assert.Equal(3, MailboxSnapshot.Read(destination.Server, "ann").Count);
        Assert.Equal(report.GetProperty("Before").GetProperty("DigestSizes").GetRawText(), report.GetProperty("After").GetProperty("DigestSizes").GetRawText());
        Assert.Equal("other", report.GetProperty("After").GetProperty("Query").GetString());

        var assemblies = Assemblies(report);
        AssertTwoCopies(assemblies, "MailKit", otherVersion: "4.0.0.0");
        AssertTwoCopies(assemblies, "MimeKit", otherVersion: "4.18.0.0");
        AssertSessionCopy(assemblies, "BouncyCastle.Cryptography");
        AssertSessionCopy(assemblies, "BouncyCastle.Crypto");
        AssertOmmLayout(assemblies);
    }

    [Fact]
    public void Other_versions_loaded_after_Omm_work_and_Omm_goes_on_working()
    {
        var first = EmlFolder("before", 2);
        var second = EmlFolder("after", 3);
        var report = RunPwsh("OmmFirst.ps1",
            "-Path", first, "-SecondPath", second, "-Destination", destination.Server.Address, "-Login", "bob", "-Password", destination.Server.Password,
            "-StatePath", Path.Combine(directory, "omm.db"));

        Assert.Equal(("Completed", 2), (report.GetProperty("Status").GetString(), report.GetProperty("Migrated").GetInt32()));
        Assert.Equal(("Completed", 3), (report.GetProperty("SecondStatus").GetString(), report.GetProperty("SecondMigrated").GetInt32()));
        Assert.Equal(5, MailboxSnapshot.Read(destination.Server, "bob").Count);
        var other = report.GetProperty("Other");
        Assert.True(other.GetProperty("MessageBytes").GetInt32() > 100, "the other MimeKit writes a message");
        Assert.Equal("other", other.GetProperty("Query").GetString());
        Assert.Equal("[32,32]", other.GetProperty("DigestSizes").GetRawText());

        var assemblies = Assemblies(report);
        AssertTwoCopies(assemblies, "MailKit", otherVersion: "2.8.0.0");
        AssertTwoCopies(assemblies, "MimeKit", otherVersion: "4.18.0.0");
        AssertSessionCopy(assemblies, "BouncyCastle.Cryptography");
        AssertOmmLayout(assemblies);
    }

    private static void AssertTwoCopies(IReadOnlyList<LoadedAssembly> assemblies, string name, string otherVersion)
    {
        var copies = assemblies.Where(a => a.Name == name).ToList();
        Assert.True(copies.Count == 2, $"{name}: {string.Join("; ", copies)}");
        var session = Assert.Single(copies, a => a.Context == "Default");
        Assert.Equal(otherVersion, session.Version);
        Assert.StartsWith(Packages, session.Location);
        var omm = Assert.Single(copies, a => a.Context == "Omm");
        Assert.Equal(Path.Combine(DependencyFolder, name + ".dll"), omm.Location);
    }

    private static void AssertSessionCopy(IReadOnlyList<LoadedAssembly> assemblies, string name)
    {
        var session = Assert.Single(assemblies, a => a.Name == name && a.Context == "Default");
        Assert.StartsWith(Packages, session.Location);
    }

    // The assemblies users see are in the default context at the module's root; the engine and its libraries only in
    // "Omm", from Dependencies, and none of them in the default context.
    private static void AssertOmmLayout(IReadOnlyList<LoadedAssembly> assemblies)
    {
        var root = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        foreach (var name in new[] { "Omm.PowerShell", "Omm.Contracts", "Omm.Loader" })
        {
            var copy = Assert.Single(assemblies, a => a.Name == name);
            Assert.Equal(("Default", Path.Combine(root, name + ".dll")), (copy.Context, copy.Location));
        }

        var engine = Assert.Single(assemblies, a => a.Name == "Omm.Engine");
        Assert.Equal("Omm", engine.Context);
        Assert.All(assemblies.Where(a => a.Context == "Omm"), a => Assert.Equal(DependencyFolder, Path.GetDirectoryName(a.Location)));
        Assert.All(assemblies.Where(a => a.Location.StartsWith(DependencyFolder, StringComparison.Ordinal)), a => Assert.Equal("Omm", a.Context));
        Assert.Contains(assemblies, a => a is { Name: "Microsoft.Data.Sqlite", Context: "Omm" });
    }

    private string EmlFolder(string name, int count)
    {
        var folder = Path.Combine(directory, name);
        Directory.CreateDirectory(folder);
        var fixtures = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, "mime"), "*.eml").OrderBy(f => f, StringComparer.Ordinal).ToList();
        for (var i = 0; i < count; i++)
        {
            // The same fixture in two folders is the same message to Omm's destination check: mark each copy apart.
            var text = File.ReadAllText(fixtures[i % fixtures.Count]);
            File.WriteAllText(Path.Combine(folder, $"{i}.eml"), $"X-Omm-Test: {name}-{i}\r\n" + text);
        }

        return folder;
    }

    private static string DependencyFolder => Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "Dependencies");

    private static string Packages { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
        ? Path.GetFullPath(packages)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static readonly Lazy<bool> Restored = new(() =>
    {
        if (!File.Exists(Path.Combine(Packages, "mailkit", "2.8.0", "lib", "netstandard2.0", "MailKit.dll")) ||
            !File.Exists(Path.Combine(Packages, "portable.bouncycastle", "1.9.0", "lib", "netstandard2.0", "BouncyCastle.Crypto.dll")))
            Run("dotnet", TimeSpan.FromMinutes(3), "restore", Path.Combine(RepositoryPaths.Root, "tests", "Isolation", "OtherVersions.proj"), "--nologo", "-v", "q");
        return true;
    });

    private static JsonElement RunPwsh(string script, params string[] arguments)
    {
        _ = Restored.Value;
        var pwsh = Path.Combine(RepositoryPaths.Root, ".tools", "pwsh", "pwsh");
        Assert.True(File.Exists(pwsh), $"{pwsh} is missing: run scripts/install-pwsh.sh (scripts/test.sh does).");
        var output = Run(pwsh, TimeSpan.FromMinutes(2), new[]
        {
            "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepositoryPaths.Root, "tests", "Isolation", script),
            "-ModulePath", RepositoryPaths.ModuleManifest, "-Packages", Packages,
        }.Concat(arguments).ToArray());
        var json = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(json != null, "The script printed no report:\n" + output);
        return JsonDocument.Parse(json!).RootElement;
    }

    private static string Run(string program, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not end within {timeout}:\n{output}");
        }

        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    private static List<LoadedAssembly> Assemblies(JsonElement report) =>
        report.GetProperty("Assemblies").EnumerateArray()
            .Select(a => new LoadedAssembly(a.GetProperty("Name").GetString()!, a.GetProperty("Version").GetString()!,
                a.GetProperty("Context").GetString()!, a.GetProperty("Location").GetString()!))
            .ToList();

    private sealed record LoadedAssembly(string Name, string Version, string Context, string Location);

    /// <summary>One throwaway Dovecot for the class; each test writes to a user of its own.</summary>
    public sealed class Destination : IDisposable
    {
        public DovecotServer Server { get; } = DovecotServer.Start(new DovecotOptions { Password = "Isolated-Secret-5c2e" });

        public void Dispose() => Server.Dispose();
    }
}
