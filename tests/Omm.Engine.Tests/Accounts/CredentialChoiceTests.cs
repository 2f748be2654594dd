using System.Net;
using Omm.Engine.Accounts;

namespace Omm.Engine.Tests.Accounts;

/// <summary>Which login and password log in to a side, from a row's cells, the parameters and the project.</summary>
public sealed class CredentialChoiceTests
{
    private static readonly SideDefaults Nothing = new();

    [Fact]
    public void A_new_migrations_row_cells_win_then_login_and_password_then_the_credential()
    {
        var credential = new SideDefaults { Credential = new NetworkCredential("cred", "cred-pw") };
        var everything = new SideDefaults { Credential = credential.Credential, Login = "param", Password = "param-pw" };
        var row = Row(("SourceLogin", "cell"), ("SourcePassword", "cell-pw"));
        var empty = Row(("SourceLogin", ""), ("SourcePassword", ""));

        Assert.Equal("cell", CredentialChoice.Login(row, SideFields.Source, everything));
        Assert.Equal("param", CredentialChoice.Login(empty, SideFields.Source, everything));
        Assert.Equal("cred", CredentialChoice.Login(empty, SideFields.Source, credential));
        Assert.Null(CredentialChoice.Login(empty, SideFields.Source, Nothing));
        Assert.Null(CredentialChoice.Login(row, SideFields.Destination, Nothing));

        Assert.Equal(("ann", "cell-pw"), Pair(CredentialChoice.RowFirst(row, SideFields.Source, everything, "ann")));
        Assert.Equal(("ann", "param-pw"), Pair(CredentialChoice.RowFirst(empty, SideFields.Source, everything, "ann")));
        Assert.Equal(("ann", "cred-pw"), Pair(CredentialChoice.RowFirst(empty, SideFields.Source, credential, "ann")));
        Assert.Null(CredentialChoice.RowFirst(empty, SideFields.Source, new SideDefaults { Login = "param" }, "ann"));
    }

    [Fact]
    public void A_recorded_sides_parameters_win_then_a_piped_rows_cells_then_the_project()
    {
        var row = Row(("DestinationLogin", "cell"), ("DestinationPassword", "cell-pw"));
        var passwordOnlyRow = Row(("DestinationPassword", "cell-pw"));
        NetworkCredential Stored() => new("stored", "stored-pw");

        Assert.Equal(("cred", "cred-pw"), Pair(CredentialChoice.ParametersFirst(
            new SideDefaults { Credential = new NetworkCredential("cred", "cred-pw"), Login = "param", Password = "param-pw" }, "ann", row, SideFields.Destination, Stored)));
        Assert.Equal(("param", "param-pw"), Pair(CredentialChoice.ParametersFirst(
            new SideDefaults { Login = "param", Password = "param-pw" }, "ann", row, SideFields.Destination, Stored)));
        Assert.Equal(("ann", "param-pw"), Pair(CredentialChoice.ParametersFirst(new SideDefaults { Password = "param-pw" }, "ann", row, SideFields.Destination, Stored)));
        Assert.Equal(("cell", "cell-pw"), Pair(CredentialChoice.ParametersFirst(new SideDefaults { Login = "param" }, "ann", row, SideFields.Destination, Stored)));
        Assert.Equal(("ann", "cell-pw"), Pair(CredentialChoice.ParametersFirst(Nothing, "ann", passwordOnlyRow, SideFields.Destination, Stored)));
        Assert.Equal(("stored", "stored-pw"), Pair(CredentialChoice.ParametersFirst(Nothing, "ann", row, SideFields.Source, Stored)));
        Assert.Null(CredentialChoice.ParametersFirst(Nothing, "ann", null, SideFields.Destination, () => null));
    }

    [Fact]
    public void A_side_given_on_the_command_line_alone_needs_the_credential_or_login_and_password()
    {
        Assert.Equal(("param", "param-pw"), Pair(CredentialChoice.ParametersFirst(new SideDefaults { Login = "param", Password = "param-pw" }, null, null, SideFields.Destination)));
        Assert.Null(CredentialChoice.ParametersFirst(new SideDefaults { Password = "param-pw" }, null, null, SideFields.Destination));
        Assert.Null(CredentialChoice.ParametersFirst(new SideDefaults { Login = "param" }, null, null, SideFields.Destination));
    }

    private static (string, string)? Pair(NetworkCredential? credential) => credential == null ? null : (credential.UserName, credential.Password);

    private static AccountRow Row(params (string Column, string Value)[] cells) =>
        new(1, "test.csv", cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Value)));
}
