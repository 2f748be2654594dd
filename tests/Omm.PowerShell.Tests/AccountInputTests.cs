using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>Account lists that are not what New-OmmMigration reads: each problem said once, plainly, with the line it is on.</summary>
public sealed class AccountInputTests(MailServers servers) : ShellTests("omm-input-"), IClassFixture<MailServers>
{
    private const string FromFile = "New-OmmMigration -InputFile $file -SourceSecurity None -DestinationSecurity None -StatePath $statePath";

    [Fact]
    public void A_binary_file_is_an_error_saying_what_it_is()
    {
        var png = Path.Combine(StateDirectory, "logo.png");
        File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 });

        var result = Shell.Run(FromFile, Variables(png));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InputFileNotAccountsList,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("'logo.png' is not a CSV or Excel file: it is a PNG image. Give a CSV file (';' or ',' between columns) or an .xlsx workbook.", error.Exception.Message);
        Assert.Empty(Shell.Run("Get-OmmMigration -StatePath $statePath", Variables(png)).Output);
    }

    [Fact]
    public void Wrong_headers_are_one_error_naming_those_found_and_those_expected()
    {
        var csv = Path.Combine(StateDirectory, "users.csv");
        File.WriteAllText(csv, "Login;Pass;Server\r\nann;pw;imap.old.example\r\nbob;pw;imap.old.example\r\ncid;pw;imap.old.example\r\n");

        var result = Shell.Run(FromFile, Variables(csv));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnknownAccountColumns,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("'users.csv' is not an accounts list: none of its columns is one Omm reads (found: 'Login', 'Pass', 'Server'). " +
                          "Expected the columns of OVH Mail Migrator's template ('Source Type(IMAP/Exchange/POP)', ", error.Exception.Message);
        Assert.Contains("Exchange Online's IMAP CSV ('EmailAddress', 'UserName', 'Password')", error.Exception.Message);
    }

    [Fact]
    public void Rows_read_with_the_wrong_delimiter_are_said_once_with_the_delimiter_to_give()
    {
        // Import-Csv without -Delimiter ';' on OVH's template: one property named after the whole header line.
        var header = string.Join(";", AccountTemplates.Ovh);
        var rows = Enumerable.Range(1, 3).Select(i => (object)OmmShell.CsvRow(new[] { header },
            new[] { $"IMAP;{servers.Source.Address};user{i};{MailServers.SourcePassword};IMAP;{servers.Destination.Address};user{i};{MailServers.DestinationPassword};;" })).ToList();

        var result = Shell.Run("$input | New-OmmMigration -StatePath $statePath -Verbose", Variables(null), rows);

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnknownAccountColumns,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"Row 1 of the input is not an account row: the column '{header}' holds ';' between names of columns Omm reads: " +
                     "the file was read with the wrong delimiter. Read it with Import-Csv -Delimiter ';'. No row with these columns is migrated.", error.Exception.Message);
        Assert.Contains("3 rows piped in were left out for the columns named in the error above.", result.Verbose);
        Assert.DoesNotContain(MailServers.SourcePassword, PSObject.AsPSObject(error.TargetObject).Properties.Single().Value.ToString());
    }

    [Fact]
    public void A_header_line_alone_and_an_empty_pipeline_are_warnings()
    {
        var csv = Path.Combine(StateDirectory, "header.csv");
        File.WriteAllText(csv, string.Join(";", AccountTemplates.Ovh) + "\r\n");

        var file = Shell.Run(FromFile, Variables(csv));
        var piped = Shell.Run("$input | New-OmmMigration -StatePath $statePath", Variables(null), Array.Empty<object>());

        file.AssertNoErrors();
        Assert.Empty(file.Output);
        Assert.Equal($"'{csv}' has a header line but no account rows: no migration was created.", Assert.Single(file.Warnings));
        piped.AssertNoErrors();
        Assert.Equal("No account rows came through the pipeline, so no migration was created (Import-Csv of a file with a header line alone gives none).",
            Assert.Single(piped.Warnings));
    }

    [Fact]
    public void A_bad_row_names_its_line_hides_the_passwords_and_the_other_rows_go_on()
    {
        servers.Seed("line-1", SyncStopRemoveTests.Mail("INBOX", 0, 2));
        var good = new[] { "IMAP", servers.Source.Address, "line-1", MailServers.SourcePassword, "IMAP", servers.Destination.Address, "line-1", MailServers.DestinationPassword, "", "" };
        var noPassword = new[] { "IMAP", servers.Source.Address, "line-2", "", "IMAP", servers.Destination.Address, "line-2", MailServers.DestinationPassword, "", "" };
        var csv = Path.Combine(StateDirectory, "accounts.csv");
        File.WriteAllText(csv, AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, good, Enumerable.Repeat(string.Empty, 10).ToArray(), noPassword }, ';'));

        var result = Shell.Run(FromFile, Variables(csv));

        Assert.Equal(("line-1", "Completed"), (result.Single().Text("SourceAccount"), result.Single().Text("Status")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidAccountRow,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Line 4 of accounts.csv, column 'Source Password': the source password is empty.", error.Exception.Message);
        var target = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal(("line-2", "(hidden)", 4, "accounts.csv"),
            (target.Text("Source Login/Mail"), target.Text("Destination Password"), target.Get<int>("RowNumber"), target.Text("Origin")));
    }

    private Dictionary<string, object?> Variables(string? file) =>
        Scripts.Variables(servers, "unused", StatePath, new Dictionary<string, object?> { ["file"] = file });
}
