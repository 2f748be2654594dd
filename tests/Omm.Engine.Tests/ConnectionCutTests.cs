using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Connections cut in the middle of a message, through a proxy between Omm and a real Dovecot: the pass
/// connects again and goes on, every message copied exactly once; a connection that keeps breaking
/// ends the pass Failed after a bounded number of attempts, naming the side.
/// </summary>
public sealed class ConnectionCutTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-cut-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task A_connection_cut_mid_message_is_reconnected_and_each_message_copied_once(EndpointRole cutSide)
    {
        using var scene = CutScene(cutSide, cuts: 2);
        var (source, destination, proxy) = (scene.Source, scene.Destination, scene.Proxy);
        var (store, id, from, to) = (scene.Store, scene.Id, scene.From, scene.To);
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, result.Migration.FailureReason);
        // Each pass has two connections to the side (copy lanes), so the two cuts may fall in one attempt or two.
        Assert.Equal(2, proxy.Cuts);
        Assert.InRange(observer.Lines.Count(l => l.StartsWith($"WARNING: The connection to the {Side(cutSide)} server {proxy.Address} broke while", StringComparison.Ordinal)
            && l.Contains("Connecting again in", StringComparison.Ordinal)), 1, 2);
        AssertCopiedOnce(source, destination);
        Assert.Equal(60, Assert.Single(result.Migration.Progress).Migrated);
    }

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task A_connection_that_keeps_breaking_fails_the_pass_after_a_few_attempts(EndpointRole cutSide)
    {
        using var scene = CutScene(cutSide, cuts: 1000);
        var (source, destination, proxy) = (scene.Source, scene.Destination, scene.Proxy);
        var (store, id, from, to) = (scene.Store, scene.Id, scene.From, scene.To);
        // Cut before the first message can get through: the pass makes no progress at all.
        if (cutSide == EndpointRole.Source)
            proxy.CutServerToClientAfter = 3_000;
        else
            proxy.CutClientToServerAfter = 3_000;

        var cut = await TestMigrations.RunPass(store, id, from, to, connectionRetries: 2);

        Assert.Equal(MigrationStatus.Failed, cut.Migration.Status);
        Assert.Equal(FailureKind.ConnectionLost, cut.Failure!.Kind);
        Assert.StartsWith($"The connection to the {Side(cutSide)} server {proxy.Address} broke while", cut.Migration.FailureReason);
        Assert.EndsWith("Gave up after 3 attempts without progress.", cut.Migration.FailureReason);
        Assert.InRange(proxy.Cuts, 3, 6);
        Assert.InRange(MailboxSnapshot.Read(destination, "gil").In("INBOX").Count, 0, 59);

        proxy.CutsLeft = 0;
        var resumed = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(resumed.Migration.Status == MigrationStatus.Completed, resumed.Migration.FailureReason);
        AssertCopiedOnce(source, destination);
    }

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task A_connection_cut_again_and_again_is_retried_for_as_long_as_the_pass_moves_forward(EndpointRole cutSide)
    {
        // Every connection is cut after 1.2 MB, far more often than the retry budget of 2 allows in a row.
        using var scene = CutScene(cutSide, cuts: 1000);
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer, connectionRetries: 2);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, result.Migration.FailureReason);
        Assert.True(scene.Proxy.Cuts > 3, $"only {scene.Proxy.Cuts} cuts");
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task A_connection_that_stalls_is_given_up_after_the_stall_timeout_and_the_pass_goes_on(EndpointRole stallSide)
    {
        using var scene = CutScene(stallSide, cuts: 1);
        scene.Proxy.StallInsteadOfCut = true;
        scene.From.StallTimeout = scene.To.StallTimeout = TimeSpan.FromSeconds(1.5);
        var observer = new RecordingObserver();

        // Without a stall timeout the pass would wait forever: fail the test instead of hanging it.
        var result = await TestMigrations.RunPass(scene.Store, scene.Id, scene.From, scene.To, observer).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.Migration.Status == MigrationStatus.Completed, result.Migration.FailureReason);
        Assert.Equal(1, scene.Proxy.Cuts);
        Assert.Contains(observer.Lines, l => l.StartsWith($"WARNING: The connection to the {Side(stallSide)} server {scene.Proxy.Address} broke while", StringComparison.Ordinal)
            && l.Contains("Nothing moved on the connection for 1.5 s", StringComparison.Ordinal));
        AssertCopiedOnce(scene.Source, scene.Destination);
    }

    /// <summary>
    /// Two Dovecot servers, 60 messages of 40-100 KB on the source, a proxy in front of one side that cuts
    /// a connection after 1.2 MB in the direction the messages go, and a migration through it.
    /// </summary>
    private ProxiedMigration<FaultProxy> CutScene(EndpointRole side, int cuts)
    {
        var scene = new ProxiedMigration<FaultProxy>(side, directory, "gil", Enumerable.Range(0, 60).Select(i => new SeedMessage("INBOX",
            SampleMailbox.Generate(7000 + i, $"Cut {i}", 40_000 + 997 * i), new[] { "\\Seen" }, new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero).AddDays(i), "cut")),
            FaultProxy.Start);
        scene.Proxy.CutsLeft = cuts;
        if (side == EndpointRole.Source)
            scene.Proxy.CutServerToClientAfter = 1_200_000;
        else
            scene.Proxy.CutClientToServerAfter = 1_200_000;
        return scene;
    }

    private static void AssertCopiedOnce(DovecotServer source, DovecotServer destination)
    {
        var original = MailboxSnapshot.Read(source, "gil").In("INBOX");
        var copied = MailboxSnapshot.Read(destination, "gil").In("INBOX");
        Assert.Equal(original.Select(m => m.Sha256).Order(), copied.Select(m => m.Sha256).Order());
    }

    private static string Side(EndpointRole role) => role == EndpointRole.Source ? "source" : "destination";
}
