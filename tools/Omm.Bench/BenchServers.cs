using System.Diagnostics;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>The benchmarks' two throwaway Dovecot servers, the source seeded with a workload (by default <see cref="Bench.Workload"/>).</summary>
internal sealed class BenchServers : IDisposable
{
    private BenchServers(DovecotServer source, DovecotServer destination, (int Count, long Bytes, int Folders) workload)
    {
        Source = source;
        Destination = destination;
        Workload = workload;
    }

    public DovecotServer Source { get; }

    public DovecotServer Destination { get; }

    public (int Count, long Bytes, int Folders) Workload { get; }

    /// <summary>Starts both servers, seeds <paramref name="messages"/> messages and says so on the console.</summary>
    public static BenchServers Start(int messages) => Start(Bench.Workload.Create(messages));

    /// <summary>Starts both servers, seeds the source with <paramref name="messages"/> and says so on the console.</summary>
    public static BenchServers Start(IEnumerable<SeedMessage> messages)
    {
        var source = DovecotServer.Start(new DovecotOptions { Separator = '/', Password = "bench" });
        var destination = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = "bench" });
        var seeding = Stopwatch.StartNew();
        var workload = ImapBenchmark.Seed(source, messages);
        Console.WriteLine($"workload    {workload.Count:N0} messages, {workload.Bytes / 1e6:N0} MB, {workload.Folders} folders, seeded in {seeding.Elapsed.TotalSeconds:N1} s");
        return new BenchServers(source, destination, workload);
    }

    public void Dispose()
    {
        Source.Dispose();
        Destination.Dispose();
    }
}
