using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.Engine.Tests;

/// <summary>TLS and connection failures end a pass with a message that names the side and says what to do.</summary>
public sealed class ConnectionFailureTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-tls-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Auto_security_uses_starttls_and_a_self_signed_certificate_needs_the_skip_switch()
    {
        using var tls = DovecotServer.Start(new DovecotOptions { StartTls = true });
        using var plain = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        Seed(tls, "max", 2);

        var refused = await Run(Endpoint(EndpointRole.Source, tls, "max", ConnectionSecurity.Auto, skipCertificateCheck: false),
            Endpoint(EndpointRole.Destination, plain, "max", ConnectionSecurity.None));
        Assert.Equal(MigrationStatus.Failed, refused.Migration.Status);
        Assert.Equal(FailureKind.Security, refused.Failure!.Kind);
        Assert.StartsWith($"The certificate of the source server {tls.Address} is not trusted (subject 'CN=localhost'", refused.Migration.FailureReason);
        Assert.Contains("its chain does not validate (UntrustedRoot)", refused.Migration.FailureReason);
        Assert.EndsWith("If you trust this server, add -SkipCertificateCheck.", refused.Migration.FailureReason);

        var accepted = await Run(Endpoint(EndpointRole.Source, tls, "max", ConnectionSecurity.Auto, skipCertificateCheck: true),
            Endpoint(EndpointRole.Destination, plain, "max", ConnectionSecurity.None));
        Assert.True(accepted.Migration.Status == MigrationStatus.Completed, accepted.Migration.FailureReason);
        Assert.Equal(2, MailboxSnapshot.Read(plain, "max").In("Sent").Count);
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_fails_instead_of_going_plaintext()
    {
        using var plain = DovecotServer.Start();
        var result = await Run(Endpoint(EndpointRole.Source, plain, "ned", ConnectionSecurity.Auto),
            Endpoint(EndpointRole.Destination, plain, "ned2", ConnectionSecurity.None));

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Security, result.Failure!.Kind);
        Assert.Contains("does not offer STARTTLS. Use -SourceSecurity Tls", result.Migration.FailureReason);
    }

    [Fact]
    public async Task Implicit_tls_against_a_plaintext_port_fails_with_a_tls_message()
    {
        using var plain = DovecotServer.Start();
        var result = await Run(Endpoint(EndpointRole.Source, plain, "ola", ConnectionSecurity.None),
            Endpoint(EndpointRole.Destination, plain, "ola", ConnectionSecurity.Tls));

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Security, result.Failure!.Kind);
        Assert.StartsWith($"The TLS handshake with the destination server {plain.Address} failed; it does not seem to speak TLS", result.Migration.FailureReason);
        Assert.Contains("Try -DestinationSecurity StartTls", result.Migration.FailureReason);
        Assert.DoesNotContain("frame", result.Migration.FailureReason);
    }

    [Fact]
    public async Task Starttls_expected_on_a_port_that_speaks_tls_from_the_first_byte_fails_soon_with_a_hint()
    {
        using var imaps = DovecotServer.Start(new DovecotOptions { ImplicitTls = true });
        using var plain = DovecotServer.Start();
        var source = Endpoint(EndpointRole.Source, imaps, "una", ConnectionSecurity.Auto);
        source.StallTimeout = TimeSpan.FromSeconds(2);

        var result = await Run(source, Endpoint(EndpointRole.Destination, plain, "una", ConnectionSecurity.None)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal($"Cannot connect to the source server {imaps.Address}: it sent no IMAP greeting within 2 s. " +
                     "If this port expects TLS from the first byte (as 993 does), use -SourceSecurity Tls.", result.Migration.FailureReason);
    }

    [Fact]
    public async Task A_wrong_password_is_one_failed_login_on_the_account_and_the_pass_says_so()
    {
        using var server = DovecotServer.Start();
        var wrong = new AccountEndpoint(EndpointRole.Source, ServerType.Imap, ServerAddress.Parse(server.Address), ConnectionSecurity.None,
            new System.Net.NetworkCredential("ora", "not-her-password"), false);

        var result = await Run(wrong, Endpoint(EndpointRole.Destination, server, "ora2", ConnectionSecurity.None));

        Assert.Equal(FailureKind.Authentication, result.Failure!.Kind);
        Assert.StartsWith($"The source server {server.Address} rejected the login of 'ora'", result.Migration.FailureReason);
        // MailKit on its own tries each mechanism the server offers, then LOGIN: Dovecot would count (and delay) each.
        var log = File.ReadAllText(server.LogPath);
        output.WriteLine(log);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(log, @"user=<ora>.*auth failed|auth failed.*user=<ora>"));
        Assert.Contains("auth failed, 1 attempts", log);
        Assert.Contains("Omm tried once. Check -SourceLogin and the password", result.Migration.FailureReason);
    }

    private async Task<PassResult> Run(AccountEndpoint source, AccountEndpoint destination)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var result = await TestMigrations.RunPass(store, TestMigrations.Create(store, source, destination).Id, source, destination);
        output.WriteLine($"{result.Migration.Status}: {result.Migration.FailureReason}");
        return result;
    }

    private static AccountEndpoint Endpoint(EndpointRole role, DovecotServer server, string user, ConnectionSecurity security, bool skipCertificateCheck = false) =>
        TestMigrations.Endpoint(role, server, user, security, skipCertificateCheck);

    private static void Seed(DovecotServer server, string user, int count) =>
        TestMigrations.Seed(server, user, SampleMailbox.Generated().Take(count));
}
