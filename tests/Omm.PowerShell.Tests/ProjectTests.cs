using System.Management.Automation;
using System.Text;
using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.PowerShell.Tests;

/// <summary>Project mode against a real Dovecot pair: many accounts from OVH's and Exchange Online's templates, throttled, paused, resumed, notified.</summary>
public sealed class ProjectTests(MailServers servers, ITestOutputHelper output) : ShellTests("omm-project-"), IClassFixture<MailServers>
{
    private const int Accounts = 20;
    // Enough that a running migration is still copying when the pause (polled every second) reaches it.
    private const int Messages = 4000;
    private const string Plaintext = "-SourceSecurity None -DestinationSecurity None";
    private const string ProjectPassword = "Pr0ject-Passphrase-93";

    public static IEnumerable<object[]> Formats() => new[] { new object[] { "ovh-pipeline" }, new object[] { "exchange-online-csv" }, new object[] { "ovh-xlsx" } };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Twenty_accounts_run_four_at_a_time_and_all_complete(string format)
    {
        var users = Enumerable.Range(0, Accounts).Select(i => $"{format}-{i}").ToList();
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
            servers.Seed(user, SyncStopRemoveTests.Mail("INBOX", i * 10, 3 + i % 3).Concat(SyncStopRemoveTests.Mail("Work", i * 10 + 5, 2)));

        var result = RunProject(format, users, throttle: 4, project: format);

        result.AssertNoErrors();
        Assert.Equal(Accounts, result.Output.Count);
        Assert.All(result.Output, m => Assert.Equal("Completed", m.Text("Status")));
        Assert.All(result.Output, m => Assert.Equal(format, m.Text("Project")));
        foreach (var migration in result.Output)
        {
            var user = migration.Text("SourceAccount")!;
            var expected = 5 + users.IndexOf(user) % 3;
            var mail = migration.Items("Progress")[0];
            Assert.Equal((expected, expected), (mail.Get<long>("ToMigrate"), mail.Get<long>("Migrated")));
            Assert.Equal(expected, MailboxSnapshot.Read(servers.Destination, user).Count);
        }

        var atOnce = int.Parse(result.Verbose.Single(l => l.StartsWith("At most ")).Split(' ')[2]);
        output.WriteLine($"{format}: at most {atOnce} at once");
        Assert.InRange(atOnce, 2, 4);
        // The project's bar counts the migrations running as they start, not only when one ends.
        var batch = result.Progress.Where(p => p.ActivityId == 1).Select(p => p.StatusDescription).ToList();
        Assert.True(batch.Any(d => System.Text.RegularExpressions.Regex.IsMatch(d, @"^0 of \d+ migrations ended, [1-9]\d* running")),
            "The batch bar said: " + string.Join(" | ", batch));
        var project = Shell.Run("Get-OmmProject $name -StatePath $statePath", new Dictionary<string, object?> { ["name"] = format, ["statePath"] = StatePath }).Single();
        Assert.Equal(Accounts, project.Get<int>("Migrations"));
        Assert.Equal(4, project.Get<int>("ThrottleLimit"));
        Assert.True(project.Get<long>("BytesMigrated") > 0);
    }

    [Fact]
    public void A_bad_row_and_a_wrong_password_fail_alone_while_the_others_complete()
    {
        var users = Enumerable.Range(0, 5).Select(i => $"mixed-{i}").ToList();
        foreach (var user in users)
            servers.Seed(user, SyncStopRemoveTests.Mail("INBOX", 0, 2));
        var rows = users.Select(u => OvhRow(u)).ToList();
        rows[1][3] = "wrong-password";
        rows[3][2] = string.Empty;

        var result = Shell.Run("$input | New-OmmMigration -Project mixed " + Plaintext + " -StatePath $statePath", Variables(),
            rows.Select(r => (object)OmmShell.CsvRow(AccountTemplates.Ovh, r)));

        Assert.Equal(4, result.Output.Count);
        var failed = Assert.Single(result.Output, m => m.Text("Status") == "Failed");
        Assert.Equal("mixed-1", failed.Text("SourceAccount"));
        Assert.Contains("rejected the login of 'mixed-1'", failed.Text("FailureReason"));
        Assert.Equal(3, result.Output.Count(m => m.Text("Status") == "Completed"));
        Assert.Equal(2, result.Errors.Count);
        var badRow = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidAccountRow,"));
        Assert.Equal("Row 4 of the input, column 'Source Login/Mail': the source login is missing.", badRow.Exception.Message);
        Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("MigrationFailed,") && e.CategoryInfo.Category == ErrorCategory.AuthenticationError);
    }

    [Fact]
    public void A_project_pauses_and_resumes_unattended_with_its_password_and_notifies()
    {
        using var smtp = SmtpSink.Start();
        var users = Enumerable.Range(0, 6).Select(i => $"pause-{i}").ToList();
        foreach (var user in users)
            servers.Seed(user, SyncStopRemoveTests.Mail("INBOX", 0, Messages));
        var rows = users.Select(u => (object)OmmShell.CsvRow(AccountTemplates.Ovh, OvhRow(u))).ToList();
        var variables = Variables(new Dictionary<string, object?> { ["smtp"] = smtp.Address, ["projectPassword"] = ProjectPassword });

        using var running = Shell.Create("$input | New-OmmMigration -Project pause -ThrottleLimit 2 -ProjectPassword $projectPassword " + Plaintext +
            " -NotificationEmail admin@acme.example -SmtpServer $smtp -SmtpSecurity None -StatePath $statePath", variables);
        var inputs = new PSDataCollection<object>(rows);
        inputs.Complete();
        var invocation = running.BeginInvoke(inputs);
        using var other = new OmmShell();
        WaitUntil(() => other.Run("Get-OmmMigration -Project pause -StatePath $statePath -Status Running", variables).Output
            .Any(m => m.Items("Progress").Count == 1 && m.Items("Progress")[0].Get<long>("Migrated") > 20));

        var paused = other.Run("Stop-OmmMigration -Project pause -StatePath $statePath -PassThru", variables);
        paused.AssertNoErrors();
        var ended = running.EndInvoke(invocation);

        // A running migration may finish before the pause reaches it; none may still run or wait, one at
        // least stopped mid-way, and those still waiting for a slot never started.
        Assert.Equal(6, ended.Count);
        Assert.All(paused.Output, m => Assert.Contains(m.Text("Status"), new[] { "Stopped", "Completed" }));
        Assert.Contains(paused.Output, m => m.Text("Status") == "Stopped" && m.Items("Progress").Count == 1
            && m.Items("Progress")[0].Get<long>("Migrated") is > 0 and < Messages);
        Assert.True(paused.Output.Count(m => m.Text("Status") == "Stopped" && m.Items("Progress").Count == 0) >= 2,
            "migrations waiting for a slot when the project was paused must not start");

        var wrong = other.Run("Sync-OmmMigration -Project pause -ProjectPassword 'not it' -StatePath $statePath", variables);
        Assert.Empty(wrong.Output);
        Assert.Equal("ProjectPasswordWrong,Omm.PowerShell.Commands.SyncOmmMigrationCommand", Assert.Single(wrong.Errors).FullyQualifiedErrorId);

        var resumed = other.Run("Sync-OmmMigration -Project pause -ProjectPassword $projectPassword -StatePath $statePath", variables);

        resumed.AssertNoErrors();
        Assert.Equal(6, resumed.Output.Count);
        Assert.All(resumed.Output, m => Assert.Equal("Completed", m.Text("Status")));
        foreach (var user in users)
            Assert.Equal(Messages, MailboxSnapshot.Read(servers.Destination, user).Count);

        var secrets = new[] { MailServers.SourcePassword, MailServers.DestinationPassword, ProjectPassword };
        foreach (var file in Directory.GetFiles(StateDirectory, "omm.db*"))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a password");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a password (UTF-16)");
            }
        }

        var completedMails = smtp.WaitFor(m => m.Contains("Subject: [Omm] Migration") && m.Contains(" completed: ") && m.Contains($"Mail: {Messages} migrated of {Messages}, 0 in error"),
            6, TimeSpan.FromSeconds(20));
        Assert.True(completedMails.Count >= 6, $"{completedMails.Count} completion mails");
        Assert.Contains(smtp.Messages(), m => m.Contains("Subject: [Omm] Project pause started") && m.Contains("To: admin@acme.example"));
        Assert.Contains(smtp.Messages(), m => m.Contains("Subject: [Omm] Project pause finished") && m.Contains("Stopped: "));
        Assert.True(smtp.Messages().Count(m => m.Contains("Subject: [Omm] Migration") && m.Contains(" started: ")) >= 6);
    }

    [Fact]
    public void Project_options_persist_and_apply_to_migrations_added_later()
    {
        foreach (var user in new[] { "later-1", "later-2" })
            servers.Seed(user, SyncStopRemoveTests.Mail("INBOX", 0, 2).Concat(SyncStopRemoveTests.Mail("Junk", 10, 3)).Concat(SyncStopRemoveTests.Mail("Work/Old", 20, 1)));

        var first = Shell.Run("$input | New-OmmMigration -Project later -ThrottleLimit 3 -ExcludeFolder 'Junk', 'Work/*' " + Plaintext + " -StatePath $statePath",
            Variables(), new[] { (object)OmmShell.CsvRow(AccountTemplates.Ovh, OvhRow("later-1")) });
        var second = Shell.Run("$input | New-OmmMigration -Project later " + Plaintext + " -StatePath $statePath",
            Variables(), new[] { (object)OmmShell.CsvRow(AccountTemplates.Ovh, OvhRow("later-2")) });

        first.AssertNoErrors();
        second.AssertNoErrors();
        foreach (var migration in first.Output.Concat(second.Output))
        {
            Assert.Equal("Completed", migration.Text("Status"));
            Assert.Equal(new[] { "Junk", "Work/*" }, migration.Items("ExcludeFolder").Select(p => p.ToString()));
            Assert.Equal(2, migration.Items("Progress")[0].Get<long>("Migrated"));
        }

        var copied = MailboxSnapshot.Read(servers.Destination, "later-2");
        Assert.Equal(2, copied.Count);
        Assert.Empty(copied.In("Junk E-mail"));
        Assert.Null(copied.Folder("Work.Old"));
        var project = Shell.Run("Get-OmmProject later -StatePath $statePath", Variables()).Single();
        Assert.Equal((3, 2), (project.Get<int>("ThrottleLimit"), project.Get<int>("Migrations")));
        Assert.False(project.Get<bool>("CredentialsStored"));
    }

    [Fact]
    public void A_failed_migration_is_notified_with_its_reason()
    {
        using var smtp = SmtpSink.Start();
        servers.Seed("notify-1", SyncStopRemoveTests.Mail("INBOX", 0, 1));

        var result = Shell.Run(Scripts.NewMigration + " -NotificationEmail ops@acme.example -NotificationFrom omm@acme.example -SmtpServer $smtp -SmtpSecurity None",
            Scripts.Variables(servers, "notify-1", StatePath, new Dictionary<string, object?> { ["smtp"] = smtp.Address, ["sourcePassword"] = "nope" }));

        Assert.Equal("Failed", result.Single().Text("Status"));
        var mail = Assert.Single(smtp.WaitFor(m => m.Contains(" failed: notify-1 to notify-1"), 1, TimeSpan.FromSeconds(20)));
        Assert.Contains("From: omm@acme.example", mail);
        Assert.Contains("Why:         The source server", mail);
    }

    private ScriptResult RunProject(string format, IReadOnlyList<string> users, int throttle, string project)
    {
        var variables = Variables(new Dictionary<string, object?> { ["project"] = project, ["throttle"] = throttle });
        switch (format)
        {
            case "ovh-pipeline":
                return Shell.Run("$input | New-OmmMigration -Project $project -ThrottleLimit $throttle " + Plaintext + " -StatePath $statePath -Verbose", variables,
                    users.Select(u => (object)OmmShell.CsvRow(AccountTemplates.Ovh, OvhRow(u))));
            case "exchange-online-csv":
                var csv = Path.Combine(StateDirectory, "exchange-online.csv");
                File.WriteAllText(csv, AccountTemplates.Csv(new[] { (IReadOnlyList<string>)AccountTemplates.ExchangeOnline }
                    .Concat(users.Select(u => new[] { u, u, MailServers.SourcePassword })), ','));
                variables["file"] = csv;
                return Shell.Run(@"New-OmmMigration -InputFile $file -SourceServer $source -SourceSecurity None -DestinationServer $destination `
                    -DestinationSecurity None -DestinationPassword $destinationPassword -Project $project -ThrottleLimit $throttle -StatePath $statePath -Verbose", variables);
            default:
                var xlsx = Path.Combine(StateDirectory, "accounts.xlsx");
                XlsxWriter.Write(xlsx, new[] { (IReadOnlyList<string>)AccountTemplates.Ovh }.Concat(users.Select(u => (IReadOnlyList<string>)OvhRow(u))).ToList());
                variables["file"] = xlsx;
                return Shell.Run("New-OmmMigration -InputFile $file -Project $project -ThrottleLimit $throttle " + Plaintext + " -StatePath $statePath -Verbose", variables);
        }
    }

    /// <summary>A row of OVH's template (the template has no security column: the loopback test servers get -SourceSecurity None on the command line).</summary>
    private string[] OvhRow(string user) => new[]
    {
        "IMAP", servers.Source.Address, user, MailServers.SourcePassword, "IMAP", servers.Destination.Address, user,
        MailServers.DestinationPassword, string.Empty, string.Empty,
    };

    private Dictionary<string, object?> Variables(Dictionary<string, object?>? extra = null)
    {
        var variables = Scripts.Variables(servers, "unused", StatePath, extra);
        return variables;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition was not met in time.");
            Thread.Sleep(50);
        }
    }
}
