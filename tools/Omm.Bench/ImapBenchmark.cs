using System.Diagnostics;
using System.Globalization;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// IMAP to IMAP between two throwaway Dovecot servers, on a deterministic workload: Omm's full
/// migration, a sync with nothing new, a sync after 100 new messages, and mbsync on the same workload
/// into a fresh account. Each Omm pass runs in a process of its own (<see cref="PassProcess"/>), so that
/// its wall time includes start-up and its peak RSS is Omm's alone. Prints wall time, messages/s, MB/s
/// and peak RSS of each, and checks every message Omm copied: bytes, flags and date.
/// </summary>
internal static class ImapBenchmark
{
    public const string User = "bench";

    public static int Run(int messages, int rounds)
    {
        using var servers = BenchServers.Start(messages);
        var (source, destination, workload) = (servers.Source, servers.Destination, servers.Workload);

        // Omm and mbsync take turns, each into a fresh account, so that a busy moment of the machine
        // weighs on both; the ratio is taken from the medians.
        var directory = Directory.CreateTempSubdirectory("omm-bench-").FullName;
        var omm = new List<Run>();
        var guest = new List<Run>();
        var guestGen0 = new List<Run>();
        var mbsync = new List<Run>();
        var other = new List<Run>();
        var otherBuild = Environment.GetEnvironmentVariable("OMM_BENCH_COMPARE");
        string? state = null, id = null;
        for (var round = 1; round <= rounds; round++)
        {
            var roundState = Path.Combine(directory, $"omm{round}.db");
            var roundId = CreateMigration(roundState, source, destination, $"omm{round}");
            var full = PassProcess.Measure(roundState, roundId, source, destination, $"omm{round}");
            Report($"Omm full (round {round})", full, workload.Count, workload.Bytes);
            omm.Add(full);
            (state, id) = (state ?? roundState, id ?? roundId);

            // The same pass as a guest in a user's session: no forced collections, then with the host's DOTNET_GCgen0size.
            var guestState = Path.Combine(directory, $"guest{round}.db");
            var guestRun = PassProcess.Measure(guestState, CreateMigration(guestState, source, destination, $"guest{round}"), source, destination, $"guest{round}",
                memory: PassProcess.PassMemory.Guest);
            Report($"Omm full as a guest (round {round})", guestRun, workload.Count, workload.Bytes);
            guest.Add(guestRun);
            var gen0State = Path.Combine(directory, $"gen0-{round}.db");
            var gen0Run = PassProcess.Measure(gen0State, CreateMigration(gen0State, source, destination, $"gen0-{round}"), source, destination, $"gen0-{round}",
                memory: PassProcess.PassMemory.GuestWithGen0Size);
            Report($"Omm full, guest + gen0size (round {round})", gen0Run, workload.Count, workload.Bytes);
            guestGen0.Add(gen0Run);

            if (!string.IsNullOrEmpty(otherBuild))
            {
                var otherState = Path.Combine(directory, $"other{round}.db");
                var otherRun = PassProcess.Measure(otherState, PassProcess.NewMigration, source, destination, $"other{round}", otherBuild);
                Report($"other build (round {round})", otherRun, workload.Count, workload.Bytes);
                other.Add(otherRun);
            }

            var copy = Mbsync(source, destination, directory, $"mbsync{round}");
            if (copy == null)
                continue;
            Report($"mbsync full (round {round})", copy.Value, workload.Count, workload.Bytes);
            mbsync.Add(copy.Value);
        }

        var ommMedian = Median(omm);
        if (mbsync.Count > 0)
            Console.WriteLine($"Omm/mbsync  {ommMedian.Time.TotalSeconds / Median(mbsync).Time.TotalSeconds:N2} x wall time, medians of {rounds} rounds (target: <= 0.70)");

        if (other.Count > 0)
            Console.WriteLine($"Omm/other   {ommMedian.Time.TotalSeconds / Median(other).Time.TotalSeconds:N2} x wall time, {ommMedian.Cpu.TotalSeconds / Median(other).Cpu.TotalSeconds:N2} x CPU, medians of {rounds} rounds ({otherBuild})");

        var idle = PassProcess.Measure(state!, id!, source, destination, "omm1");
        Report("Omm sync, nothing new", idle, 0, 0);
        var extra = Seed(source, Workload.Create(100, seed: 7, first: messages));
        var hundred = PassProcess.Measure(state!, id!, source, destination, "omm1");
        Report("Omm sync, 100 new", hundred, extra.Count, extra.Bytes);

        Console.WriteLine($"peak RSS    full pass in a process Omm owns {omm.Max(r => r.PeakKb) / 1024.0:N0} MB, as a guest {guest.Max(r => r.PeakKb) / 1024.0:N0} MB, " +
            $"as a guest with DOTNET_GCgen0size={PassProcess.Gen0Size} {guestGen0.Max(r => r.PeakKb) / 1024.0:N0} MB (highest of {rounds} rounds); " +
            $"wall time medians {ommMedian.Time.TotalSeconds:N1} / {Median(guest).Time.TotalSeconds:N1} / {Median(guestGen0).Time.TotalSeconds:N1} s");
        Console.WriteLine($"targets     full peak RSS {omm.Max(r => r.PeakKb) / 1024.0:N0} MB (<= 200), sync nothing new {idle.Time.TotalSeconds:N2} s (<= 1), sync 100 new {hundred.Time.TotalSeconds:N2} s (<= 2)");
        var (identical, total) = Verify(source, destination, "omm1");
        Console.WriteLine($"byte-exact  {identical:N0} of {total:N0} source messages are on the destination with the same bytes, flags and date");
        Directory.Delete(directory, recursive: true);
        return identical == total ? 0 : 1;
    }

    private static Run Median(List<Run> runs) => runs.OrderBy(r => r.Time).ElementAt(runs.Count / 2);

    internal static string CreateMigration(string state, DovecotServer source, DovecotServer destination, string destinationUser, ThroughputCaps? caps = null) =>
        CreateMigration(new StateStore(state), PassProcess.Endpoint(EndpointRole.Source, source.Address, User, source.Password),
            PassProcess.Endpoint(EndpointRole.Destination, destination.Address, destinationUser, destination.Password), caps).Id;

    /// <summary>A mail migration between two endpoints (IMAP without TLS, or EWS), as every benchmark makes.</summary>
    internal static Migration CreateMigration(StateStore store, AccountEndpoint from, AccountEndpoint to, ThroughputCaps? caps = null) =>
        store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail }, caps: caps));

    private static Run? Mbsync(DovecotServer source, DovecotServer destination, string directory, string destinationUser)
    {
        if (!File.Exists("/usr/bin/mbsync") || !File.Exists("/usr/bin/time"))
        {
            Console.WriteLine("mbsync      not installed (apt-get install isync time)");
            return null;
        }

        var state = Directory.CreateDirectory(Path.Combine(directory, destinationUser)).FullName;
        var config = Path.Combine(directory, destinationUser + ".rc");
        File.WriteAllText(config, string.Join('\n',
            "IMAPAccount src", "Host 127.0.0.1", $"Port {source.Port}", $"User {User}", $"Pass {source.Password}", "SSLType None", "AuthMechs LOGIN", "",
            "IMAPStore src", "Account src", "",
            "IMAPAccount dst", "Host 127.0.0.1", $"Port {destination.Port}", $"User {destinationUser}", $"Pass {destination.Password}", "SSLType None", "AuthMechs LOGIN", "",
            "IMAPStore dst", "Account dst", "",
            "Channel copy", "Far :src:", "Near :dst:", "Patterns *", "Create Near", "Sync Pull", $"SyncState {state}/", ""));
        return TimedProcess.Run("/usr/bin/mbsync", "-c", config, "-a", "-q").Measured;
    }

    /// <summary>Folder by folder (so a large workload is never held whole): every source message must be on the destination once.</summary>
    /// <summary>How many messages the user's selectable folders hold.</summary>
    internal static int CountMessages(DovecotServer server, string user)
    {
        using var client = RawImapClient.Connect(server, user);
        return client.List().Where(f => !f.Attributes.Contains("\\Noselect", StringComparer.OrdinalIgnoreCase)).Sum(f => client.Select(f.Name));
    }

    internal static (int Identical, int Total) Verify(DovecotServer source, DovecotServer destination, string destinationUser)
    {
        using var from = RawImapClient.Connect(source, User);
        using var to = RawImapClient.Connect(destination, destinationUser);
        int identical = 0, total = 0;
        foreach (var folder in from.List().Where(f => !f.Attributes.Contains("\\Noselect", StringComparer.OrdinalIgnoreCase)))
        {
            var copies = to.FetchAll(folder.Name.Replace('/', '.')).GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
            foreach (var message in from.FetchAll(folder.Name))
            {
                total++;
                if (copies.TryGetValue(Key(message), out var left) && left > 0)
                {
                    identical++;
                    copies[Key(message)] = left - 1;
                }
            }
        }

        return (identical, total);
    }

    private static string Key(ImapMessage message) =>
        $"{message.Sha256} {string.Join(' ', message.Flags.Where(f => f != "\\Recent").Order(StringComparer.OrdinalIgnoreCase))} {message.InternalDate.ToUnixTimeSeconds()}";

    internal static (int Count, long Bytes, int Folders) Seed(DovecotServer server, IEnumerable<SeedMessage> messages)
    {
        int count = 0;
        long bytes = 0;
        var folders = new HashSet<string>();
        using var client = RawImapClient.Connect(server, User);
        SampleMailbox.Seed(client, messages.Select(m =>
        {
            count++;
            bytes += m.Bytes.Length;
            folders.Add(m.Folder);
            return m;
        }), server.Options.Separator);
        client.Logout();
        return (count, bytes, folders.Count);
    }

    internal static void Report(string name, Run run, int messages, long bytes) =>
        Console.WriteLine($"{name,-26} {run.Time.TotalSeconds,7:N2} s  {messages / run.Time.TotalSeconds,8:N0} msg/s  {bytes / 1e6 / run.Time.TotalSeconds,7:N1} MB/s  peak RSS {run.PeakKb / 1024.0,6:N0} MB  CPU {run.Cpu.TotalSeconds,6:N2} s (kernel {run.KernelCpu.TotalSeconds:N2} s; machine {run.MachineCpu.TotalSeconds:N2} s)");
}
