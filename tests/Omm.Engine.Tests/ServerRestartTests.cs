using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// A server restarted in the middle of a pass (clients get BYE, the port refuses connections for a
/// while): the pass reconnects with backoff once it is back and ends with every message exactly once.
/// </summary>
public sealed class ServerRestartTests : IDisposable
{
    private const int Messages = 300;

    private readonly string directory = Directory.CreateTempSubdirectory("omm-restart-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Destination)]
    [InlineData(EndpointRole.Source)]
    public async Task A_server_restarted_mid_pass_is_reconnected_and_each_message_copied_once(EndpointRole restarted)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "ida", Enumerable.Range(0, Messages).Select(i => new SeedMessage(i % 3 == 0 ? "Archive" : "INBOX",
            SampleMailbox.Generate(9000 + i, $"Restart {i}", 30_000 + 211 * i), i % 2 == 0 ? new[] { "\\Seen" } : Array.Empty<string>(),
            new DateTimeOffset(2021, 3, 3, 3, 3, 3, TimeSpan.Zero).AddHours(i), "restart")));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "ida");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "ida");
        var id = TestMigrations.Create(store, from, to).Id;
        var server = restarted == EndpointRole.Source ? source : destination;
        var observer = new RestartingObserver(server, TimeSpan.FromSeconds(1), afterItems: 60);

        var result = await TestMigrations.RunPass(store, id, from, to, observer, firstRetryDelay: TimeSpan.FromMilliseconds(300))
            .WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(observer.Restarted != null, "The pass ended before the restart.");
        await observer.Restarted!;

        Assert.True(result.Migration.Status == MigrationStatus.Completed, result.Migration.FailureReason);
        // Whether the server says BYE before it goes depends on what the connection was doing when it stopped.
        var side = restarted == EndpointRole.Source ? "source" : "destination";
        Assert.True(observer.Lines.Any(l => (l.StartsWith($"WARNING: The connection to the {side} server", StringComparison.Ordinal)
                || (l.StartsWith($"WARNING: The {side} server", StringComparison.Ordinal) && l.Contains("closed the connection", StringComparison.Ordinal)))
            && l.Contains("Connecting again in", StringComparison.Ordinal)), $"restarted at {observer.ItemsDoneAtRestart} items: " + string.Join("\n", observer.Lines));
        Assert.InRange(observer.ItemsDoneAtRestart, 60, Messages - 1);
        foreach (var folder in new[] { "INBOX", "Archive" })
        {
            var original = MailboxSnapshot.Read(source, "ida").In(folder);
            var copied = MailboxSnapshot.Read(destination, "ida").In(folder);
            Assert.Equal(original.Select(m => (m.Sha256, string.Join(' ', MailboxSnapshot.FlagSet(m).Order()), m.InternalDate)).Order(),
                copied.Select(m => (m.Sha256, string.Join(' ', MailboxSnapshot.FlagSet(m).Order()), m.InternalDate)).Order());
        }
    }

    /// <summary>
    /// Stops a server once the pass has copied some messages (holding up the lane that reported it, so
    /// that the pass cannot finish first) and starts it again after a downtime, on a thread of its own.
    /// </summary>
    private sealed class RestartingObserver : IMigrationObserver
    {
        private readonly RecordingObserver recording = new();
        private readonly DovecotServer server;
        private readonly TimeSpan downtime;
        private readonly long afterItems;
        private int started;

        public RestartingObserver(DovecotServer server, TimeSpan downtime, long afterItems)
        {
            this.server = server;
            this.downtime = downtime;
            this.afterItems = afterItems;
        }

        public Task? Restarted { get; private set; }

        public long ItemsDoneAtRestart { get; private set; }

        public IEnumerable<string> Lines => recording.Lines;

        public void OnProgress(MigrationProgress progress)
        {
            if (progress.ItemsDone >= afterItems && Interlocked.Exchange(ref started, 1) == 0)
            {
                ItemsDoneAtRestart = progress.ItemsDone;
                server.Stop();
                Restarted = Task.Run(async () =>
                {
                    await Task.Delay(downtime);
                    server.StartAgain();
                });
            }
        }

        public void OnItemProblem(ItemError problem) => recording.OnItemProblem(problem);

        public void OnVerbose(string message) => recording.OnVerbose(message);

        public void OnWarning(string message) => recording.OnWarning(message);
    }
}
