using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Bench;

/// <summary>
/// One Omm pass in a process of its own (this program with <c>omm-pass</c>), measured from outside like
/// mbsync: wall time from process start to exit, peak RSS of that process only.
/// </summary>
internal static class PassProcess
{
    /// <summary>How a measured pass treats the process's memory.</summary>
    public enum PassMemory
    {
        /// <summary>As in a process Omm owns: passes bound the youngest generation (forced collections, trims).</summary>
        Owned,

        /// <summary>As in a user's PowerShell session: no process-wide tuning.</summary>
        Guest,

        /// <summary>A guest in a process started with DOTNET_GCgen0size (<see cref="Gen0Size"/>).</summary>
        GuestWithGen0Size,
    }

    public const string Verb = "omm-pass";

    /// <summary>Given as the migration id, the pass creates its migration first (so a build of another state schema can be compared).</summary>
    public const string NewMigration = "new";

    /// <param name="otherBuild">Another build's Omm.Bench.dll to run the pass with (OMM_BENCH_COMPARE), or null for this one.</param>
    public static Run Measure(string state, string id, Omm.TestServers.DovecotServer source, Omm.TestServers.DovecotServer destination, string destinationUser,
        string? otherBuild = null, PassMemory memory = PassMemory.Owned) =>
        Measure(state, id, source.Address, ImapBenchmark.User, destination.Address, destinationUser, source.Password, otherBuild, memory);

    /// <param name="sourceAddress">host:port of an IMAP server, or the http(s) URL of an EWS server (as is <paramref name="destinationAddress"/>).</param>
    /// <param name="password">Both sides' password.</param>
    /// <param name="memory">Whether the pass bounds the runtime's youngest generation as in a process of Omm's own, or runs as a guest in a user's
    /// session would, with or without the host's DOTNET_GCgen0size.</param>
    public static Run Measure(string state, string id, string sourceAddress, string sourceUser, string destinationAddress, string destinationUser, string password,
        string? otherBuild = null, PassMemory memory = PassMemory.Owned)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (otherBuild != null)
        {
            self = "dotnet";
            arguments.Add(otherBuild);
        }
        else if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            arguments.Add(typeof(PassProcess).Assembly.Location);
        arguments.AddRange(new[] { Verb, state, id, sourceAddress, destinationAddress, destinationUser, password });
        // Only when it differs, so that a build older than the argument still takes the IMAP benchmarks' passes.
        if (sourceUser != ImapBenchmark.User)
            arguments.Add(sourceUser);
        var trace = Environment.GetEnvironmentVariable("OMM_BENCH_TRACE");
        if (!string.IsNullOrEmpty(trace) && !File.Exists(trace + ".speedscope.json"))
        {
            // A profile of the first pass, for "where the time goes": dotnet-trace's sampling profiler, as speedscope JSON.
            arguments.InsertRange(0, Environment.GetEnvironmentVariable("OMM_BENCH_TRACE_ALLOCATIONS") == "1"
                ? new[] { "collect", "--profile", "gc-verbose", "-o", trace + ".nettrace", "--", self }
                : new[] { "collect", "--format", "Speedscope", "-o", trace + ".nettrace", "--", self });
            self = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        }

        var heaptrack = Environment.GetEnvironmentVariable("OMM_BENCH_HEAPTRACK");
        if (!string.IsNullOrEmpty(heaptrack))
        {
            // Who holds native memory (the JIT, SQLite...): heaptrack's record of every malloc of the pass.
            arguments.InsertRange(0, new[] { "-o", heaptrack, self });
            self = "heaptrack";
        }

        var environment = new Dictionary<string, string> { [MemoryVariable] = memory == PassMemory.Owned ? "owned" : "guest" };
        if (memory == PassMemory.GuestWithGen0Size)
            environment["DOTNET_GCgen0size"] = Gen0Size;
        var (measured, output) = TimedProcess.Run(self, environment, arguments.ToArray());
        Console.Write(output);
        return measured;
    }

    private const string MemoryVariable = "OMM_BENCH_MEMORY";

    /// <summary>The youngest generation's size the guest runs are given, as someone running Omm in a process of its own would set it.</summary>
    public const string Gen0Size = "0x1000000";

    /// <summary>The child's side: runs the pass and fails unless it completed.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(MemoryVariable) != "guest")
            YoungGenerationBound.EnableForOwnedProcess();
        var (state, id, sourceAddress, destinationAddress, destinationUser, password) = (args[1], args[2], args[3], args[4], args[5], args[6]);
        var sourceUser = args.Length > 7 ? args[7] : ImapBenchmark.User;
        var store = new StateStore(state);
        var runner = new MigrationRunner(store);
        if (id == NewMigration)
        {
            // The other build under comparison writes its own state file, in its own schema.
            id = ImapBenchmark.CreateMigration(store, Endpoint(EndpointRole.Source, sourceAddress, sourceUser, password),
                Endpoint(EndpointRole.Destination, destinationAddress, destinationUser, password)).Id;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("OMM_BENCH_CONNECTIONS"), out var connections))
            runner.Connections = connections;
        if (int.TryParse(Environment.GetEnvironmentVariable("OMM_BENCH_IDENTITY_SLICE"), out var slice))
            runner.IdentitySlice = slice;
        using var memory = Environment.GetEnvironmentVariable("OMM_BENCH_GC") == "1" ? new MemorySampler() : null;
        // A dump in the middle of the pass, garbage included (the summary tells it apart): what the heap holds while copying.
        using var midDump = double.TryParse(Environment.GetEnvironmentVariable("OMM_BENCH_HEAPDUMP_AT"), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? new Timer(_ => HeapDump.WriteOfThisProcess(Environment.GetEnvironmentVariable("OMM_BENCH_HEAPDUMP") + ".mid", collectFirst: false), null,
                TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan)
            : null;
        var result = await runner.RunPassAsync(id,
            Endpoint(EndpointRole.Source, sourceAddress, sourceUser, password), Endpoint(EndpointRole.Destination, destinationAddress, destinationUser, password),
            new BenchObserver(), CancellationToken.None);
        // Leave the pass's frames: its last continuation runs this method's rest on top of them, which would keep its objects alive.
        await Task.Yield();
        if (memory != null)
        {
            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine($"  gc: {GC.GetTotalAllocatedBytes() / 1e6:N0} MB allocated, collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:N2} s, heap {gc.HeapSizeBytes / 1e6:N0} MB, committed {gc.TotalCommittedBytes / 1e6:N0} MB, peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB, live after a full collection {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N1} MB");
            Console.WriteLine(memory.Report());
        }

        var dump = Environment.GetEnvironmentVariable("OMM_BENCH_HEAPDUMP");
        if (!string.IsNullOrEmpty(dump))
            HeapDump.WriteOfThisProcess(dump);
        if (result.Migration.Status == MigrationStatus.Completed)
            return 0;
        Console.Error.WriteLine($"The pass ended {result.Migration.Status}: {result.Migration.FailureReason}");
        return 1;
    }

    /// <param name="address">host:port of an IMAP server without TLS, or the URL of an EWS server.</param>
    public static AccountEndpoint Endpoint(EndpointRole role, string address, string user, string password) =>
        address.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? AccountEndpoint.ForExchange(role, new Uri(address), new NetworkCredential(user, password), false)
            : new(role, ServerType.Imap, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential(user, password), false);
}
