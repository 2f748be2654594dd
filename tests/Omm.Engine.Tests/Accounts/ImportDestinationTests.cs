using System.Net;
using Omm.Engine.Accounts;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Tests.Accounts;

/// <summary>Import-OmmFile's destination: the command line's side, read as a New-OmmMigration row's destination.</summary>
public sealed class ImportDestinationTests
{
    [Fact]
    public void A_dav_url_alone_is_a_dav_account_and_with_a_server_an_imap_one()
    {
        var davAlone = ImportDestination.Parse(new SideDefaults { DavUrl = "https://dav.new.example/dav/", Login = "ann", Password = "pw" }, false);
        Assert.Equal((ServerType.Dav, "https://dav.new.example/dav/", "ann", "pw"),
            (davAlone.Type, davAlone.DavUrl?.AbsoluteUri, davAlone.Account, davAlone.Credential.Password));

        var both = ImportDestination.Parse(new SideDefaults { Server = "imaps://imap.new.example", DavUrl = "https://dav.new.example/", Login = "ann", Password = "pw" }, true);
        Assert.Equal((EndpointRole.Destination, ServerType.Imap, "imap.new.example:993", ConnectionSecurity.Tls, true),
            (both.Role, both.Type, both.Server, both.Security, both.SkipCertificateCheck));
    }

    [Fact]
    public void A_type_given_is_kept_and_its_server_required_as_for_a_migration()
    {
        var given = new SideDefaults { Type = ServerType.Imap, DavUrl = "https://dav.new.example/", Login = "ann", Password = "pw" };

        var e = Assert.Throws<AccountRowException>(() => ImportDestination.Parse(given, false));

        Assert.Equal(SideFields.Destination.Server, e.Field);
        Assert.True(e.Row.IsCommandLine);
        Assert.Equal(e.Problem, Assert.Throws<AccountRowException>(() =>
            AccountRowParser.ParseSide(AccountRow.CommandLine(), SideFields.Destination, given, false)).Problem);
        Assert.Null(given.Server);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("https://ews.new.example/EWS/Exchange.asmx")]
    public void A_bad_server_is_the_same_error_as_a_migrations(string server)
    {
        var given = new SideDefaults { Server = server, Login = "ann", Password = "pw" };

        var e = Assert.Throws<AccountRowException>(() => ImportDestination.Parse(given, false));
        var migrations = Assert.Throws<AccountRowException>(() =>
            AccountRowParser.Parse(AccountRow.CommandLine(), new AccountDefaults { Source = new SideDefaults { Server = "imap.old.example", Login = "ann", Password = "pw" }, Destination = given }, false));

        Assert.Equal((SideFields.Destination.Server, migrations.Problem), (e.Field, e.Problem));
    }

    [Fact]
    public void The_login_and_password_win_over_the_credential_as_for_a_migration()
    {
        var credential = new NetworkCredential("cred", "cred-pw");

        var destination = ImportDestination.Parse(new SideDefaults { Server = "imap.new.example", Credential = credential, Password = "pw" }, false);
        Assert.Equal(("cred", "pw"), (destination.Account, destination.Credential.Password));

        var e = Assert.Throws<AccountRowException>(() => ImportDestination.Parse(new SideDefaults { Server = "imap.new.example", Login = "ann" }, false));
        Assert.Equal(SideFields.Destination.Password, e.Field);
    }
}
