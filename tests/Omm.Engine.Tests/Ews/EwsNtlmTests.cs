using System.Net;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>Whole passes with an EWS test server that takes only NTLM (Basic turned off, as on-premises and at OVH).</summary>
public sealed class EwsNtlmTests : IAsyncLifetime
{
    private const string User = "paul";
    private const string Mailbox = "paul@contoso.test";
    private const string Password = "Exchange-pass-1";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-ews-ntlm-").FullName;
    private readonly DovecotServer dovecot = DovecotServer.Start();
    private EwsTestServer exchange = null!;

    public async Task InitializeAsync()
    {
        exchange = await EwsTestServer.StartAsync(new EwsTestServerOptions { Authentication = EwsServerAuthentication.Ntlm });
        exchange.AddMailbox(Mailbox, Password);
    }

    public async Task DisposeAsync()
    {
        await exchange.DisposeAsync();
        dovecot.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(EwsAuthentication.Auto)]
    [InlineData(EwsAuthentication.Ntlm)]
    public async Task A_pass_from_Dovecot_fills_an_Exchange_that_takes_only_NTLM(EwsAuthentication mode)
    {
        TestMigrations.Seed(dovecot, User, Dated("one", "two", "three"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, dovecot, User);
        var to = ExchangeSide(EndpointRole.Destination, Password, mode);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(["one", "three", "two"], exchange.Items(Mailbox, "Inbox").Select(i => i.Subject).Order());
        Assert.Empty(exchange.Ntlm.Refusals);
        var requests = exchange.Requests;
        Assert.All(requests.Where(r => r.HttpStatus == 200), r => Assert.Equal(Mailbox, r.Mailbox));
        // Auto tries Basic once, sees only NTLM/Negotiate offered, and does NTLM for the rest of the session.
        var basic = requests.Where(r => r.AuthorizationScheme == "Basic").ToList();
        Assert.Equal(mode == EwsAuthentication.Auto ? 1 : 0, basic.Count);
        Assert.All(basic, r => Assert.Equal(401, r.HttpStatus));
        // Without Basic, the handler learns the schemes from a first request without a header.
        Assert.Equal(mode == EwsAuthentication.Auto ? "Basic" : null, requests[0].AuthorizationScheme);
        // Each connection does the handshake once (a 401 challenge per connection); later requests on it carry no header.
        var challenges = requests.Count(r => r.AuthorizationScheme == "NTLM" && r.HttpStatus == 401);
        Assert.InRange(challenges, 1, 6);
        Assert.Contains(requests, r => r.AuthorizationScheme == null && r.HttpStatus == 200);
    }

    [Fact]
    public async Task In_Ntlm_mode_Basic_is_never_sent_and_a_pass_from_Exchange_reads_every_message()
    {
        exchange.AddMessage(Mailbox, "Inbox", Message("from exchange"));
        exchange.AddMessage(Mailbox, "Inbox/Projects", Message("in a subfolder"), isRead: true);
        var from = ExchangeSide(EndpointRole.Source, Password, EwsAuthentication.Ntlm);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, dovecot, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var snapshot = MailboxSnapshot.Read(dovecot, User);
        Assert.Single(snapshot.In("INBOX"));
        Assert.Single(snapshot.In("INBOX/Projects"));
        Assert.DoesNotContain(exchange.Requests, r => r.AuthorizationScheme is "Basic");
        Assert.Contains(exchange.Requests, r => r.AuthorizationScheme == "NTLM" && r.HttpStatus == 200);
    }

    [Fact]
    public async Task A_wrong_NTLM_password_fails_naming_the_side_the_login_and_NTLM()
    {
        using var source = new EwsMailSource(ExchangeSide(EndpointRole.Source, "wrong", EwsAuthentication.Ntlm));

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("source Exchange server", failure.Message);
        Assert.Contains($"'{Mailbox}'", failure.Message);
        Assert.Contains("tried NTLM", failure.Message);
        Assert.Contains(exchange.Ntlm.Refusals, r => r.Contains("wrong password", StringComparison.Ordinal));
        Assert.DoesNotContain(exchange.Requests, r => r.AuthorizationScheme is "Basic");
    }

    [Fact]
    public async Task In_Auto_a_wrong_password_fails_the_pass_after_Basic_then_NTLM()
    {
        TestMigrations.Seed(dovecot, User, Dated("one"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, dovecot, User);
        var to = ExchangeSide(EndpointRole.Destination, "wrong", EwsAuthentication.Auto);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("destination Exchange server", result.Failure.Message);
        Assert.Contains(Mailbox, result.Failure.Message);
        Assert.Contains("tried Basic, then NTLM", result.Failure.Message);
        Assert.Empty(exchange.Items(Mailbox, "Inbox"));
    }

    [Fact]
    public async Task Auto_stays_with_Basic_where_the_server_takes_it()
    {
        await using var both = await EwsTestServer.StartAsync(new EwsTestServerOptions { Authentication = EwsServerAuthentication.BasicAndNtlm });
        both.AddMailbox(Mailbox, Password);
        both.AddMessage(Mailbox, "Inbox", Message("basic"));
        using var source = new EwsMailSource(AccountEndpoint.ForExchange(EndpointRole.Source, both.Url, new NetworkCredential(Mailbox, Password), false));

        var folders = await source.OpenAsync(CancellationToken.None);

        Assert.Single(folders.Single(f => f.Path == "INBOX").Messages());
        Assert.All(both.Requests, r => Assert.Equal(("Basic", 200), (r.AuthorizationScheme, r.HttpStatus)));
    }

    private AccountEndpoint ExchangeSide(EndpointRole role, string password, EwsAuthentication mode)
    {
        var side = AccountEndpoint.ForExchange(role, exchange.Url, new NetworkCredential(Mailbox, password), false);
        side.Options = EwsOptions.With(side.Options, mode);
        return side;
    }

    private (StateStore Store, string Id) Create(AccountEndpoint from, AccountEndpoint to)
    {
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;
        return (store, id);
    }

    private static byte[] Message(string subject) =>
        System.Text.Encoding.ASCII.GetBytes($"From: a@example.com\r\nTo: {Mailbox}\r\nSubject: {subject}\r\nMessage-ID: <{subject.Replace(' ', '-')}@example.com>\r\n" +
                                            $"Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\nBody of {subject}\r\n");

    private static IEnumerable<SeedMessage> Dated(params string[] subjects) =>
        subjects.Select((s, i) => new SeedMessage("INBOX", Message(s), Array.Empty<string>(), new DateTimeOffset(2026, 1, 1 + i, 9, 0, 0, TimeSpan.Zero), s));
}
