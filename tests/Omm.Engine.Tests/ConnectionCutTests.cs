using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// A connection cut in the middle of a message, through a proxy between Omm and a real Dovecot: the
/// pass ends Failed naming the side, and the next pass copies the rest, every message exactly once.
/// </summary>
public sealed class ConnectionCutTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-cut-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task A_connection_cut_mid_message_fails_the_pass_and_the_next_pass_copies_each_message_once(EndpointRole cutSide)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "gil", Enumerable.Range(0, 60).Select(i => new SeedMessage("INBOX",
            SampleMailbox.Generate(7000 + i, $"Cut {i}", 40_000 + 997 * i), new[] { "\\Seen" }, new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero).AddDays(i), "cut")));
        using var proxy = FaultProxy.Start(cutSide == EndpointRole.Source ? source : destination);
        proxy.CutsLeft = 1;
        if (cutSide == EndpointRole.Source)
            proxy.CutServerToClientAfter = 1_200_000;
        else
            proxy.CutClientToServerAfter = 1_200_000;

        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = Via(EndpointRole.Source, cutSide == EndpointRole.Source ? proxy.Address : source.Address, source.Password);
        var to = Via(EndpointRole.Destination, cutSide == EndpointRole.Destination ? proxy.Address : destination.Address, destination.Password);
        var id = TestMigrations.Create(store, from, to).Id;

        var cut = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(MigrationStatus.Failed, cut.Migration.Status);
        Assert.Equal(FailureKind.Connection, cut.Failure!.Kind);
        Assert.StartsWith($"The connection to the {(cutSide == EndpointRole.Source ? "source" : "destination")} server {proxy.Address} broke while",
            cut.Migration.FailureReason);
        Assert.InRange(MailboxSnapshot.Read(destination, "gil").In("INBOX").Count, 0, 59);

        var resumed = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(resumed.Migration.Status == MigrationStatus.Completed, resumed.Migration.FailureReason);
        var original = MailboxSnapshot.Read(source, "gil").In("INBOX");
        var copied = MailboxSnapshot.Read(destination, "gil").In("INBOX");
        Assert.Equal(original.Select(m => m.Sha256).Order(), copied.Select(m => m.Sha256).Order());
        Assert.Equal(60, Assert.Single(resumed.Migration.Progress).Migrated);
    }

    private static AccountEndpoint Via(EndpointRole role, string address, string password) =>
        new(role, ServerType.Imap, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential("gil", password), false);
}
