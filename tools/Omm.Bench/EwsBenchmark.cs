using System.Security.Cryptography;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Bench;

/// <summary>
/// Dovecot to the EWS test server and back, on two workloads of about the same total bytes (<see cref="SizeWorkloads"/>):
/// many small messages, then few large ones, to show that speed and memory do not follow message size. Each round
/// starts fresh servers and runs, each pass in a process of its own (<see cref="PassProcess"/>; the EWS server stays in
/// this one, so its memory is not in the pass's peak): a full pass Dovecot → Exchange, a full pass Exchange → a second,
/// empty Dovecot, then a sync with nothing new each way. Then every message is checked: on Exchange, the MIME stored
/// is what Dovecot served; on the second Dovecot, the message is what Exchange gave, with CRLF line ends.
/// </summary>
internal static class EwsBenchmark
{
    private const string Mailbox = "bench@exchange.test";

    /// <summary>The account on the second Dovecot that takes the mail back from Exchange.</summary>
    private const string BackUser = "from-exchange";

    private static readonly string[] Directions = { "to Exchange", "from Exchange", "sync to Exchange", "sync from Exchange" };

    public static async Task<int> RunAsync(int messages, int rounds)
    {
        var directory = Directory.CreateTempSubdirectory("omm-bench-ews-").FullName;
        var allExact = true;
        var small = await RunWorkloadAsync("small", () => SizeWorkloads.Small(messages), rounds, directory);
        var large = await RunWorkloadAsync("large", () => SizeWorkloads.Large(small.Bytes), rounds, directory);
        allExact &= small.Exact && large.Exact;

        Console.WriteLine();
        Console.WriteLine($"flat in size: median times of {rounds} rounds (of two, the slower), highest peak RSS; small {small.Count:N0} messages, {small.Bytes / 1e6:N0} MB; large {large.Count:N0} messages, {large.Bytes / 1e6:N0} MB (the largest {SizeWorkloads.LargestBytes / 1e6:N0} MB)");
        foreach (var direction in Directions.Take(2))
        {
            var (s, l) = (Median(small.Runs[direction]), Median(large.Runs[direction]));
            var (sPeak, lPeak) = (small.Runs[direction].Max(r => r.PeakKb) / 1024.0, large.Runs[direction].Max(r => r.PeakKb) / 1024.0);
            Console.WriteLine($"{direction,-18} small {s.Time.TotalSeconds,6:N2} s {small.Count / s.Time.TotalSeconds,6:N0} msg/s {small.Bytes / 1e6 / s.Time.TotalSeconds,5:N1} MB/s peak RSS {sPeak,4:N0} MB" +
                              $" | large {l.Time.TotalSeconds,6:N2} s {large.Count / l.Time.TotalSeconds,6:N1} msg/s {large.Bytes / 1e6 / l.Time.TotalSeconds,5:N1} MB/s peak RSS {lPeak,4:N0} MB" +
                              $" | large/small peak RSS {lPeak / sPeak:N2} x");
        }

        foreach (var direction in Directions.Skip(2))
        {
            var (s, l) = (Median(small.Runs[direction]), Median(large.Runs[direction]));
            Console.WriteLine($"{direction,-18} small {s.Time.TotalSeconds,6:N2} s peak RSS {small.Runs[direction].Max(r => r.PeakKb) / 1024.0,4:N0} MB" +
                              $" | large {l.Time.TotalSeconds,6:N2} s peak RSS {large.Runs[direction].Max(r => r.PeakKb) / 1024.0,4:N0} MB");
        }

        Directory.Delete(directory, recursive: true);
        return allExact ? 0 : 1;
    }

    private static async Task<(int Count, long Bytes, Dictionary<string, List<Run>> Runs, bool Exact)> RunWorkloadAsync(string name,
        Func<IEnumerable<SeedMessage>> messages, int rounds, string directory)
    {
        var runs = Directions.ToDictionary(d => d, _ => new List<Run>());
        var exact = true;
        (int Count, long Bytes, int Folders) workload = default;
        for (var round = 1; round <= rounds; round++)
        {
            Console.WriteLine($"{name} messages, round {round}");
            using var servers = BenchServers.Start(messages());
            workload = servers.Workload;
            var password = servers.Source.Password;
            // The server's own answers are checked against the schema by the tests; here that would only load the machine.
            await using var exchange = await EwsTestServer.StartAsync(new EwsTestServerOptions { ValidateResponses = false });
            exchange.AddMailbox(Mailbox, password);
            var (source, back, url) = (servers.Source.Address, servers.Destination.Address, exchange.Url.AbsoluteUri);

            var toState = Path.Combine(directory, $"{name}{round}-to.db");
            var toId = CreateMigration(toState, source, ImapBenchmark.User, url, Mailbox, password);
            Measure(runs, "to Exchange", round, PassProcess.Measure(toState, toId, source, ImapBenchmark.User, url, Mailbox, password), workload);
            var fromState = Path.Combine(directory, $"{name}{round}-from.db");
            var fromId = CreateMigration(fromState, url, Mailbox, back, BackUser, password);
            Measure(runs, "from Exchange", round, PassProcess.Measure(fromState, fromId, url, Mailbox, back, BackUser, password), workload);
            Measure(runs, "sync to Exchange", round, PassProcess.Measure(toState, toId, source, ImapBenchmark.User, url, Mailbox, password), default);
            Measure(runs, "sync from Exchange", round, PassProcess.Measure(fromState, fromId, url, Mailbox, back, BackUser, password), default);

            var stored = StoredOnExchange(exchange);
            var served = Hashes(servers.Source, ImapBenchmark.User);
            var arrived = Matched(served, stored.Select(Sha256));
            Console.WriteLine($"byte-exact  {arrived:N0} of {served.Count:N0} source messages are on Exchange with the MIME Dovecot served ({stored.Count:N0} items there)");
            var copies = Hashes(servers.Destination, BackUser);
            var returned = Matched(stored.Select(m => Sha256(LineEnds.Crlf(m))).ToList(), copies);
            Console.WriteLine($"byte-exact  {returned:N0} of {stored.Count:N0} Exchange messages are on the second Dovecot as Exchange gave them, CRLF line ends ({copies.Count:N0} messages there)");
            exact &= arrived == served.Count && stored.Count == served.Count && returned == stored.Count && copies.Count == stored.Count;
        }

        return (workload.Count, workload.Bytes, runs, exact);
    }

    private static void Measure(Dictionary<string, List<Run>> runs, string direction, int round, Run run, (int Count, long Bytes, int Folders) copied)
    {
        ImapBenchmark.Report($"{direction} ({round})", run, copied.Count, copied.Bytes);
        runs[direction].Add(run);
    }

    private static string CreateMigration(string state, string sourceAddress, string sourceUser, string destinationAddress, string destinationUser, string password) =>
        ImapBenchmark.CreateMigration(new StateStore(state), PassProcess.Endpoint(EndpointRole.Source, sourceAddress, sourceUser, password),
            PassProcess.Endpoint(EndpointRole.Destination, destinationAddress, destinationUser, password)).Id;

    /// <summary>The MIME of every item in the mailbox's folders, as the test server stores it.</summary>
    private static List<byte[]> StoredOnExchange(EwsTestServer exchange) =>
        exchange.Folders(Mailbox).SelectMany(f => exchange.Items(Mailbox, f.Path)).Select(i => i.MimeContent).ToList();

    /// <summary>The SHA-256 of every message in the account's selectable folders, as the server serves it.</summary>
    private static List<string> Hashes(DovecotServer server, string user)
    {
        using var client = RawImapClient.Connect(server, user);
        return client.List().Where(f => !f.Attributes.Contains("\\Noselect", StringComparer.OrdinalIgnoreCase))
            .SelectMany(f => client.FetchAll(f.Name)).Select(m => m.Sha256).ToList();
    }

    /// <summary>How many of <paramref name="expected"/> are among <paramref name="found"/>, each found one counted once.</summary>
    private static int Matched(IReadOnlyCollection<string> expected, IEnumerable<string> found)
    {
        var left = found.GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count());
        var matched = 0;
        foreach (var hash in expected)
        {
            if (left.TryGetValue(hash, out var count) && count > 0)
            {
                matched++;
                left[hash] = count - 1;
            }
        }

        return matched;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static Run Median(List<Run> runs) => runs.OrderBy(r => r.Time).ElementAt(runs.Count / 2);
}
