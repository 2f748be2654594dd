using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Net8Host;

/// <summary>Runs inside Omm's private load context: the engine's load closure, then an import of .eml files into IMAP.</summary>
public static class Scenario
{
    public static int Run(string[] args)
    {
        var (moduleFolder, path, destination, login, password, statePath) = (args[0], args[1], args[2], args[3], args[4], args[5]);
        var here = AssemblyLoadContext.GetLoadContext(typeof(Scenario).Assembly)!;
        var closure = Closure(typeof(StateStore).Assembly, here);

        var result = Import(path, destination, login, password, statePath);

        var report = new
        {
            Runtime = RuntimeInformation.FrameworkDescription,
            Context = here.Name,
            Status = result.Migration.Status.ToString(),
            Migrated = result.Migration.Progress.Sum(p => p.Migrated),
            Failure = result.Failure?.Message,
            Closure = closure,
            Framework = Path.GetDirectoryName(typeof(object).Assembly.Location),
            NewerThanFramework = NewerThanFramework(Path.Combine(moduleFolder, "Dependencies")),
        };
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static PassResult Import(string path, string destination, string login, string password, string statePath)
    {
        var store = new StateStore(statePath);
        var from = AccountEndpoint.ForFile(path);
        var to = new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse(destination), ConnectionSecurity.None,
            new NetworkCredential(login, password), skipCertificateCheck: false);
        var settings = new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false);
        var id = store.CreateMigration(new NewMigration(null, settings, new[] { ItemType.Mail })).Id;
        return new MigrationRunner(store).RunPassAsync(id, from, to, new SilentObserver(), CancellationToken.None).GetAwaiter().GetResult();
    }

    // Every assembly the engine refers to, directly or not, loaded through the engine's context: where each came from.
    private static List<LoadedAssembly> Closure(Assembly root, AssemblyLoadContext context)
    {
        var seen = new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(new[] { root });
        Add(root, root.GetName());
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Dequeue().GetReferencedAssemblies())
            {
                if (seen.ContainsKey(reference.Name!))
                    continue;
                try
                {
                    var assembly = context.LoadFromAssemblyName(reference);
                    Add(assembly, reference);
                    pending.Enqueue(assembly);
                }
                catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
                {
                    seen[reference.Name!] = new LoadedAssembly(reference.Name!, reference.Version?.ToString(), null, null, null, e.Message);
                }
            }
        }

        return seen.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

        void Add(Assembly assembly, AssemblyName asked) =>
            seen[asked.Name!] = new LoadedAssembly(asked.Name!, asked.Version?.ToString(), assembly.GetName().Version?.ToString(),
                AssemblyLoadContext.GetLoadContext(assembly)?.Name, assembly.Location, null);
    }

    // The libraries of Dependencies whose version is newer than the same-named assembly of this runtime.
    private static List<string> NewerThanFramework(string dependencyFolder)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var newer = new List<string>();
        foreach (var file in Directory.GetFiles(dependencyFolder, "*.dll"))
        {
            var own = Path.Combine(framework, Path.GetFileName(file));
            if (!File.Exists(own))
                continue;
            var (ours, theirs) = (AssemblyName.GetAssemblyName(file).Version, AssemblyName.GetAssemblyName(own).Version);
            if (ours > theirs)
                newer.Add($"{Path.GetFileNameWithoutExtension(file)} {ours} > {theirs}");
        }

        return newer;
    }

    public sealed record LoadedAssembly(string Name, string? Asked, string? Version, string? Context, string? Location, string? Error);

    private sealed class SilentObserver : IMigrationObserver
    {
        public void OnProgress(MigrationProgress progress)
        {
        }

        public void OnItemProblem(ItemError problem) => Console.Error.WriteLine($"{problem.Folder} {problem.ItemName}: {problem.Message}");

        public void OnVerbose(string message)
        {
        }

        public void OnWarning(string message) => Console.Error.WriteLine(message);
    }
}
