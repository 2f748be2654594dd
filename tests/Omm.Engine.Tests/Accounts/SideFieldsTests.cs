using Omm.Engine.Accounts;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Tests.Accounts;

/// <summary>One side of an account row, read with its own fields and defaults.</summary>
public sealed class SideFieldsTests
{
    [Fact]
    public void Each_side_reads_its_own_columns_of_every_template()
    {
        Assert.Equal(new[] { "SourceType", "SourceServer", "SourceLogin", "SourcePassword", "SourceSecurity", "SourceAdmin", "SourceDavUrl", "SourceAccessToken" },
            SideFields.Source.All.Select(f => f.Name));
        Assert.All(SideFields.Destination.All, f => Assert.StartsWith("Destination", f.Name));
        Assert.Equal(SideFields.Source.All.Concat(SideFields.Destination.All).Concat(new[] { AccountField.Project, AccountField.MaxMessagesPerSecond, AccountField.MaxBytesPerSecond }),
            AccountField.All);
        Assert.Contains("Source Login/Mail", SideFields.Source.Login.Columns);
        Assert.Contains("EmailAddress", SideFields.Destination.Login.Columns);
    }

    [Fact]
    public void A_side_is_parsed_alone_from_its_cells_else_its_defaults()
    {
        var row = Row(("Source Type(IMAP/Exchange/POP)", "POP"), ("Source Server url", "pop3s://pop.old.example"), ("Source Login/Mail", "ann"),
            ("DestinationServer", "imap.new.example"), ("DestinationLogin", "bob"));
        var defaults = new SideDefaults { Password = "pw", Server = "ignored.example", Options = Pop3Options.Of("Old mail", markAsRead: true) };

        var source = AccountRowParser.ParseSide(row, SideFields.Source, defaults, skipCertificateCheck: true);

        Assert.Equal((EndpointRole.Source, ServerType.Pop3, "pop.old.example:995", ConnectionSecurity.Tls, "ann", "pw", true),
            (source.Role, source.Type, source.Server, source.Security, source.Account, source.Credential.Password, source.SkipCertificateCheck));
        Assert.Equal("Old mail", Pop3Options.FolderOf(source));

        var imap = AccountRowParser.ParseSide(Row(("SourceLogin", "ann")), SideFields.Source, defaults, false);
        Assert.Equal((ServerType.Imap, "ignored.example:993", 0), (imap.Type, imap.Server, imap.Options.Count));

        var e = Assert.Throws<AccountRowException>(() => AccountRowParser.ParseSide(row, SideFields.Destination, new SideDefaults(), false));
        Assert.Equal(SideFields.Destination.Password, e.Field);
    }

    private static AccountRow Row(params (string Column, string Value)[] cells) =>
        new(2, "accounts.csv", cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Value)));
}
