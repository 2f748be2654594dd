using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>What an admin sees from New-OmmMigration when an IMAPS server's certificate does not validate.</summary>
public sealed class CertificateTests : IDisposable
{
    private const string Password = "Cert-Secret-3b9e";

    private const string Migrate = @"
        New-OmmMigration -SourceServer $source -SourceLogin $user -SourcePassword $password -SourceSecurity $sourceSecurity `
            -DestinationServer $destination -DestinationLogin $user -DestinationPassword $password -DestinationSecurity $destinationSecurity `
            -StatePath $statePath";

    private readonly string directory = Directory.CreateTempSubdirectory("omm-certificates-").FullName;
    private readonly DovecotServer imaps = DovecotServer.Start(new DovecotOptions { ImplicitTls = true, Password = Password });
    private readonly DovecotServer plain = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = Password });

    public void Dispose()
    {
        imaps.Dispose();
        plain.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_self_signed_certificate_is_a_security_error_naming_the_problem_until_SkipCertificateCheck(string side)
    {
        var user = "pat" + side[0];
        var from = side == "Source" ? imaps : plain;
        using (var seed = RawImapClient.Connect(from, user))
            SampleMailbox.Seed(seed, SampleMailbox.Generated().Take(3), from.Options.Separator);
        using var shell = new OmmShell();
        var variables = new Dictionary<string, object?>
        {
            ["source"] = side == "Source" ? imaps.Address : plain.Address,
            ["destination"] = side == "Source" ? plain.Address : imaps.Address,
            ["sourceSecurity"] = side == "Source" ? "Tls" : "None",
            ["destinationSecurity"] = side == "Source" ? "None" : "Tls",
            ["user"] = user,
            ["password"] = Password,
            ["statePath"] = Path.Combine(directory, "omm.db"),
        };

        var refused = shell.Run(Migrate, variables);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("MigrationFailed,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        var migration = refused.Single();
        Assert.Equal("Failed", migration.Text("Status"));
        Assert.Equal(
            $"Migration {migration.Text("Id")} failed: The certificate of the {side.ToLowerInvariant()} server {imaps.Address} is not trusted " +
            "(subject 'CN=localhost', issued by 'CN=localhost'): it was not issued for this host name; its chain does not validate (UntrustedRoot). " +
            "If you trust this server, add -SkipCertificateCheck.",
            error.ErrorDetails.Message);
        Assert.Equal(0, MailboxSnapshot.Read(side == "Source" ? plain : imaps, user).Count);

        var accepted = shell.Run(Migrate + " -SkipCertificateCheck", variables);

        accepted.AssertNoErrors();
        Assert.Equal("Completed", accepted.Single().Text("Status"));
        Assert.Equal(3, MailboxSnapshot.Read(side == "Source" ? plain : imaps, user).Count);
    }
}
