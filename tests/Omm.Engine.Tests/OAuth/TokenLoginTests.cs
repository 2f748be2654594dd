using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Notifications;
using Omm.Engine.OAuth;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>
/// Logins by OAuth2 bearer token against a real Dovecot whose oauth2 passdb checks each token with the tests' introspection
/// endpoint: IMAP and POP3 sources, XOAUTH2 and OAUTHBEARER, tokens refused, expired, replaced mid-pass; and an SMTP
/// notification through a server that takes XOAUTH2 alone.
/// </summary>
public sealed class TokenLoginTests : IAsyncLifetime
{
    private const string User = "olga";
    private const string NotThePassword = "not the password";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-oauth-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly TestTokens tokens = new();
    private readonly DovecotServer source = DovecotServer.Start(new DovecotOptions { Pop3 = true });
    private readonly DovecotServer destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
    private IntrospectionServer introspection = null!;

    public async Task InitializeAsync()
    {
        tokens.Time = clock;
        introspection = await IntrospectionServer.StartAsync(tokens);
    }

    public async Task DisposeAsync()
    {
        source.Dispose();
        destination.Dispose();
        await introspection.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task An_imap_migration_logs_in_to_both_sides_with_xoauth2_tokens_and_copies_every_message_byte_for_byte()
    {
        var sample = SampleMailbox.Fixtures().ToList();
        TestMigrations.Seed(source, User, sample);
        var seeded = Hashes(MailboxSnapshot.Read(source, User));
        ByToken(source);
        ByToken(destination);
        var (sourceTokens, destinationTokens) = (new MintingTokenSource(tokens, User), new MintingTokenSource(tokens, User));
        var from = Imap(EndpointRole.Source, source.Address, sourceTokens);
        var to = Imap(EndpointRole.Destination, destination.Address, destinationTokens);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Contains("method=XOAUTH2", File.ReadAllText(source.LogPath));
        Assert.Contains("method=XOAUTH2", File.ReadAllText(destination.LogPath));
        Assert.All(introspection.Asked, call => Assert.True(call.Active));
        Assert.True(sourceTokens.Asked >= 1 && destinationTokens.Asked >= 1, $"source asked {sourceTokens.Asked}, destination {destinationTokens.Asked}");
        ByPassword(destination);
        Assert.Equal(seeded, Hashes(MailboxSnapshot.Read(destination, User)));
        Assert.Equal(sample.Count, Assert.Single(result.Migration.Progress).Migrated);
    }

    [Fact]
    public async Task A_pop3_source_logs_in_with_the_token_given_and_every_message_arrives_once()
    {
        var sample = Enumerable.Range(0, 8).Select(i => new SeedMessage("INBOX", SampleMailbox.Generate(300 + i, $"pop {i}", 5_000 + 3_001 * i),
            Array.Empty<string>(), clock.GetUtcNow(), $"pop {i}")).ToList();
        TestMigrations.Seed(source, User, sample);
        ByToken(source);
        var from = Pop3(tokens.Issue(User));
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Contains("pop3-login: Info: Login: user=<olga>, method=XOAUTH2", File.ReadAllText(source.LogPath));
        Assert.Equal(sample.Select(m => FileImports.Sha256(m.Bytes)).Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    [Fact]
    public async Task Oauthbearer_is_used_when_the_server_does_not_offer_xoauth2()
    {
        var sample = SampleMailbox.Fixtures().Take(5).ToList();
        TestMigrations.Seed(source, User, sample);
        var seeded = Hashes(MailboxSnapshot.Read(source, User));
        ByToken(source, mechanisms: "oauthbearer");
        var from = Imap(EndpointRole.Source, source.Address, new MintingTokenSource(tokens, User));
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var log = File.ReadAllText(source.LogPath);
        Assert.Contains("method=OAUTHBEARER", log);
        Assert.DoesNotContain("method=XOAUTH2", log);
        Assert.Equal(seeded, Hashes(MailboxSnapshot.Read(destination, User)));
    }

    [Fact]
    public async Task A_server_that_offers_no_token_login_fails_the_pass_saying_what_it_offers()
    {
        TestMigrations.Seed(source, User, SampleMailbox.Fixtures().Take(2));
        var from = Imap(EndpointRole.Source, source.Address, new MintingTokenSource(tokens, User));
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.True(result.Failure!.Kind == FailureKind.Authentication, result.Migration.FailureReason);
        Assert.True(result.Migration.FailureReason!.StartsWith($"The source server {source.Address} offers no login with an OAuth2 token (neither XOAUTH2 nor OAUTHBEARER) for 'olga'; it offers PLAIN", StringComparison.Ordinal), result.Migration.FailureReason);
        Assert.Equal(0, introspection.Calls);
    }

    public static TheoryData<string> Refusals => new() { "wrong", "expired" };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_token_fails_the_pass_naming_the_side_and_account_once_and_never_shows_the_token(string refusal)
    {
        TestMigrations.Seed(source, User, SampleMailbox.Fixtures().Take(2));
        ByToken(source);
        var token = refusal == "wrong" ? "tok-" + new string('7', 48) : tokens.Issue(User);
        if (refusal == "expired")
            clock.Advance(TimeSpan.FromHours(2));
        var from = Imap(EndpointRole.Source, source.Address, token);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.True(result.Failure!.Kind == FailureKind.Authentication, result.Migration.FailureReason);
        var reason = result.Migration.FailureReason!;
        Assert.True(reason.StartsWith($"The source server {source.Address} refused the OAuth2 token of 'olga': [AUTHENTICATIONFAILED] Authentication failed. Omm tried once.", StringComparison.Ordinal), reason);
        Assert.Contains("Omm tried once.", reason);
        Assert.Contains("IMAP.AccessAsApp", reason);
        Assert.Equal(new[] { (token, false) }, introspection.Asked);
        Assert.Empty(MailboxSnapshot.Read(destination, User).In("INBOX"));
        AssertNowhere(token, reason, observer, result.Failure);
    }

    [Fact]
    public async Task A_pop3_token_refused_fails_the_pass_the_same_way()
    {
        ByToken(source);
        var token = "tok-" + new string('5', 48);
        var from = Pop3(token);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.True(result.Failure!.Kind == FailureKind.Authentication, result.Migration.FailureReason);
        Assert.True(result.Migration.FailureReason!.StartsWith($"The source server {source.Pop3Address} refused the OAuth2 token of 'olga': -ERR", StringComparison.Ordinal), result.Migration.FailureReason);
        Assert.Contains("POP.AccessAsApp", result.Migration.FailureReason);
        AssertNowhere(token, result.Migration.FailureReason!, observer, result.Failure);
    }

    [Fact]
    public async Task A_cached_token_the_server_refuses_is_replaced_once_and_that_login_retried()
    {
        var sample = SampleMailbox.Fixtures().Take(4).ToList();
        TestMigrations.Seed(source, User, sample);
        ByToken(source);
        var revoked = tokens.Issue(User);
        tokens.Revoke(revoked);
        var sourceTokens = new MintingTokenSource(tokens, User);
        sourceTokens.Cache(revoked);
        var from = Imap(EndpointRole.Source, source.Address, sourceTokens);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to, connections: 1);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(1, sourceTokens.Refreshes);
        Assert.Equal((revoked, false), introspection.Asked[0]);
        Assert.Single(introspection.Asked, call => !call.Active);
        Assert.Equal(sample.Count, MailboxSnapshot.Read(destination, User).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_token_is_replaced_only_when_it_came_from_the_cache_and_a_new_one_refused_too_fails(bool cached)
    {
        TestMigrations.Seed(source, User, SampleMailbox.Fixtures().Take(2));
        ByToken(source);
        var sourceTokens = new MintingTokenSource(tokens, User) { MintFor = "someone-else" };
        if (cached)
            sourceTokens.Cache(tokens.Issue("someone-else"));
        var from = Imap(EndpointRole.Source, source.Address, sourceTokens);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.True(result.Failure!.Kind == FailureKind.Authentication, result.Migration.FailureReason);
        // A token just issued and refused would be refused again: one login then, two after a cached one.
        Assert.Contains(cached ? "Omm tried twice, the second time with a new token." : "Omm tried once.", result.Migration.FailureReason);
        Assert.Equal(cached ? 1 : 0, sourceTokens.Refreshes);
        Assert.Equal(cached ? 2 : 1, introspection.Calls);
    }

    [Fact]
    public async Task A_token_that_expires_mid_pass_is_replaced_on_the_next_connection_and_the_pass_completes()
    {
        // 60 messages of 40-100 KB; the connection to the source is cut once after 1.2 MB, and at that moment every
        // token issued so far expires (the issuer's clock moves past their lifetime): the connection opened again must
        // log in with a new token, which only a source asked again gives.
        var sample = Enumerable.Range(0, 60).Select(i => new SeedMessage("INBOX", SampleMailbox.Generate(9000 + i, $"Mid {i}", 40_000 + 997 * i),
            new[] { "\\Seen" }, new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), "mid")).ToList();
        TestMigrations.Seed(source, User, sample);
        ByToken(source);
        tokens.Lifetime = TimeSpan.FromMinutes(10);
        using var proxy = FaultProxy.Start(source);
        proxy.CutServerToClientAfter = 1_200_000;
        proxy.CutsLeft = 1;
        proxy.Cutting = () => clock.Advance(TimeSpan.FromMinutes(11));
        var sourceTokens = new MintingTokenSource(tokens, User);
        var from = Imap(EndpointRole.Source, proxy.Address, sourceTokens);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, User);
        var (store, id) = Create(from, to);

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(1, proxy.Cuts);
        Assert.True(introspection.AcceptedTokens.Count >= 2, $"{introspection.AcceptedTokens.Count} distinct token(s) seen");
        // No login was refused: the expired token was never sent, and no refresh was needed to get past a refusal.
        Assert.All(introspection.Asked, call => Assert.True(call.Active));
        Assert.Equal(0, sourceTokens.Refreshes);
        Assert.Equal(sample.Select(m => FileImports.Sha256(m.Bytes)).Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
        Assert.Equal(60, Assert.Single(result.Migration.Progress).Migrated);
    }

    [Fact]
    public async Task A_notification_goes_through_an_smtp_server_that_takes_xoauth2_tokens_and_a_refused_token_is_a_warning()
    {
        using var smtp = SmtpSink.StartCheckingTokens(introspection.Url);
        var settings = new NotificationSettings(new[] { "ops@example.org" }, "omm@example.org", smtp.Address, ConnectionSecurity.None, "omm@example.org", null);
        var observer = new RecordingObserver();

        await new MigrationNotifier(settings, null, new MintingTokenSource(tokens, "omm@example.org")).ProjectStartedAsync("acme", observer);

        Assert.Empty(observer.Lines);
        Assert.Single(smtp.WaitFor(m => m.Contains("Subject: [Omm] Project acme started", StringComparison.Ordinal), 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(1, introspection.Calls);

        var wrong = "tok-" + new string('3', 48);
        await new MigrationNotifier(settings, null, new GivenTokenSource("omm@example.org", wrong)).ProjectStartedAsync("zeta", observer);

        var warning = Assert.Single(observer.Lines);
        Assert.True(warning.StartsWith($"WARNING: The notification '[Omm] Project zeta started' could not be sent through {smtp.Address}: the SMTP server refused the OAuth2 token of 'omm@example.org': 535", StringComparison.Ordinal), warning);
        Assert.Contains("SMTP.SendAsApp", warning);
        Assert.DoesNotContain(wrong, warning);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes(wrong)), warning);
    }

    private void ByToken(DovecotServer server, string mechanisms = "xoauth2 oauthbearer") =>
        server.SwitchTo(server.Options with { OAuth2IntrospectionUrl = introspection.Url, OAuth2Mechanisms = mechanisms });

    private static void ByPassword(DovecotServer server) => server.SwitchTo(server.Options with { OAuth2IntrospectionUrl = null });

    /// <summary>A side that logs in with <paramref name="tokens"/>; its password is wrong, so a password login would fail.</summary>
    private static AccountEndpoint Imap(EndpointRole role, string address, IAccessTokenSource tokens) =>
        new(role, ServerType.Imap, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential(User, NotThePassword), false)
        {
            Options = TestLogins.Options(tokens),
        };

    /// <summary>A side that logs in with the token given as is (OAuth Token), as an admin gives one.</summary>
    private static AccountEndpoint Imap(EndpointRole role, string address, string token) =>
        new(role, ServerType.Imap, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential(User, token), false)
        {
            Options = EndpointOptions.None.With(OAuthOptionNames.Provider, "Token"),
        };

    private AccountEndpoint Pop3(string token) =>
        new(EndpointRole.Source, ServerType.Pop3, ServerAddress.Parse(source.Pop3Address), ConnectionSecurity.None, new NetworkCredential(User, token), false)
        {
            Options = EndpointOptions.None.With(OAuthOptionNames.Provider, "Token"),
        };

    private (StateStore Store, string Id) Create(AccountEndpoint from, AccountEndpoint to)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;
        return (store, id);
    }

    private static List<string> Hashes(MailboxSnapshot snapshot) => snapshot.Messages.Values.SelectMany(m => m).Select(m => m.Sha256).Order().ToList();

    /// <summary>The token (as is, and as XOAUTH2 sends it in base64) is in no error, warning, or file of the state.</summary>
    private void AssertNowhere(string token, string reason, RecordingObserver observer, Exception failure)
    {
        var forms = new[] { token, Convert.ToBase64String(Encoding.ASCII.GetBytes($"user={User}\u0001auth=Bearer {token}\u0001\u0001")) };
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var state = string.Concat(Directory.GetFiles(directory).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        foreach (var form in forms)
        {
            Assert.DoesNotContain(form, reason);
            Assert.DoesNotContain(form, failure.ToString());
            Assert.All(observer.Lines, line => Assert.DoesNotContain(form, line));
            Assert.All(observer.Problems, problem => Assert.DoesNotContain(form, problem.Message));
            Assert.DoesNotContain(form, state);
        }
    }
}
