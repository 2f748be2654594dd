using System.Diagnostics;
using System.Globalization;
using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// IMAP to IMAP between two throwaway Dovecot servers, on a deterministic workload: Omm's full
/// migration, a sync with nothing new, a sync after 100 new messages, and mbsync on the same workload
/// into a fresh account. Prints wall time, messages/s, MB/s and peak RSS of each, and checks that every
/// message Omm copied is byte-identical.
/// </summary>
internal static class ImapBenchmark
{
    private const string User = "bench";

    public static async Task<int> RunAsync(int messages)
    {
        var workload = Workload.Create(messages);
        Console.WriteLine($"workload    {workload.Count:N0} messages, {workload.Sum(m => (long)m.Bytes.Length) / 1e6:N0} MB, " +
                          $"{workload.Select(m => m.Folder).Distinct().Count()} folders");
        using var source = DovecotServer.Start(new DovecotOptions { Separator = '/', Password = "bench" });
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = "bench" });
        var seeding = Stopwatch.StartNew();
        Seed(source, workload);
        Console.WriteLine($"seeded      in {seeding.Elapsed.TotalSeconds:N1} s");

        var directory = Directory.CreateTempSubdirectory("omm-bench-").FullName;
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = Endpoint(EndpointRole.Source, source);
        var to = Endpoint(EndpointRole.Destination, destination);
        var id = store.CreateMigration(new NewMigration(null, new ConnectionSettings(ServerType.Imap, from.Server, from.Account, ConnectionSecurity.None,
            ServerType.Imap, to.Server, to.Account, ConnectionSecurity.None, false), new[] { ItemType.Mail })).Id;
        var bytes = workload.Sum(m => (long)m.Bytes.Length);

        var full = await MeasureAsync(() => Pass(store, id, from, to));
        Report("Omm full", full, workload.Count, bytes);
        var idle = await MeasureAsync(() => Pass(store, id, from, to));
        Report("Omm sync, nothing new", idle, 0, 0);
        var extra = Workload.Create(100, seed: 7, first: messages);
        Seed(source, extra);
        var hundred = await MeasureAsync(() => Pass(store, id, from, to));
        Report("Omm sync, 100 new", hundred, extra.Count, extra.Sum(m => (long)m.Bytes.Length));

        var mbsync = Mbsync(source, destination, directory);
        if (mbsync != null)
        {
            Report("mbsync full", mbsync.Value, workload.Count + extra.Count, bytes + extra.Sum(m => (long)m.Bytes.Length));
            Console.WriteLine($"Omm/mbsync  {full.Time.TotalSeconds / mbsync.Value.Time.TotalSeconds:N2} x wall time (target: <= 0.70)");
        }

        var (identical, total) = Verify(source, destination);
        Console.WriteLine($"byte-exact  {identical:N0} of {total:N0} source messages are on the destination with the same bytes");
        Directory.Delete(directory, recursive: true);
        return identical == total ? 0 : 1;
    }

    private static async Task<Run> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        ResetPeak();
        var clock = Stopwatch.StartNew();
        await work();
        return new Run(clock.Elapsed, PeakKb());
    }

    private static async Task Pass(StateStore store, string id, AccountEndpoint from, AccountEndpoint to)
    {
        var result = await new MigrationRunner(store).RunPassAsync(id, from, to, new QuietObserver(), CancellationToken.None);
        if (result.Migration.Status != MigrationStatus.Completed)
            throw new InvalidOperationException($"The pass ended {result.Migration.Status}: {result.Migration.FailureReason}");
    }

    private static Run? Mbsync(DovecotServer source, DovecotServer destination, string directory)
    {
        if (!File.Exists("/usr/bin/mbsync") || !File.Exists("/usr/bin/time"))
        {
            Console.WriteLine("mbsync      not installed (apt-get install isync time)");
            return null;
        }

        var state = Directory.CreateDirectory(Path.Combine(directory, "mbsync")).FullName;
        var config = Path.Combine(directory, "mbsyncrc");
        File.WriteAllText(config, string.Join('\n',
            "IMAPAccount src", "Host 127.0.0.1", $"Port {source.Port}", $"User {User}", $"Pass {source.Password}", "SSLType None", "AuthMechs LOGIN", "",
            "IMAPStore src", "Account src", "",
            "IMAPAccount dst", "Host 127.0.0.1", $"Port {destination.Port}", "User mbsync", $"Pass {destination.Password}", "SSLType None", "AuthMechs LOGIN", "",
            "IMAPStore dst", "Account dst", "",
            "Channel copy", "Far :src:", "Near :dst:", "Patterns *", "Create Near", "Sync Pull", $"SyncState {state}/", ""));
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-f", "%M", "/usr/bin/mbsync", "-c", config, "-a", "-q" })
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd().Trim().Split('\n');
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        return new Run(elapsed, long.TryParse(errors[^1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0);
    }

    private static (int Identical, int Total) Verify(DovecotServer source, DovecotServer destination)
    {
        var original = MailboxSnapshot.Read(source, User);
        var copied = MailboxSnapshot.Read(destination, User);
        var hashes = copied.Messages.Values.SelectMany(m => m).GroupBy(m => m.Sha256).ToDictionary(g => g.Key, g => g.Count());
        var identical = 0;
        foreach (var message in original.Messages.Values.SelectMany(m => m))
        {
            if (hashes.TryGetValue(message.Sha256, out var left) && left > 0)
            {
                identical++;
                hashes[message.Sha256] = left - 1;
            }
        }

        return (identical, original.Count);
    }

    private static void Seed(DovecotServer server, IReadOnlyList<SeedMessage> messages)
    {
        using var client = RawImapClient.Connect(server, User);
        SampleMailbox.Seed(client, messages, server.Options.Separator);
        client.Logout();
    }

    private static AccountEndpoint Endpoint(EndpointRole role, DovecotServer server) =>
        new(role, ServerType.Imap, ServerAddress.Parse(server.Address), ConnectionSecurity.None, new NetworkCredential(User, server.Password), false);

    private static void Report(string name, Run run, int messages, long bytes) =>
        Console.WriteLine($"{name,-24} {run.Time.TotalSeconds,7:N2} s  {messages / run.Time.TotalSeconds,8:N0} msg/s  {bytes / 1e6 / run.Time.TotalSeconds,7:N1} MB/s  peak RSS {run.PeakKb / 1024.0,6:N0} MB");

    /// <summary>Linux: resets this process's peak RSS (VmHWM) so that each phase reports its own.</summary>
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long PeakKb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line == null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private readonly record struct Run(TimeSpan Time, long PeakKb);

    private sealed class QuietObserver : IMigrationObserver
    {
        public void OnProgress(MigrationProgress progress)
        {
        }

        public void OnItemProblem(ItemError problem) => Console.WriteLine($"  {problem.Type}: {problem.ItemName}: {problem.Message}");

        public void OnVerbose(string message)
        {
        }

        public void OnWarning(string message) => Console.WriteLine("  warning: " + message);
    }
}
