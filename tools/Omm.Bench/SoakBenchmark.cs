using System.Diagnostics;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// The soak run: the benchmark workload migrated between two throwaway Dovecot servers through two
/// fault-injecting proxies (one per side) that cut connections at random points, in the middle of
/// FETCH and APPEND literals, with a random cut point per connection. The pass must end Completed,
/// with every source message on the destination exactly once, same bytes, flags and date, and no
/// other message there.
/// </summary>
internal static class SoakBenchmark
{
    public static int Run(int messages, int cuts, int seed)
    {
        using var servers = BenchServers.Start(messages);
        var (source, destination) = (servers.Source, servers.Destination);

        // Each connection is cut after 20-60 MB on each side (so cuts fall all through the run), until the budget is spent.
        using var sourceProxy = FaultProxy.Start(source);
        using var destinationProxy = FaultProxy.Start(destination);
        var random = new Random(seed);
        sourceProxy.RandomCutPoints = new Random(random.Next());
        sourceProxy.CutServerToClientAfter = 40_000_000;
        sourceProxy.CutsLeft = cuts / 2;
        destinationProxy.RandomCutPoints = new Random(random.Next());
        destinationProxy.CutClientToServerAfter = 40_000_000;
        destinationProxy.CutsLeft = cuts - cuts / 2;

        var directory = Directory.CreateTempSubdirectory("omm-bench-soak-").FullName;
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = PassProcess.Endpoint(EndpointRole.Source, sourceProxy.Address, ImapBenchmark.User, source.Password);
        var to = PassProcess.Endpoint(EndpointRole.Destination, destinationProxy.Address, ImapBenchmark.User, destination.Password);
        var migration = ImapBenchmark.CreateMigration(store, from, to);

        var observer = new BenchObserver();
        var clock = Stopwatch.StartNew();
        var result = new MigrationRunner(store) { FirstRetryDelay = TimeSpan.FromSeconds(1) }
            .RunPassAsync(migration.Id, from, to, observer, CancellationToken.None).GetAwaiter().GetResult();
        var elapsed = clock.Elapsed;

        var (identical, total) = ImapBenchmark.Verify(source, destination, ImapBenchmark.User);
        var onDestination = ImapBenchmark.CountMessages(destination, ImapBenchmark.User);
        Console.WriteLine($"soak        {result.Migration.Status} in {elapsed.TotalSeconds:N1} s; connections cut {sourceProxy.Cuts} times on the source side " +
                          $"and {destinationProxy.Cuts} on the destination side; {observer.Warnings} reconnections");
        if (result.Migration.FailureReason != null)
            Console.WriteLine($"            {result.Migration.FailureReason}");
        Console.WriteLine($"exactly-once {identical:N0} of {total:N0} source messages are on the destination with the same bytes, flags and date; " +
                          $"the destination holds {onDestination:N0} messages");
        Directory.Delete(directory, recursive: true);
        return result.Migration.Status == MigrationStatus.Completed && identical == total && onDestination == total ? 0 : 1;
    }
}
