using System.Net;
using System.Text;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Notifications;
using Omm.Engine.State;
using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.Engine.Tests.Security;

/// <summary>
/// No password leaves this machine unencrypted unless the admin said so (security None): a proxy between Omm and
/// the server records every byte Omm sends, as an eavesdropper would, and no login, password or encoded password
/// is among them when the server offers no TLS.
/// </summary>
public sealed class CredentialsBeforeTlsTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "Eaves-Dropped-5c2a";

    private readonly string directory = Directory.CreateTempSubdirectory("omm-plaintext-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task Auto_against_a_server_without_starttls_fails_before_sending_the_login(EndpointRole side)
    {
        using var plain = DovecotServer.Start(new DovecotOptions { Password = Password });
        using var other = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = Password });
        TestMigrations.Seed(side == EndpointRole.Source ? plain : other, "quinn", SampleMailbox.Generated().Take(2));
        using var proxy = FaultProxy.Start(plain);
        var watched = new AccountEndpoint(side, ServerType.Imap, ServerAddress.Parse(proxy.Address), ConnectionSecurity.Auto, new NetworkCredential("quinn", Password), false);
        var unwatched = TestMigrations.Endpoint(side == EndpointRole.Source ? EndpointRole.Destination : EndpointRole.Source, other, "quinn", ConnectionSecurity.None);

        var result = await Run(side == EndpointRole.Source ? watched : unwatched, side == EndpointRole.Source ? unwatched : watched);

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Security, result.Failure!.Kind);
        Assert.Contains($"the {watched.RoleName} server {proxy.Address}: it does not offer STARTTLS", result.Migration.FailureReason);
        Assert.True(proxy.Connections >= 1, "Omm never reached the server through the proxy.");
        AssertNoLogin(proxy.ClientSent(), "quinn");

        // The same through the proxy with security None, as an admin may ask for on a trusted network: the capture shows the login.
        var allowed = new AccountEndpoint(side, ServerType.Imap, ServerAddress.Parse(proxy.Address), ConnectionSecurity.None, new NetworkCredential("quinn", Password), false);
        var plaintext = await Run(side == EndpointRole.Source ? allowed : unwatched, side == EndpointRole.Source ? unwatched : allowed);
        Assert.True(plaintext.Migration.Status == MigrationStatus.Completed, plaintext.Migration.FailureReason);
        Assert.NotNull(SecretTraces.Find(proxy.ClientSent(), Password));
    }

    [Fact]
    public async Task Notification_mails_need_starttls_before_the_smtp_login()
    {
        using var sink = SmtpSink.Start();
        using var proxy = FaultProxy.Start("127.0.0.1", sink.Port);
        var observer = new RecordingObserver();

        var refused = new MigrationNotifier(Settings(proxy, ConnectionSecurity.Auto), new NetworkCredential("notify@acme.example", Password));
        await refused.ProjectStartedAsync("acme", observer);

        var warning = Assert.Single(observer.Lines);
        output.WriteLine(warning);
        Assert.Equal($"WARNING: The notification '[Omm] Project acme started' could not be sent through {proxy.Address}: it does not offer STARTTLS, " +
            "and neither the mail nor the SMTP login goes unencrypted unless asked. Use -SmtpSecurity Tls for implicit TLS (usually port 465), " +
            "or -SmtpSecurity None only on a network you trust.", warning);
        var sent = Encoding.ASCII.GetString(proxy.ClientSent());
        Assert.Contains("EHLO", sent);
        Assert.DoesNotContain("AUTH", sent);
        Assert.DoesNotContain("MAIL FROM", sent);
        Assert.Null(SecretTraces.Find(proxy.ClientSent(), Password));
        Assert.Empty(sink.Messages());

        // Security None, asked for explicitly: the mail goes, through the same proxy.
        await new MigrationNotifier(Settings(proxy, ConnectionSecurity.None), null).ProjectStartedAsync("acme", observer);
        Assert.Single(sink.WaitFor(m => m.Contains("Subject: [Omm] Project acme started"), 1, TimeSpan.FromSeconds(10)));
        Assert.Contains("MAIL FROM", Encoding.ASCII.GetString(proxy.ClientSent()));
    }

    [NonLoopbackFact]
    public async Task A_plain_http_dav_url_to_another_machine_gets_no_password_unless_security_is_none()
    {
        using var radicale = RadicaleServer.Start("rae", "ray");
        using var proxy = FaultProxy.Start("127.0.0.1", radicale.Port, LocalAddress.NonLoopback());
        var remote = new Uri($"http://{proxy.Address}/");
        var destination = new AccountEndpoint(EndpointRole.Destination, ServerType.Dav, null, ConnectionSecurity.Auto, new NetworkCredential("ray", radicale.Password), false, radicale.Url);

        var refused = await RunDav(new AccountEndpoint(EndpointRole.Source, ServerType.Dav, null, ConnectionSecurity.Auto, new NetworkCredential("rae", radicale.Password), false, remote), destination);

        Assert.Equal(MigrationStatus.Failed, refused.Migration.Status);
        Assert.Equal(FailureKind.Security, refused.Failure!.Kind);
        Assert.Equal(
            $"The source DAV URL {remote} is plain HTTP: the password would cross the network in clear, so nothing was sent. " +
            "Give its https:// URL, or add -SourceSecurity None if the network is trusted.",
            refused.Migration.FailureReason);
        Assert.Equal(0, proxy.Connections);

        // Before any mail is copied, when the side also has a mail server.
        using var mail = DovecotServer.Start(new DovecotOptions { StartTls = true, Password = radicale.Password });
        using var mailDestination = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = radicale.Password });
        TestMigrations.Seed(mail, "rae", SampleMailbox.Generated().Take(2));
        var both = await RunDav(
            new AccountEndpoint(EndpointRole.Source, ServerType.Imap, ServerAddress.Parse(mail.Address), ConnectionSecurity.StartTls, new NetworkCredential("rae", radicale.Password), true, remote),
            new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse(mailDestination.Address), ConnectionSecurity.None, new NetworkCredential("ray", radicale.Password), true, radicale.Url),
            ItemType.Mail, ItemType.Contacts);
        Assert.Equal(MigrationStatus.Failed, both.Migration.Status);
        Assert.EndsWith("add -SourceSecurity None if the network is trusted (that also turns off TLS to its mail server).", both.Migration.FailureReason);
        Assert.Equal(0, MailboxSnapshot.Read(mailDestination, "ray").Count);
        Assert.Equal(0, proxy.Connections);

        // The client alone refuses too (a redirect from https:// to http:// would meet the same check).
        using (var client = new DavClient(remote, new NetworkCredential("rae", radicale.Password), false))
        {
            var e = await Assert.ThrowsAsync<DavPlaintextLoginException>(() => client.DiscoverAsync(CancellationToken.None));
            Assert.StartsWith($"http://{proxy.Address}/ is plain HTTP: the password would cross the network in clear, so it was not sent.", e.Message);
        }

        Assert.Equal(0, proxy.Connections);

        var allowed = await RunDav(new AccountEndpoint(EndpointRole.Source, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("rae", radicale.Password), false, remote), destination);
        Assert.True(allowed.Migration.Status == MigrationStatus.Completed, allowed.Migration.FailureReason);
        Assert.True(proxy.Connections >= 1);
        Assert.StartsWith("the secret in base64", SecretTraces.Find(proxy.ClientSent(), "rae:" + radicale.Password)); // HTTP Basic
    }

    private static NotificationSettings Settings(FaultProxy proxy, ConnectionSecurity security) =>
        new(new[] { "admin@acme.example" }, "omm@acme.example", proxy.Address, security, "notify@acme.example", null);

    private static void AssertNoLogin(byte[] sent, string user)
    {
        var text = Encoding.ASCII.GetString(sent);
        Assert.DoesNotContain("LOGIN", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AUTHENTICATE", text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(SecretTraces.Find(sent, Password));
        Assert.Null(SecretTraces.Find(sent, "\0" + user + "\0" + Password));
    }

    private async Task<PassResult> Run(AccountEndpoint source, AccountEndpoint destination)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var result = await TestMigrations.RunPass(store, TestMigrations.Create(store, source, destination).Id, source, destination);
        output.WriteLine($"{result.Migration.Status}: {result.Migration.FailureReason}");
        return result;
    }

    private async Task<PassResult> RunDav(AccountEndpoint source, AccountEndpoint destination, params ItemType[] include)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var migration = store.CreateMigration(new NewMigration(null,
            ConnectionSettings.Of(source, destination, source.SkipCertificateCheck),
            include.Length > 0 ? include : new[] { ItemType.Contacts }));
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, source, destination, new RecordingObserver(), CancellationToken.None);
        output.WriteLine($"{result.Migration.Status}: {result.Migration.FailureReason}");
        return result;
    }
}
