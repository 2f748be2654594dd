using System.Diagnostics;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Migrations under throughput caps between real Dovecot servers: everything is copied exactly once,
/// and a pass takes at least the time its caps imply (a lower bound the pacing guarantees, not a speed
/// target; whether the caps are met within 10 % is what `Omm.Bench throttle` measures).
/// </summary>
public sealed class ThrottledMigrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-throttle-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_message_cap_holds_for_both_connections_together_and_copies_every_message_once()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var sample = Messages(40, _ => 3_000).ToList();
        TestMigrations.Seed(source, "gina", sample);
        var observer = new RecordingObserver();

        var (result, elapsed) = await Run(source, destination, "gina", new ThroughputCaps(8, null), observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Contains("Copying mail at most 8 messages/s, all connections together.", observer.Lines);
        Assert.Contains("Copying with 2 connections per side.", observer.Lines);
        AssertSameMessages(source, destination, "gina");
        // The bucket starts empty: the last of 40 messages cannot start before 40 / 8 = 5 s (unpaced, they take about 2 s).
        Assert.True(elapsed >= TimeSpan.FromSeconds(5), $"40 messages under 8 messages/s took {elapsed.TotalSeconds:N2} s");
    }

    [Fact]
    public async Task A_byte_cap_lets_a_message_larger_than_a_seconds_budget_through_after_its_wait()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var sample = Messages(12, i => i == 5 ? 260_000 : 8_000).ToList();
        TestMigrations.Seed(source, "hugo", sample);
        var bytes = sample.Sum(m => (long)m.Bytes.Length);

        var (result, elapsed) = await Run(source, destination, "hugo", new ThroughputCaps(null, 100_000), new RecordingObserver());

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        AssertSameMessages(source, destination, "hugo");
        var least = TimeSpan.FromSeconds(bytes / 100_000.0);
        Assert.True(elapsed >= least, $"{bytes:N0} bytes under 100,000 bytes/s took {elapsed.TotalSeconds:N2} s, less than {least.TotalSeconds:N2} s");
    }

    [Fact]
    public async Task A_file_import_is_paced_too()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var export = Directory.CreateDirectory(Path.Combine(directory, "export")).FullName;
        var sample = Messages(16, _ => 2_000).ToList();
        for (var i = 0; i < sample.Count; i++)
            File.WriteAllBytes(Path.Combine(export, $"{i:D2}.eml"), sample[i].Bytes);
        var store = new StateStore(Path.Combine(directory, "import.db"));
        var from = AccountEndpoint.ForFile(export);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "iris");
        var migration = store.CreateMigration(new NewMigration(null, new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false), new[] { ItemType.Mail }, caps: new ThroughputCaps(10, null)));

        var clock = Stopwatch.StartNew();
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        var elapsed = clock.Elapsed;

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(sample.Select(m => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(m.Bytes))).Order(), MailboxSnapshot.Read(destination, "iris").In("INBOX").Select(m => m.Sha256).Order());
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.6), $"16 messages under 10 messages/s took {elapsed.TotalSeconds:N2} s");
    }

    [Fact]
    public async Task A_stop_ends_a_long_wait_and_the_next_pass_copies_the_rest_once()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "jack", Messages(30, _ => 2_000));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "jack");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "jack");
        var migration = Create(store, from, to, new ThroughputCaps(0.5, null));

        // At one message every 2 s the pass would take a minute; it is stopped after a few seconds.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var stopped = await TestMigrations.RunPass(store, migration.Id, from, to, stopToken: stop.Token).WaitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(MigrationStatus.Stopped, stopped.Migration.Status);
        var copied = MailboxSnapshot.Read(destination, "jack").Count;
        Assert.InRange(copied, 1, 5);
        Assert.Equal(copied, Assert.Single(stopped.Migration.Progress).Migrated);

        store.SetThroughputCaps(migration.Id, ThroughputCaps.None);
        var rest = await TestMigrations.RunPass(store, migration.Id, from, to);
        Assert.Equal(MigrationStatus.Completed, rest.Migration.Status);
        AssertSameMessages(source, destination, "jack");
    }

    private async Task<(PassResult Result, TimeSpan Elapsed)> Run(DovecotServer source, DovecotServer destination, string user, ThroughputCaps caps,
        RecordingObserver observer)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        var migration = Create(store, from, to, caps);
        var clock = Stopwatch.StartNew();
        var result = await TestMigrations.RunPass(store, migration.Id, from, to, observer);
        return (result, clock.Elapsed);
    }

    private static Migration Create(StateStore store, AccountEndpoint from, AccountEndpoint to, ThroughputCaps caps) =>
        store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Imap, from.Server, from.Account, from.Security),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail }, caps: caps));

    private static IEnumerable<SeedMessage> Messages(int count, Func<int, int> size)
    {
        var start = new DateTimeOffset(2023, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
        for (var i = 0; i < count; i++)
        {
            var flags = (i % 3) switch { 0 => new[] { "\\Seen" }, 1 => new[] { "\\Seen", "\\Answered" }, _ => Array.Empty<string>() };
            yield return new SeedMessage(i % 3 == 0 ? "Archive/Old" : "INBOX", SampleMailbox.Generate(7000 + i, $"Capped {i}", size(i)), flags,
                start.AddHours(i), $"capped {i}");
        }
    }

    private static void AssertSameMessages(DovecotServer source, DovecotServer destination, string user)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
            Assert.Equal(Keys(messages), Keys(copied.In(folder.Replace('/', '.'))));
    }

    private static IEnumerable<string> Keys(IEnumerable<ImapMessage> messages) =>
        messages.Select(m => $"{m.Sha256} {string.Join(' ', MailboxSnapshot.FlagSet(m).Order())} {m.InternalDate.ToUnixTimeSeconds()}").Order();
}
