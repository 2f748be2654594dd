using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// No password, in clear or base64, reaches any output an admin, a log or a transcript sees (every stream with verbose,
/// debug and information on, error records to their inner exceptions and target objects, output objects with all
/// their properties, $Error, notification mails) or the state file (the database, its -wal and -shm): with wrong
/// passwords, successful runs, projects that store credentials, DAV accounts and file imports.
/// </summary>
public sealed class NoSecretInOutputTests(MailServers servers) : ShellTests("omm-secrets-"), IClassFixture<MailServers>
{
    private const string WrongPassword = "Wr0ng-Guess-4d7c";
    private const string ProjectPassword = "Proj-Vault-6e2b";
    private const string SmtpPassword = "Smtp-Relay-1a8f";

    // -Debug alone would make warnings (and verbose lines without -Verbose) ask "Continue with this operation?", which this host cannot.
    private const string Chatty = " -Verbose -Debug -WarningAction Continue";

    private const string Migrate = Scripts.NewMigration + Chatty;

    private readonly LeakScan scan = new();

    [Fact]
    public void Wrong_and_right_passwords_leave_no_trace_in_streams_errors_objects_or_the_state_file()
    {
        servers.Seed("sid", SampleMailbox.Generated().Take(3));

        var wrongSource = scan.Run(Shell, Migrate, Variables("sid", new() { ["sourcePassword"] = WrongPassword }));
        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(wrongSource.Errors).CategoryInfo.Category);
        var wrongDestination = scan.Run(Shell, Migrate, Variables("sid", new() { ["destinationPassword"] = WrongPassword }));
        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(wrongDestination.Errors).CategoryInfo.Category);

        var done = scan.Run(Shell, Migrate, Variables("sid"));
        done.AssertNoErrors();
        Assert.Equal("Completed", done.Single().Text("Status"));
        Assert.NotEmpty(done.Verbose);
        var id = done.Single().Text("Id");

        var wrongSync = scan.Run(Shell, Scripts.Sync + Chatty, Variables("sid", new() { ["id"] = id, ["sourcePassword"] = WrongPassword }));
        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(wrongSync.Errors).CategoryInfo.Category);
        var sync = scan.Run(Shell, Scripts.Sync + Chatty, Variables("sid", new() { ["id"] = id }));
        sync.AssertNoErrors();
        var wrongRemoval = scan.Run(Shell, "Remove-OmmMigratedItem -Id $id -DestinationPassword $destinationPassword -Force -StatePath $statePath" + Chatty,
            Variables("sid", new() { ["id"] = id, ["destinationPassword"] = WrongPassword }));
        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(wrongRemoval.Errors).CategoryInfo.Category);
        // The runs that failed at the login copied nothing: the next run took their migration up again.
        Assert.Equal(new[] { id, id }, new[] { wrongSource.Single().Text("Id"), wrongDestination.Single().Text("Id") });
        Assert.Equal(id, Assert.Single(scan.Run(Shell, "Get-OmmMigration -StatePath $statePath" + Chatty, Variables("sid")).Output).Text("Id"));

        AssertNoSecrets(MailServers.SourcePassword, MailServers.DestinationPassword, WrongPassword);
    }

    [Fact]
    public void A_project_with_stored_credentials_and_notification_mails_leaves_no_trace()
    {
        servers.Seed("tess", SampleMailbox.Generated().Take(2));
        servers.Seed("tom", SampleMailbox.Generated().Take(2));
        using var smtp = SmtpSink.Start(acceptAnyLogin: true);
        var headers = new[] { "SourceServer", "SourceLogin", "SourcePassword", "SourceSecurity", "DestinationServer", "DestinationLogin", "DestinationPassword", "DestinationSecurity" };
        var rows = new[]
        {
            OmmShell.CsvRow(headers, new[] { servers.Source.Address, "tess", MailServers.SourcePassword, "None", servers.Destination.Address, "tess", MailServers.DestinationPassword, "None" }),
            OmmShell.CsvRow(headers, new[] { servers.Source.Address, "tom", WrongPassword, "None", servers.Destination.Address, "tom", MailServers.DestinationPassword, "None" }),
            OmmShell.CsvRow(headers, new[] { servers.Source.Address, "ted", MailServers.SourcePassword, "Sometimes", servers.Destination.Address, "ted", MailServers.DestinationPassword, "None" }),
        };
        var variables = Variables("tess", new()
        {
            ["projectPassword"] = ProjectPassword,
            ["smtp"] = smtp.Address,
            ["smtpCredential"] = new PSCredential("relay@acme.example", Secure(SmtpPassword)),
        });

        var created = scan.Run(Shell, @"$input | New-OmmMigration -Project vault -ProjectPassword $projectPassword -NotificationEmail admin@acme.example `
            -SmtpServer $smtp -SmtpSecurity None -SmtpCredential $smtpCredential -StatePath $statePath" + Chatty, variables, rows);

        Assert.Equal(new[] { "Completed", "Failed" }, created.Output.Select(m => m.Text("Status")).OrderBy(s => s));
        Assert.Equal(new[] { "InvalidAccountRow", "MigrationFailed" }, created.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(s => s));
        Assert.Empty(created.Warnings);

        var resumed = scan.Run(Shell, "Sync-OmmMigration -Project vault -ProjectPassword $projectPassword -StatePath $statePath" + Chatty, variables);
        Assert.Equal(2, resumed.Output.Count);
        var wrongProjectPassword = scan.Run(Shell, "Sync-OmmMigration -Project vault -ProjectPassword $wrong -StatePath $statePath" + Chatty,
            Variables("tess", new() { ["wrong"] = WrongPassword }));
        Assert.Equal("ProjectPasswordWrong", wrongProjectPassword.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        var unknownRow = scan.Run(Shell, "$input | Sync-OmmMigration -Project vault -StatePath $statePath" + Chatty, variables,
            new[] { OmmShell.CsvRow(headers, new[] { servers.Source.Address, "nobody", MailServers.SourcePassword, "None", servers.Destination.Address, "nobody", MailServers.DestinationPassword, "None" }) });
        Assert.Equal("MigrationNotFound", unknownRow.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        scan.Run(Shell, "Get-OmmProject vault -StatePath $statePath" + Chatty + "; Get-OmmMigration -Project vault -StatePath $statePath", variables);

        // Start and end of the batch, start and end of each migration.
        var mails = smtp.WaitFor(_ => true, 6, TimeSpan.FromSeconds(20));
        Assert.True(mails.Count >= 6, $"{mails.Count} notification mails");
        foreach (var mail in mails)
            scan.AddText("a notification mail", mail);

        AssertNoSecrets(MailServers.SourcePassword, MailServers.DestinationPassword, WrongPassword, ProjectPassword, SmtpPassword);
    }

    [Fact]
    public void Dav_accounts_and_file_imports_leave_no_trace()
    {
        using var radicale = RadicaleServer.Start("uma", "una");
        var vcf = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "gmail-list.vcf");
        var mbox = Path.Combine(RepositoryPaths.SharedFixtures, "mbox", "simple.mbox");
        var variables = Variables("uma", new() { ["dav"] = radicale.Url.AbsoluteUri, ["davPassword"] = RadicaleServer.SharedPassword, ["wrong"] = WrongPassword, ["vcf"] = vcf, ["mbox"] = mbox });
        const string ImportIntoDav = "Import-OmmFile -Path $vcf -DestinationDavUrl $dav -DestinationLogin uma -DestinationPassword {0} -StatePath $statePath" + Chatty;
        const string DavToDav = @"New-OmmMigration -SourceType Dav -SourceDavUrl $dav -SourceLogin uma -SourcePassword {0} `
            -DestinationType Dav -DestinationDavUrl $dav -DestinationLogin una -DestinationPassword $davPassword -StatePath $statePath" + Chatty;
        const string ImportMbox = @"Import-OmmFile -Path $mbox -DestinationServer $destination -DestinationLogin uma -DestinationPassword {0} `
            -DestinationSecurity None -StatePath $statePath" + Chatty;

        foreach (var script in new[] { ImportIntoDav, DavToDav, ImportMbox })
        {
            var refused = scan.Run(Shell, string.Format(script, "$wrong"), variables);
            Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(refused.Errors).CategoryInfo.Category);
            var done = scan.Run(Shell, string.Format(script, script == ImportMbox ? "$destinationPassword" : "$davPassword"), variables);
            done.AssertNoErrors();
            Assert.Equal("Completed", done.Single().Text("Status"));
        }

        AssertNoSecrets(RadicaleServer.SharedPassword, MailServers.DestinationPassword, WrongPassword);
    }

    private void AssertNoSecrets(params string[] secrets)
    {
        scan.AddErrorVariable(Shell);
        scan.AddFiles(StateDirectory, "omm.db*");
        Assert.Contains(Directory.GetFiles(StateDirectory), f => f.EndsWith("omm.db-wal", StringComparison.Ordinal));
        scan.AssertNoneOf(secrets);
    }

    private Dictionary<string, object?> Variables(string user, Dictionary<string, object?>? overrides = null) =>
        Scripts.Variables(servers, user, StatePath, overrides);

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
            secure.AppendChar(c);
        return secure;
    }
}
