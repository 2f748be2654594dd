using System.Globalization;
using Omm.Engine.Migrations;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// For investigating one figure without seeding again each time (50,000 messages take about 5 minutes):
/// seeds the workload once, then runs a full Omm pass into a fresh account for every line read from
/// standard input. A line <c>NAME=VALUE</c> sets an environment variable for the passes that follow
/// (OMM_BENCH_GC, OMM_BENCH_CONNECTIONS, ...; OMM_BENCH_COMPARE=another Omm.Bench.dll runs the passes with
/// that build, so that this process can run from a copy while the tree is rebuilt); end of input stops the servers.
/// </summary>
internal static class ServeBenchmark
{
    public static int Run(int messages)
    {
        using var servers = BenchServers.Start(messages);
        var (source, destination, workload) = (servers.Source, servers.Destination, servers.Workload);
        Console.WriteLine("ready       a line runs a pass, NAME=VALUE sets a variable");
        var directory = Directory.CreateTempSubdirectory("omm-bench-").FullName;
        var pass = 0;
        for (var line = Console.ReadLine(); line != null; line = Console.ReadLine())
        {
            var assignment = line.Split('=', 2);
            if (assignment.Length == 2)
            {
                Environment.SetEnvironmentVariable(assignment[0].Trim(), assignment[1].Trim());
                continue;
            }

            pass++;
            var state = Path.Combine(directory, $"omm{pass}.db");
            var compared = NullIfEmpty(Environment.GetEnvironmentVariable("OMM_BENCH_COMPARE"));
            // The other build writes its own state (it may be of another schema); caps need this build's.
            var id = compared != null && MessagesPerSecond() == null
                ? PassProcess.NewMigration
                : ImapBenchmark.CreateMigration(state, source, destination, $"omm{pass}", MessagesPerSecond() is double rate ? new ThroughputCaps(rate, null) : null);
            try
            {
                ImapBenchmark.Report($"Omm full (pass {pass})", PassProcess.Measure(state, id, source, destination, $"omm{pass}", compared),
                    workload.Count, workload.Bytes);
            }
            catch (InvalidOperationException e)
            {
                // A failed pass (a broken build under comparison) must not cost the seeded workload.
                Console.WriteLine($"Omm full (pass {pass}) failed: {e.Message}");
            }

            // Each pass copies the whole workload: its account goes, or the disk fills after a few passes of 50,000 messages.
            var account = Path.Combine(destination.Directory, "mail", $"omm{pass}");
            if (Directory.Exists(account))
                Directory.Delete(account, recursive: true);
        }

        Directory.Delete(directory, recursive: true);
        return 0;
    }

    /// <summary>OMM_BENCH_MESSAGES_PER_SECOND: a message cap that stretches a pass in time without changing what it copies.</summary>
    private static double? MessagesPerSecond() =>
        double.TryParse(Environment.GetEnvironmentVariable("OMM_BENCH_MESSAGES_PER_SECOND"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
