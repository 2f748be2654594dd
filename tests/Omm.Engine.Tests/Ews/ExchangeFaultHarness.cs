using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// Dovecot, the EWS test server and a state store for whole passes under faults, and the checks that matter after them:
/// every message on the destination exactly once, byte for byte.
/// </summary>
public abstract class ExchangeFaultHarness : IAsyncLifetime
{
    protected const string User = "paul";
    protected const string Mailbox = "paul@contoso.test";
    private const string Password = "Exchange-pass-1";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-ews-fault-").FullName;

    protected DovecotServer Dovecot { get; } = DovecotServer.Start();

    protected EwsTestServer Exchange { get; private set; } = null!;

    protected StateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Exchange = await EwsTestServer.StartAsync();
        Exchange.AddMailbox(Mailbox, Password);
        Store = new StateStore(Path.Combine(directory, "state.db"));
    }

    public async Task DisposeAsync()
    {
        await Exchange.DisposeAsync();
        Dovecot.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    protected AccountEndpoint DovecotSide(EndpointRole role) => TestMigrations.Endpoint(role, Dovecot, User);

    /// <summary>The Exchange account, with a stall timeout short enough for tests.</summary>
    protected AccountEndpoint ExchangeSide(EndpointRole role, Uri? url = null, TimeSpan? stallTimeout = null)
    {
        var side = AccountEndpoint.ForExchange(role, url ?? Exchange.Url, new NetworkCredential(Mailbox, Password), false);
        side.StallTimeout = stallTimeout ?? TimeSpan.FromSeconds(5);
        return side;
    }

    protected string Create(AccountEndpoint from, AccountEndpoint to, ThroughputCaps? caps = null) =>
        Store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail }, caps: caps)).Id;

    protected Task<PassResult> Run(string id, AccountEndpoint from, AccountEndpoint to, IMigrationObserver? observer = null, int connections = 2,
        int connectionRetries = 5, TimeSpan? firstRetryDelay = null, CancellationToken stopToken = default) =>
        TestMigrations.RunPass(Store, id, from, to, observer, stopToken, connections, connectionRetries: connectionRetries, firstRetryDelay: firstRetryDelay)
            .WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Runs a pass and measures how long it took.</summary>
    protected async Task<(PassResult Result, TimeSpan Elapsed)> Timed(Func<Task<PassResult>> pass)
    {
        var clock = Stopwatch.StartNew();
        var result = await pass();
        return (result, clock.Elapsed);
    }

    /// <summary>Distinct messages of about <paramref name="size"/> bytes (CRLF line ends, as IMAP serves them).</summary>
    protected static IReadOnlyList<byte[]> Messages(int count, int size = 4_000, int first = 0) =>
        Enumerable.Range(first, count).Select(i => SampleMailbox.Generate(1000 + i, $"Fault test message {i}", size)).ToList();

    protected void SeedDovecot(string folder, IEnumerable<byte[]> messages) =>
        TestMigrations.Seed(Dovecot, User, messages.Select((m, i) =>
            new SeedMessage(folder, m, Array.Empty<string>(), new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i), $"message {i}")));

    protected void SeedExchange(string folder, IEnumerable<byte[]> messages)
    {
        foreach (var message in messages)
            Exchange.AddMessage(Mailbox, folder, message);
    }

    /// <summary>The folder holds exactly these messages, each once, byte for byte (the test server keeps the MIME it took).</summary>
    protected void AssertOnceInExchange(string folder, IEnumerable<byte[]> expected) =>
        Assert.Equal(Hashes(expected), Hashes(Exchange.Items(Mailbox, folder).Select(i => i.MimeContent)));

    /// <summary>The Dovecot folder holds exactly these messages, each once, byte for byte.</summary>
    protected void AssertOnceInDovecot(string folder, IEnumerable<byte[]> expected) =>
        Assert.Equal(Hashes(expected), MailboxSnapshot.Read(Dovecot, User).In(folder).Select(m => m.Sha256).Order().ToList());

    protected static void AssertStatus(MigrationStatus expected, PassResult result) =>
        Assert.True(result.Migration.Status == expected, $"{result.Migration.Status}: {result.Migration.FailureReason}");

    private static List<string> Hashes(IEnumerable<byte[]> messages) => messages.Select(m => Convert.ToHexString(SHA256.HashData(m))).Order().ToList();
}
