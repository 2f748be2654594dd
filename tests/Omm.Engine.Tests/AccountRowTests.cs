using Omm.Engine.Accounts;
using Omm.TestServers;

namespace Omm.Engine.Tests;

public sealed class AccountRowTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-rows-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Reads_the_shipped_ovh_templates_in_csv_and_xlsx()
    {
        var templates = Path.Combine(RepositoryPaths.Root, "module", "templates");
        foreach (var file in new[] { "ovh-template.csv", "ovh-template.xlsx" })
        {
            var row = Assert.Single(AccountFileReader.Read(Path.Combine(templates, file)));
            var spec = AccountRowParser.Parse(row, new AccountDefaults(), skipCertificateCheck: false);
            Assert.Equal(("myimap.server.com:993", "mywonderfulmail@myserver.com", "My_password"), (spec.Source.Server, spec.Source.Account, spec.Source.Credential.Password));
            Assert.Equal(("imap.mydomain.ovh:993", "mygreatmailaddress@mydomain.ovh", "My_password2"), (spec.Destination.Server, spec.Destination.Account, spec.Destination.Credential.Password));
        }
    }

    [Fact]
    public void Exchange_online_rows_take_servers_and_the_destination_password_from_the_command_line()
    {
        var path = Write("eo.csv", AccountTemplates.Csv(new[] { AccountTemplates.ExchangeOnline, new[] { "ann@new.example", "ann@old.example", "Old-1" } }, ','));
        var row = Assert.Single(AccountFileReader.Read(path));

        var spec = AccountRowParser.Parse(row, new AccountDefaults
        {
            Source = new SideDefaults { Server = "imap.old.example:143", Security = ConnectionSecurity.StartTls },
            Destination = new SideDefaults { Server = "imap.new.example", Password = "Admin-2" },
            Project = "acme",
        }, skipCertificateCheck: false);

        Assert.Equal(("imap.old.example:143", ConnectionSecurity.StartTls, "ann@old.example", "Old-1"),
            (spec.Source.Server, spec.Source.Security, spec.Source.Account, spec.Source.Credential.Password));
        Assert.Equal(("imap.new.example:993", "ann@new.example", "Admin-2"), (spec.Destination.Server, spec.Destination.Account, spec.Destination.Credential.Password));
        Assert.Equal("acme", spec.Project);
    }

    [Fact]
    public void Delimiter_is_detected_and_quoted_cells_survive()
    {
        var path = Write("comma.csv", "SourceServer,SourceLogin,SourcePassword,DestinationServer,DestinationLogin,DestinationPassword\r\n" +
                                      "imaps://a.example,\"smith, j\",\"pa;ss\"\"word\",b.example:10993,j@b.example,x\r\n\r\n");
        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(path)), new AccountDefaults(), false);
        Assert.Equal(("a.example:993", ConnectionSecurity.Tls, "smith, j", "pa;ss\"word"),
            (spec.Source.Server, spec.Source.Security, spec.Source.Account, spec.Source.Credential.Password));
        Assert.Equal("b.example:10993", spec.Destination.Server);
    }

    [Theory]
    [InlineData("https://ex3.mail.ovh.net/ews/exchange.asmx", "https://ex3.mail.ovh.net/ews/exchange.asmx")]
    [InlineData("ex3.mail.ovh.net", "https://ex3.mail.ovh.net/EWS/Exchange.asmx")]
    [InlineData("https://mail.example.com", "https://mail.example.com/EWS/Exchange.asmx")]
    [InlineData("mail.example.com:8443", "https://mail.example.com:8443/EWS/Exchange.asmx")]
    public void An_exchange_row_of_the_OVH_template_gives_the_EWS_URL(string cell, string url)
    {
        var row = new[] { "IMAP", "myimap.server.com", "me@myserver.com", "pw1", "Exchange", cell, "me@mydomain.ovh", "pw2", "", "" };
        var path = Write("accounts.csv", AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, row }, ';'));

        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(path)), new AccountDefaults(), false);

        Assert.Equal((ServerType.Exchange, url, "me@mydomain.ovh", "pw2"),
            (spec.Destination.Type, spec.Destination.EwsUrl!.ToString(), spec.Destination.Account, spec.Destination.Credential.Password));
        Assert.Equal(url, spec.Destination.Server);
        Assert.Equal(ServerType.Imap, spec.Source.Type);
    }

    [Fact]
    public void An_exchange_row_with_an_admin_mail_logs_in_as_the_admin_for_the_mailbox()
    {
        var row = new[] { "Exchange", "ex.old.example", "zoe@old.example", "admin-pw", "Exchange", "ex3.mail.ovh.net", "zoe@new.example", "pw2", "admin@old.example", "" };
        var path = Write("accounts.csv", AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, row }, ';'));

        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(path)), new AccountDefaults(), false);

        Assert.Equal(("zoe@old.example", "admin-pw", "admin@old.example"),
            (spec.Source.Account, spec.Source.Credential.Password, Omm.Engine.Connectors.Ews.ExchangeOptions.AdminOf(spec.Source)));
        Assert.Null(Omm.Engine.Connectors.Ews.ExchangeOptions.AdminOf(spec.Destination));
    }

    [Theory]
    [InlineData("Source Login/Mail", "", "Line 3 of accounts.csv, column 'Source Login/Mail': the source login is missing.")]
    [InlineData("Source Password", "", "Line 3 of accounts.csv, column 'Source Password': the source password is empty.")]
    [InlineData("Source Type(IMAP/Exchange/POP)", "Lotus", "Line 3 of accounts.csv, column 'Source Type(IMAP/Exchange/POP)': 'Lotus' is not a server type (IMAP, DAV, POP or Exchange).")]
    [InlineData("Destination Type", "POP", "Line 3 of accounts.csv, column 'Destination Type': a POP3 account cannot be a destination: Omm copies into IMAP, Exchange and CalDAV/CardDAV accounts.")]
    [InlineData("Destination Url(can be leaved empty if hosted by OVH)", "https://ex3.mail.ovh.net/ews/exchange.asmx", "Line 3 of accounts.csv, column 'Destination Url(can be leaved empty if hosted by OVH)': 'https://ex3.mail.ovh.net/ews/exchange.asmx' is a https address (an Exchange Web Services URL?); an IMAP destination server is host or host:port.")]
    [InlineData("Source Server url", "", "Line 3 of accounts.csv, column 'Source Server url': the source server is missing (give it in the row or with -SourceServer, or -SourceType Ovh for an account hosted by OVH).")]
    [InlineData("Source admin mail (delegation)", "admin@old.example", "Line 3 of accounts.csv, column 'Source admin mail (delegation)': delegation (an administrator who logs in for the mailbox) needs an Exchange source; this one is Imap. Leave the column empty.")]
    public void A_bad_row_names_its_row_and_column(string column, string value, string message)
    {
        var good = new[] { "IMAP", "old.example", "a@old.example", "pw1", "IMAP", "new.example", "a@new.example", "pw2", "", "" };
        var bad = (string[])good.Clone();
        bad[Array.IndexOf(AccountTemplates.Ovh, column)] = value;
        var path = Write("accounts.csv", AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, good, bad }, ';'));
        var rows = AccountFileReader.Read(path);

        AccountRowParser.Parse(rows[0], new AccountDefaults(), false);
        var error = Assert.Throws<AccountRowException>(() => AccountRowParser.Parse(rows[1], new AccountDefaults(), false));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("POP", "pop.old.example", 995, ConnectionSecurity.Auto)]
    [InlineData("pop3", "pop.old.example:110", 110, ConnectionSecurity.Auto)]
    [InlineData("POP3", "pop3://pop.old.example", 110, ConnectionSecurity.StartTls)]
    [InlineData("POP", "pop3s://pop.old.example", 995, ConnectionSecurity.Tls)]
    public void A_pop_row_is_a_pop3_source_with_the_command_line_options(string type, string server, int port, ConnectionSecurity security)
    {
        var row = new[] { type, server, "a@old.example", "pw1", "IMAP", "new.example", "a@new.example", "pw2", "", "" };
        var path = Write("accounts.csv", AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, row }, ';'));
        var defaults = new AccountDefaults { Source = new SideDefaults { Options = Omm.Engine.Connectors.Pop3.Pop3Options.Of("Old mail", markAsRead: false) } };

        var spec = AccountRowParser.Parse(AccountFileReader.Read(path)[0], defaults, false);

        Assert.Equal((ServerType.Pop3, "pop.old.example:" + port, security), (spec.Source.Type, spec.Source.Server, spec.Source.Security));
        Assert.Equal(("Old mail", false), (Omm.Engine.Connectors.Pop3.Pop3Options.FolderOf(spec.Source), Omm.Engine.Connectors.Pop3.Pop3Options.MarksAsRead(spec.Source)));
        Assert.Equal(new[] { ItemType.Mail }, Omm.Engine.Migrations.ItemSupport.Between(spec.Source, spec.Destination));
    }

    [Fact]
    public void Rows_are_numbered_as_a_spreadsheet_shows_them_counting_the_header_as_one()
    {
        var good = new[] { "IMAP", "old.example", "a@old.example", "pw1", "IMAP", "new.example", "a@new.example", "pw2", "", "" };
        var noPassword = new[] { "IMAP", "old.example", "b@old.example", "", "IMAP", "new.example", "b@new.example", "pw2", "", "" };
        var empty = new string[10];
        Array.Fill(empty, "");
        var rows = new IReadOnlyList<string>[] { AccountTemplates.Ovh, good, empty, good, noPassword };
        var csv = Write("accounts.csv", AccountTemplates.Csv(rows, ';'));
        var xlsx = Path.Combine(directory, "accounts.xlsx");
        XlsxWriter.Write(xlsx, rows);

        foreach (var (path, expected) in new[] { (csv, "Line 5 of accounts.csv"), (xlsx, "Row 5 of accounts.xlsx") })
        {
            var read = AccountFileReader.Read(path);
            Assert.Equal(new[] { 2, 4, 5 }, read.Select(r => r.Number));
            var error = Assert.Throws<AccountRowException>(() => AccountRowParser.Parse(read[2], new AccountDefaults(), false));
            Assert.Equal($"{expected}, column 'Source Password': the source password is empty.", error.Message);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "logo.png", "'logo.png' is not a CSV or Excel file: it is a PNG image.")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "accounts.csv", "'accounts.csv' is not a CSV or Excel file: it is a PDF document.")]
    [InlineData(new byte[] { 0x21, 0x42, 0x44, 0x4E, 0x0E, 0x4D, 0x00, 0x00 }, "accounts.csv", "'accounts.csv' is not a CSV or Excel file: it is an Outlook data file (PST), which Import-OmmFile imports.")]
    [InlineData(new byte[] { 0x41, 0x42, 0x00, 0x01, 0x02, 0x03 }, "accounts.dat", "'accounts.dat' is not a CSV or Excel file: it is binary data, not text (a NUL byte at offset 2).")]
    public void A_binary_file_is_named_for_what_it_is(byte[] content, string name, string message)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<AccountFileException>(() => AccountFileReader.Read(path));

        Assert.Equal(AccountFileProblem.NotAnAccountsList, error.Problem);
        Assert.Equal(message + " Give a CSV file (';' or ',' between columns) or an .xlsx workbook.", error.Message);
    }

    [Fact]
    public void A_zip_archive_that_is_not_a_workbook_says_so_and_a_workbook_named_csv_is_read()
    {
        var zip = Path.Combine(directory, "accounts.xlsx");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open()))
            writer.Write("not a workbook");
        var error = Assert.Throws<AccountFileException>(() => AccountFileReader.Read(zip));
        Assert.Equal(AccountFileProblem.NotAnAccountsList, error.Problem);
        Assert.StartsWith("'accounts.xlsx' is not a CSV or Excel file: it is a ZIP archive, not an Excel workbook (.xlsx) (", error.Message);

        var workbook = Path.Combine(directory, "saved-as.csv");
        XlsxWriter.Write(workbook, new IReadOnlyList<string>[] { AccountTemplates.ExchangeOnline, new[] { "ann@new.example", "ann@old.example", "Old-1" } });
        var row = Assert.Single(AccountFileReader.Read(workbook));
        Assert.Equal("Row 2 of saved-as.csv", row.Describe());
    }

    [Fact]
    public void Headers_that_match_no_layout_are_one_error_naming_them_and_the_layouts()
    {
        var path = Write("users.csv", "Login,Pass,Server\r\nann,pw,imap.old.example\r\nbob,pw,imap.old.example\r\n");

        var error = Assert.Throws<AccountFileException>(() => AccountFileReader.Read(path));

        Assert.Equal(AccountFileProblem.UnknownColumns, error.Problem);
        Assert.StartsWith("'users.csv' is not an accounts list: none of its columns is one Omm reads (found: 'Login', 'Pass', 'Server'). " +
                          "Expected the columns of OVH Mail Migrator's template ('Source Type(IMAP/Exchange/POP)', 'Source Server url', ", error.Message);
        Assert.Contains("Exchange Online's IMAP CSV ('EmailAddress', 'UserName', 'Password'), or New-OmmMigration's parameter names ('SourceType', 'SourceServer', ", error.Message);
        Assert.EndsWith("The first line (or row) must be the header line; templates are in the module folder, templates/.", error.Message);
    }

    [Fact]
    public void The_delimiter_is_the_one_that_gives_known_columns_and_tabs_are_read_too()
    {
        // More commas than semicolons in the header line, but only ';' splits it into columns Omm reads.
        var semicolons = Write("semi.csv", "SourceServer;SourceLogin;SourcePassword;DestinationServer;DestinationLogin;DestinationPassword;\"Note, with, commas, here\"\r\n" +
                                           "a.example;ann;p,w;b.example;ann@b.example;x;n\r\n");
        var tabs = Write("tabs.txt", "EmailAddress\tUserName\tPassword\r\nann@new.example\tann@old.example\tOld-1\r\n");

        Assert.Equal("p,w", AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(semicolons)), new AccountDefaults(), false).Source.Credential.Password);
        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(tabs)),
            new AccountDefaults { Source = new SideDefaults { Server = "a.example" }, Destination = new SideDefaults { Server = "b.example", Password = "y" } }, false);
        Assert.Equal(("ann@old.example", "Old-1", "ann@new.example"), (spec.Source.Account, spec.Source.Credential.Password, spec.Destination.Account));
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("utf-16")]
    [InlineData("utf-8")]
    public void Accented_logins_and_passwords_arrive_as_typed_whatever_the_encoding(string encoding)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var text = "SourceServer;SourceLogin;SourcePassword;DestinationServer;DestinationLogin;DestinationPassword\r\n" +
                   "a.example;müller;Pässwörd-é;b.example;muller@b.example;Zürich\r\n";
        var path = Path.Combine(directory, "accents.csv");
        var target = System.Text.Encoding.GetEncoding(encoding);
        File.WriteAllBytes(path, target.GetPreamble().Concat(target.GetBytes(text)).ToArray());

        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(path)), new AccountDefaults(), false);

        Assert.Equal(("müller", "Pässwörd-é", "Zürich"), (spec.Source.Account, spec.Source.Credential.Password, spec.Destination.Credential.Password));
    }

    [Fact]
    public void A_header_line_alone_gives_no_rows_and_an_empty_file_says_it_is_empty()
    {
        Assert.Empty(AccountFileReader.Read(Write("header.csv", string.Join(";", AccountTemplates.Ovh) + "\r\n\r\n")));

        var error = Assert.Throws<AccountFileException>(() => AccountFileReader.Read(Write("empty.csv", "")));
        Assert.Equal(AccountFileProblem.NoHeader, error.Problem);
        Assert.StartsWith("'empty.csv' is empty: its first line must be the header line of an accounts list (OVH Mail Migrator's template", error.Message);
    }

    [Fact]
    public void Rows_split_at_the_wrong_delimiter_are_recognised_by_the_column_names_inside()
    {
        var whole = string.Join(";", AccountTemplates.Ovh);

        Assert.Equal(';', AccountLayouts.DelimiterInside(new[] { whole }));
        Assert.Equal(',', AccountLayouts.DelimiterInside(new[] { "EmailAddress,UserName,Password" }));
        Assert.Null(AccountLayouts.DelimiterInside(new[] { "Login;Pass" }));
        Assert.Equal($"the column '{whole}' holds ';' between names of columns Omm reads: the file was read with the wrong delimiter. Read it with Import-Csv -Delimiter ';'.",
            AccountLayouts.UnknownColumnsProblem(new[] { whole }, piped: true));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
