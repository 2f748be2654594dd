using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.Engine.Tests.Security;

/// <summary>
/// Implicit TLS (IMAPS, port 993 style): a certificate that does not validate stops the pass with a message that names
/// the side, the certificate and the problem, on either side, until -SkipCertificateCheck is given.
/// </summary>
public sealed class ServerCertificateTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-certificates-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_self_signed_certificate_is_refused_on_either_side_until_the_check_is_skipped()
    {
        using var tls = DovecotServer.Start(new DovecotOptions { ImplicitTls = true, Certificate = TestCertificate.SelfSigned("localhost") });
        using var plain = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(tls, "ida", SampleMailbox.Generated().Take(3));
        TestMigrations.Seed(plain, "ivo", SampleMailbox.Generated().Take(2));

        var fromTls = await Run(Endpoint(EndpointRole.Source, tls, "ida", ConnectionSecurity.Tls), Endpoint(EndpointRole.Destination, plain, "ida", ConnectionSecurity.None));
        var intoTls = await Run(Endpoint(EndpointRole.Source, plain, "ivo", ConnectionSecurity.None), Endpoint(EndpointRole.Destination, tls, "ivo", ConnectionSecurity.Tls));

        foreach (var (refused, side) in new[] { (fromTls, "source"), (intoTls, "destination") })
        {
            Assert.Equal(MigrationStatus.Failed, refused.Migration.Status);
            Assert.Equal(FailureKind.Security, refused.Failure!.Kind);
            Assert.Equal(
                $"The certificate of the {side} server {tls.Address} is not trusted (subject 'CN=localhost', issued by 'CN=localhost'): " +
                "it was not issued for this host name; its chain does not validate (UntrustedRoot). If you trust this server, add -SkipCertificateCheck.",
                refused.Migration.FailureReason);
        }

        Assert.Equal(0, MailboxSnapshot.Read(plain, "ida").Count);
        Assert.Equal(0, MailboxSnapshot.Read(tls, "ivo").Count);

        var skippedFrom = await Run(Endpoint(EndpointRole.Source, tls, "ida", ConnectionSecurity.Tls, skip: true), Endpoint(EndpointRole.Destination, plain, "ida", ConnectionSecurity.None, skip: true));
        var skippedInto = await Run(Endpoint(EndpointRole.Source, plain, "ivo", ConnectionSecurity.None, skip: true), Endpoint(EndpointRole.Destination, tls, "ivo", ConnectionSecurity.Tls, skip: true));
        Assert.True(skippedFrom.Migration.Status == MigrationStatus.Completed, skippedFrom.Migration.FailureReason);
        Assert.True(skippedInto.Migration.Status == MigrationStatus.Completed, skippedInto.Migration.FailureReason);
        Assert.Equal(3, MailboxSnapshot.Read(plain, "ida").Count);
        Assert.Equal(2, MailboxSnapshot.Read(tls, "ivo").Count);
    }

    [Fact]
    public async Task A_trusted_authoritys_certificate_for_another_host_name_is_refused_for_that_reason_alone()
    {
        using var authority = TestCertificateAuthority.CreateTrusted();
        using var wrongName = DovecotServer.Start(new DovecotOptions { ImplicitTls = true, Certificate = authority.Issue("mail.other.example") });
        using var rightName = DovecotServer.Start(new DovecotOptions { ImplicitTls = true, Certificate = authority.Issue("127.0.0.1") });
        TestMigrations.Seed(wrongName, "jo", SampleMailbox.Generated().Take(2));

        var refused = await Run(Endpoint(EndpointRole.Source, wrongName, "jo", ConnectionSecurity.Tls), Endpoint(EndpointRole.Destination, rightName, "jo", ConnectionSecurity.Tls));
        Assert.Equal(MigrationStatus.Failed, refused.Migration.Status);
        Assert.Equal(FailureKind.Security, refused.Failure!.Kind);
        Assert.Equal(
            $"The certificate of the source server {wrongName.Address} is not trusted (subject 'CN=mail.other.example', issued by '{authority.Subject}'): " +
            "it was not issued for this host name. If you trust this server, add -SkipCertificateCheck.",
            refused.Migration.FailureReason);

        // The destination's certificate names the address connected to and comes from a trusted authority: no switch needed for it.
        var reversed = await Run(Endpoint(EndpointRole.Source, rightName, "jo", ConnectionSecurity.Tls), Endpoint(EndpointRole.Destination, wrongName, "jo2", ConnectionSecurity.Tls));
        Assert.Equal(MigrationStatus.Failed, reversed.Migration.Status);
        Assert.StartsWith($"The certificate of the destination server {wrongName.Address} is not trusted", reversed.Migration.FailureReason);

        var skipped = await Run(Endpoint(EndpointRole.Source, wrongName, "jo", ConnectionSecurity.Tls, skip: true), Endpoint(EndpointRole.Destination, rightName, "jo", ConnectionSecurity.Tls, skip: true));
        Assert.True(skipped.Migration.Status == MigrationStatus.Completed, skipped.Migration.FailureReason);
        Assert.Equal(2, MailboxSnapshot.Read(rightName, "jo").Count);

        TestMigrations.Seed(rightName, "kim", SampleMailbox.Generated().Take(2));
        var validTls = await Run(Endpoint(EndpointRole.Source, rightName, "kim", ConnectionSecurity.Tls), Endpoint(EndpointRole.Destination, rightName, "kim2", ConnectionSecurity.Tls));
        Assert.True(validTls.Migration.Status == MigrationStatus.Completed, validTls.Migration.FailureReason);
        Assert.Equal(2, MailboxSnapshot.Read(rightName, "kim2").Count);
    }

    [RootOnlyFact]
    public async Task Auto_on_port_993_is_implicit_tls_and_checks_the_certificate()
    {
        // Port 993 on an address of 127.0.0.0/8 of its own, so that nothing else on the machine is in the way.
        var host = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
        using var imaps = DovecotServer.Start(new DovecotOptions { ImplicitTls = true, ListenAddress = host, ListenPort = 993 });
        using var plain = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(imaps, "lea", SampleMailbox.Generated().Take(2));

        var source = new AccountEndpoint(EndpointRole.Source, ServerType.Imap, ServerAddress.Parse(host), ConnectionSecurity.Auto,
            new NetworkCredential("lea", imaps.Password), skipCertificateCheck: false);
        Assert.Equal(993, source.Port);
        var refused = await Run(source, Endpoint(EndpointRole.Destination, plain, "lea", ConnectionSecurity.None));
        Assert.Equal(MigrationStatus.Failed, refused.Migration.Status);
        Assert.Equal(FailureKind.Security, refused.Failure!.Kind);
        Assert.StartsWith($"The certificate of the source server {host}:993 is not trusted (subject 'CN=localhost'", refused.Migration.FailureReason);
        Assert.EndsWith("If you trust this server, add -SkipCertificateCheck.", refused.Migration.FailureReason);

        var skipping = new AccountEndpoint(EndpointRole.Source, ServerType.Imap, ServerAddress.Parse(host), ConnectionSecurity.Auto,
            new NetworkCredential("lea", imaps.Password), skipCertificateCheck: true);
        var accepted = await Run(skipping, Endpoint(EndpointRole.Destination, plain, "lea", ConnectionSecurity.None, skip: true));
        Assert.True(accepted.Migration.Status == MigrationStatus.Completed, accepted.Migration.FailureReason);
        Assert.Equal(2, MailboxSnapshot.Read(plain, "lea").Count);
    }

    private async Task<PassResult> Run(AccountEndpoint source, AccountEndpoint destination)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var result = await TestMigrations.RunPass(store, TestMigrations.Create(store, source, destination).Id, source, destination);
        output.WriteLine($"{result.Migration.Status}: {result.Migration.FailureReason}");
        return result;
    }

    private static AccountEndpoint Endpoint(EndpointRole role, DovecotServer server, string user, ConnectionSecurity security, bool skip = false) =>
        new(role, ServerType.Imap, new ServerAddress(server.Host, server.Port), security, new NetworkCredential(user, server.Password), skip);
}
