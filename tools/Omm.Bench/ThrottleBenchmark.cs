using System.Diagnostics;
using System.Globalization;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// Checks the throughput caps: the benchmark workload migrated between two throwaway Dovecot servers
/// three times, each into a fresh account, under a message cap, a byte cap, and both. Each pass is
/// timed from its start to its end (logins and folder listing included, as an administrator sees it)
/// on the default two connections per side; prints messages/s and bytes/s achieved against each cap,
/// whether they are within 10 % of it, and checks every copy (bytes, flags, date).
/// </summary>
internal static class ThrottleBenchmark
{
    public static int Run(int messages, double messagesPerSecond, long bytesPerSecond)
    {
        using var servers = BenchServers.Start(messages);
        var (source, destination, workload) = (servers.Source, servers.Destination, servers.Workload);

        var directory = Directory.CreateTempSubdirectory("omm-bench-throttle-").FullName;
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var connections = int.TryParse(Environment.GetEnvironmentVariable("OMM_BENCH_CONNECTIONS"), out var n) ? n : MigrationRunner.DefaultConnections;
        var allWithin = true;
        foreach (var (name, caps) in new[]
                 {
                     ("messages", new ThroughputCaps(messagesPerSecond, null)),
                     ("bytes", new ThroughputCaps(null, bytesPerSecond)),
                     ("both", new ThroughputCaps(messagesPerSecond, bytesPerSecond)),
                 })
        {
            var user = "throttle-" + name;
            var from = PassProcess.Endpoint(EndpointRole.Source, source.Address, ImapBenchmark.User, source.Password);
            var to = PassProcess.Endpoint(EndpointRole.Destination, destination.Address, user, destination.Password);
            var migration = ImapBenchmark.CreateMigration(store, from, to, caps);

            var clock = Stopwatch.StartNew();
            var result = new MigrationRunner(store) { Connections = connections }
                .RunPassAsync(migration.Id, from, to, new BenchObserver(), CancellationToken.None).GetAwaiter().GetResult();
            var elapsed = clock.Elapsed.TotalSeconds;
            if (result.Migration.Status != MigrationStatus.Completed)
            {
                Console.WriteLine($"{name,-9} the pass ended {result.Migration.Status}: {result.Migration.FailureReason}");
                allWithin = false;
                continue;
            }

            var (messageRate, byteRate) = (workload.Count / elapsed, workload.Bytes / elapsed);
            var shares = new List<double>();
            if (caps.MaxMessagesPerSecond is double messageCap)
                shares.Add(messageRate / messageCap);
            if (caps.MaxBytesPerSecond is long byteCap)
                shares.Add(byteRate / byteCap);
            // Never more than 10 % over a cap; with a single cap also no more than 10 % under it (with both,
            // which one binds changes with the sizes of the messages in hand, so only the first holds).
            var within = shares.All(s => s <= 1.10) && (shares.Count > 1 || shares[0] >= 0.90);
            allWithin &= within;
            var (identical, total) = ImapBenchmark.Verify(source, destination, user);
            allWithin &= identical == total;
            Console.WriteLine($"{name,-9} {caps,-46} {elapsed,7:N2} s  {messageRate,7:N2} msg/s  {byteRate / 1e6,6:N2} MB/s  " +
                              $"{string.Join(" / ", shares.Select(s => s.ToString("P0", CultureInfo.InvariantCulture)))} of the cap  " +
                              $"within 10 %: {(within ? "yes" : "NO")}  byte-exact {identical}/{total}");
        }

        Directory.Delete(directory, recursive: true);
        return allWithin ? 0 : 1;
    }
}
