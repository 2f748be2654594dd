using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A source and destination account that already have a migration do not get a second one without being asked
/// (-Force): the rows for them are errors pointing to Sync-OmmMigration, and the other rows go on.
/// </summary>
public sealed class ExistingMigrationTests(MailServers servers) : ShellTests("omm-existing-"), IClassFixture<MailServers>
{
    private const string Plaintext = "-SourceSecurity None -DestinationSecurity None";
    private const string ExistsId = "MigrationExists,Omm.PowerShell.Commands.NewOmmMigrationCommand";

    [Fact]
    public void The_same_csv_piped_again_creates_and_copies_nothing_for_its_accounts_while_new_rows_go_on()
    {
        servers.Seed("again-1", SyncStopRemoveTests.Mail("INBOX", 0, 5));
        servers.Seed("again-2", SyncStopRemoveTests.Mail("INBOX", 10, 5));
        servers.Seed("again-3", SyncStopRemoveTests.Mail("INBOX", 20, 4));
        const string script = "$input | New-OmmMigration -Project acme " + Plaintext + " -StatePath $statePath";
        var first = Shell.Run(script, Variables(), Rows("again-1", "again-2"));
        first.AssertNoErrors();
        var ids = first.Output.ToDictionary(m => m.Text("SourceAccount")!, m => m.Text("Id")!);

        var second = Shell.Run(script, Variables(), Rows("again-1", "again-2", "again-3"));

        var created = Assert.Single(second.Output);
        Assert.Equal(("again-3", "Completed"), (created.Text("SourceAccount"), created.Text("Status")));
        Assert.Equal(2, second.Errors.Count);
        foreach (var (error, user, row) in second.Errors.Zip(new[] { ("again-1", 1), ("again-2", 2) }, (e, u) => (e, u.Item1, u.Item2)))
        {
            Assert.Equal(ExistsId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal($"Row {row} of the input: {user} to {user} already has migration {ids[user]} (Completed, project acme). " +
                         $"Use Sync-OmmMigration {ids[user]} to copy what is new, or -Force to create another migration.", error.Exception.Message);
            var target = PSObject.AsPSObject(error.TargetObject);
            Assert.Equal((user, "(hidden)", "(hidden)"), (target.Text("Source Login/Mail"), target.Text("Source Password"), target.Text("Destination Password")));
        }

        Assert.Equal((5, 5, 4), (Count("again-1"), Count("again-2"), Count("again-3")));
        Assert.Equal(3, Shell.Run("Get-OmmMigration -StatePath $statePath", Variables()).Output.Count);

        // Where the error points: the same rows bring what is new since.
        servers.Seed("again-1", SyncStopRemoveTests.Mail("INBOX", 100, 2));
        var synced = Shell.Run("$input | Sync-OmmMigration -Project acme -StatePath $statePath", Variables(), Rows("again-1"));
        synced.AssertNoErrors();
        Assert.Equal((ids["again-1"], "Completed"), (synced.Single().Text("Id"), synced.Single().Text("Status")));
        Assert.Equal(7, Count("again-1"));
    }

    [Fact]
    public void On_the_command_line_the_logins_match_in_any_case_and_force_creates_another_with_a_warning()
    {
        servers.Seed("force-1", SyncStopRemoveTests.Mail("INBOX", 0, 3));
        var first = Shell.Run(Scripts.NewMigration, Scripts.Variables(servers, "force-1", StatePath)).Single();

        var refused = Shell.Run(Scripts.NewMigration + " -Project other", Scripts.Variables(servers, "FORCE-1", StatePath));

        Assert.Empty(refused.Output);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(ExistsId, error.FullyQualifiedErrorId);
        Assert.Equal($"force-1 to force-1 already has migration {first.Text("Id")} (Completed, no project). " +
                     $"Use Sync-OmmMigration {first.Text("Id")} to copy what is new, or -Force to create another migration.", error.Exception.Message);
        Assert.Equal(first.Text("Id"), PSObject.AsPSObject(error.TargetObject).Text("Id"));
        Assert.Equal(3, Count("force-1"));

        var forced = Shell.Run(Scripts.NewMigration + " -Force", Scripts.Variables(servers, "force-1", StatePath));

        forced.AssertNoErrors();
        var second = forced.Single();
        Assert.NotEqual(first.Text("Id"), second.Text("Id"));
        Assert.Equal("Completed", second.Text("Status"));
        Assert.Equal($"force-1 to force-1 already has migration {first.Text("Id")} (Completed, no project); -Force creates another one, which copies Mail again.",
            Assert.Single(forced.Warnings));
        Assert.Equal(6, Count("force-1"));
    }

    [Fact]
    public void Input_file_rows_for_accounts_that_have_a_migration_name_their_line()
    {
        foreach (var user in new[] { "file-1", "file-2" })
            servers.Seed(user, SyncStopRemoveTests.Mail("INBOX", 0, 2));
        var csv = Path.Combine(StateDirectory, "eo.csv");
        File.WriteAllText(csv, AccountTemplates.Csv(new[] { (IReadOnlyList<string>)AccountTemplates.ExchangeOnline }
            .Concat(new[] { "file-1", "file-2" }.Select(u => new[] { u, u, MailServers.SourcePassword })), ','));
        var variables = Variables(new Dictionary<string, object?> { ["file"] = csv });
        const string script = @"New-OmmMigration -InputFile $file -SourceServer $source -DestinationServer $destination -DestinationPassword $destinationPassword `
            -Project eo -SourceSecurity None -DestinationSecurity None -StatePath $statePath";
        var first = Shell.Run(script, variables);
        first.AssertNoErrors();

        var second = Shell.Run(script, variables);

        Assert.Empty(second.Output);
        Assert.Equal(new[] { "Line 2 of eo.csv: file-1 to file-1", "Line 3 of eo.csv: file-2 to file-2" },
            second.Errors.Select(e => e.Exception.Message[..e.Exception.Message.IndexOf(" already", StringComparison.Ordinal)]));
        Assert.All(second.Errors, e => Assert.Equal(ExistsId, e.FullyQualifiedErrorId));
        var target = PSObject.AsPSObject(second.Errors[1].TargetObject);
        Assert.Equal(("file-2", "(hidden)", 3), (target.Text("EmailAddress"), target.Text("Password"), target.Get<int>("RowNumber")));
        Assert.Equal((2, 2), (Count("file-1"), Count("file-2")));
    }

    [Fact]
    public void A_migration_that_failed_at_the_login_is_taken_up_by_the_corrected_row_and_one_row_twice_runs_once()
    {
        servers.Seed("retry-1", SyncStopRemoveTests.Mail("INBOX", 0, 3));
        servers.Seed("twice-1", SyncStopRemoveTests.Mail("INBOX", 0, 2));
        const string script = "$input | New-OmmMigration -Project acme " + Plaintext + " -StatePath $statePath -Verbose";
        var wrong = (PSObject)Rows("retry-1").Single();
        wrong.Properties["Source Password"].Value = "not-the-password";
        var failed = Shell.Run(script, Variables(), new object[] { wrong }).Single();
        Assert.Equal("Failed", failed.Text("Status"));

        var corrected = Shell.Run(script, Variables(), Rows("retry-1", "twice-1", "twice-1"));

        Assert.Equal(2, corrected.Output.Count);
        var retried = corrected.Output.Single(m => m.Text("SourceAccount") == "retry-1");
        Assert.Equal((failed.Text("Id"), "Completed", 2), (retried.Text("Id"), retried.Text("Status"), retried.Get<int>("SyncPoint")));
        Assert.Contains($"Migration {failed.Text("Id")} (retry-1 to retry-1, Failed) copied nothing: it runs again with the settings given now, rather than a second migration.",
            corrected.Verbose);
        var twice = corrected.Output.Single(m => m.Text("SourceAccount") == "twice-1");
        var error = Assert.Single(corrected.Errors);
        Assert.StartsWith($"Row 3 of the input: twice-1 to twice-1 already has migration {twice.Text("Id")} (", error.Exception.Message);
        Assert.Equal((3, 2), (Count("retry-1"), Count("twice-1")));
        Assert.Equal(2, Shell.Run("Get-OmmMigration -StatePath $statePath", Variables()).Output.Count);
    }

    private int Count(string user) => MailboxSnapshot.Read(servers.Destination, user).Count;

    private IEnumerable<object> Rows(params string[] users) => users.Select(u => (object)OmmShell.CsvRow(AccountTemplates.Ovh, new[]
    {
        "IMAP", servers.Source.Address, u, MailServers.SourcePassword, "IMAP", servers.Destination.Address, u,
        MailServers.DestinationPassword, string.Empty, string.Empty,
    }));

    private Dictionary<string, object?> Variables(Dictionary<string, object?>? extra = null) => Scripts.Variables(servers, "unused", StatePath, extra);
}
