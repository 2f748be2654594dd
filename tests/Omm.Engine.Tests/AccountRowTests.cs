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
            SourceServer = "imap.old.example:143", SourceSecurity = ConnectionSecurity.StartTls,
            DestinationServer = "imap.new.example", DestinationPassword = "Admin-2", Project = "acme",
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
    [InlineData("Source Login/Mail", "", "Row 2 of accounts.csv, column 'Source Login/Mail': the source login is missing.")]
    [InlineData("Source Password", "", "Row 2 of accounts.csv, column 'Source Password': the source password is empty.")]
    [InlineData("Source Type(IMAP/Exchange/POP)", "Lotus", "Row 2 of accounts.csv, column 'Source Type(IMAP/Exchange/POP)': 'Lotus' is not a server type (IMAP, DAV, POP or Exchange).")]
    [InlineData("Destination Type", "Exchange", "Row 2 of accounts.csv, column 'Destination Type': destination type 'Exchange' is not supported yet; Omm migrates IMAP and CalDAV/CardDAV accounts for now.")]
    [InlineData("Destination Url(can be leaved empty if hosted by OVH)", "https://ex3.mail.ovh.net/ews/exchange.asmx", "Row 2 of accounts.csv, column 'Destination Url(can be leaved empty if hosted by OVH)': 'https://ex3.mail.ovh.net/ews/exchange.asmx' is a https address (an Exchange Web Services URL?); an IMAP destination server is host or host:port.")]
    [InlineData("Destination Url(can be leaved empty if hosted by OVH)", "", "Row 2 of accounts.csv, column 'Destination Url(can be leaved empty if hosted by OVH)': the destination server is missing (give it in the row or with -DestinationServer; automatic detection of OVH servers is not available).")]
    [InlineData("Source admin mail (delegation)", "admin@old.example", "Row 2 of accounts.csv, column 'Source admin mail (delegation)': delegation (an administrator mailbox) is not supported yet; leave this column empty.")]
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

    [Fact]
    public void A_file_that_is_not_an_accounts_list_says_so()
    {
        var path = Write("broken.xlsx", "this is not a zip archive");
        var error = Assert.Throws<AccountFileException>(() => AccountFileReader.Read(path));
        Assert.StartsWith($"'{path}' cannot be read as an accounts list", error.Message);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
