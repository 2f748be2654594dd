using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// The IMAP source's pass (several connections, CONDSTORE, pipelined FETCH) knows its destination only through
/// <see cref="Omm.Engine.Connectors.IMailDestination"/>: from a real Dovecot into the in-memory destination.
/// </summary>
public sealed class ImapPassIntoMemoryTests : IDisposable
{
    private const int Messages = 150;
    private readonly string directory = Directory.CreateTempSubdirectory("omm-imap-memory-").FullName;
    private readonly DovecotServer source = DovecotServer.Start();
    private readonly InMemoryMailDestination destination = new InMemoryMailDestination().WithFolder("Sent Items", FolderRole.Sent);

    public void Dispose()
    {
        source.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Every_message_arrives_once_with_flags_and_date_on_two_lanes_and_flag_changes_follow()
    {
        var seeded = Enumerable.Range(0, Messages).Select(i => new SeedMessage(i % 5 == 0 ? "Sent" : "INBOX",
            SampleMailbox.Generate(500 + i, $"Lane {i}", 2_000 + 37 * i), i % 2 == 0 ? new[] { "\\Seen" } : new[] { "\\Flagged", "$Label1" },
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddHours(i), "lane")).ToList();
        TestMigrations.Seed(source, "eve", seeded);
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "eve");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, source, "unused");
        var id = TestMigrations.Create(store, from, to).Id;
        var observer = new RecordingObserver();

        var first = await Run(store, id, from, to, observer);
        var appends = destination.Appends.Count;
        using (var client = RawImapClient.Connect(source, "eve"))
            client.SetFlags("INBOX", client.FetchAll("INBOX")[0].Uid, new[] { "\\Answered" });
        var second = await Run(store, id, from, to, new RecordingObserver());

        Assert.Equal((MigrationStatus.Completed, MigrationStatus.Completed), (first.Migration.Status, second.Migration.Status));
        Assert.Contains(observer.Lines, l => l.Contains("Copying with 2 connections per side", StringComparison.Ordinal));
        Assert.Equal(appends, destination.Appends.Count);
        var snapshot = MailboxSnapshot.Read(source, "eve");
        foreach (var (from_, to_) in new[] { ("INBOX", "INBOX"), ("Sent", "Sent Items") })
        {
            Assert.Equal(snapshot.In(from_).Select(m => (m.Sha256, m.InternalDate, string.Join(' ', MailboxSnapshot.FlagSet(m).Order()))).Order(),
                destination.In(to_).Select(m => (m.Sha256, m.Date!.Value, string.Join(' ', Flags(m).Order()))).Order());
        }
    }

    private static IEnumerable<string> Flags(InMemoryMailDestination.StoredMessage message) =>
        Omm.Engine.Connectors.Imap.FlagText.Of(message.Flags, message.Keywords).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private Task<PassResult> Run(StateStore store, string id, AccountEndpoint from, AccountEndpoint to, IMigrationObserver observer) =>
        new MigrationRunner(store)
        {
            Connections = 2,
            ConnectionRetries = 1,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
            OpenMailDestination = (_, _) => destination,
        }.RunPassAsync(id, from, to, observer, CancellationToken.None);
}
