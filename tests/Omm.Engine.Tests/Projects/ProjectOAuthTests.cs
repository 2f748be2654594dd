using System.Text;
using Microsoft.Data.Sqlite;
using Omm.Engine.Accounts;
using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;
using Omm.Engine.Projects;
using Omm.Engine.State;

namespace Omm.Engine.Tests.Projects;

/// <summary>
/// A project keeps the OAuth2 app a side was given (its options, its secret sealed with the project password), so that rows
/// added later give only addresses; the secret is never in clear in the state file.
/// </summary>
public sealed class ProjectOAuthTests : IDisposable
{
    private const string ClientSecret = "Xq8~client.secret-0123456789abcdef";
    private const string ProjectPassword = "project pässword";

    private static readonly EndpointOptions App = OAuthSettings.ForMicrosoftApp("contoso.onmicrosoft.com", "11111111-2222-3333-4444-555555555555", ClientSecret)
        .ApplyTo(null);

    private readonly string directory = Directory.CreateTempSubdirectory("omm-project-oauth-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private string StatePath => Path.Combine(directory, "omm.db");

    private static SideDefaults AppGiven() => new SideDefaults { OAuth = App, OAuthSecret = ClientSecret };

    private static AccountRow Row(params (string Column, string Value)[] extra)
    {
        var cells = new List<KeyValuePair<string, string?>>
        {
            new("SourceServer", "outlook.office365.com"), new("SourceLogin", "ann@old.example"),
            new("DestinationServer", "imap.new.example"), new("DestinationLogin", "ann@new.example"), new("DestinationPassword", "pw2"),
        };
        foreach (var (column, value) in extra)
        {
            cells.RemoveAll(c => c.Key == column);
            cells.Add(new KeyValuePair<string, string?>(column, value));
        }

        return new AccountRow(1, "the input", cells);
    }

    [Fact]
    public void The_store_keeps_a_project_s_OAuth_options_and_sealed_secret_per_side()
    {
        var store = new StateStore(StatePath);
        store.SaveProjectSettings(ProjectSettings.New("Acme"));

        store.SaveProjectOAuth("Acme", EndpointRole.Source, App, new byte[] { 1, 2, 3 });
        store.SaveProjectOAuth("acme", EndpointRole.Destination, EndpointOptions.None.With(OAuthOptionNames.Provider, "Google"), null);

        var reopened = new StateStore(StatePath);
        var source = reopened.GetProjectOAuth("ACME", EndpointRole.Source)!.Value;
        Assert.Equal(App.Select(o => (o.Key, o.Value)), source.Options.Select(o => (o.Key, o.Value)));
        Assert.Equal(new byte[] { 1, 2, 3 }, source.SealedSecret);
        var destination = reopened.GetProjectOAuth("Acme", EndpointRole.Destination)!.Value;
        Assert.Equal("Google", destination.Options[OAuthOptionNames.Provider]);
        Assert.Null(destination.SealedSecret);
        Assert.Null(reopened.GetProjectOAuth("other", EndpointRole.Source));

        reopened.SaveProjectOAuth("Acme", EndpointRole.Source, EndpointOptions.None.With(OAuthOptionNames.Provider, "Token"), null);
        Assert.Equal(("Token", null), reopened.GetProjectOAuth("Acme", EndpointRole.Source) is { } replaced
            ? (replaced.Options[OAuthOptionNames.Provider], replaced.SealedSecret) : default);
        var project = reopened.GetProject("acme")!;
        Assert.Equal("Token", project.SourceOAuth);
        Assert.Equal("Google", project.DestinationOAuth);
    }

    [Fact]
    public void An_app_given_with_a_project_password_is_kept_sealed_and_opened_by_a_later_session_with_that_password_only()
    {
        var store = new StateStore(StatePath);
        using (var first = ProjectSession.Open(store, "acme", new ProjectOptions(), ProjectPassword))
            Assert.True(first.StoreOAuth(EndpointRole.Source, AppGiven()));

        var project = store.GetProject("acme")!;
        Assert.Equal("Microsoft365 App, client 11111111-2222-3333-4444-555555555555, tenant contoso.onmicrosoft.com, secret sealed", project.SourceOAuth);
        Assert.Null(project.DestinationOAuth);
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(StatePath).Concat(File.Exists(StatePath + "-wal") ? File.ReadAllBytes(StatePath + "-wal") : Array.Empty<byte>()).ToArray();
        foreach (var trace in new[] { ClientSecret, Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientSecret)) })
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(trace)) < 0, $"'{trace}' is in the state file.");

        var side = new SideDefaults();
        using (var later = ProjectSession.Open(store, "acme", new ProjectOptions(), ProjectPassword, setUpKey: false))
            later.ApplyStoredOAuth(EndpointRole.Source, side);
        Assert.Equal(App.Select(o => (o.Key, o.Value)), side.ProjectOAuth.Select(o => (o.Key, o.Value)));
        Assert.Equal((ClientSecret, null), (side.ProjectOAuthSecret, side.ProjectOAuthRefusal));

        var destination = new SideDefaults();
        using (var later = ProjectSession.Open(store, "acme", new ProjectOptions(), ProjectPassword, setUpKey: false))
            later.ApplyStoredOAuth(EndpointRole.Destination, destination);
        Assert.Equal(0, destination.ProjectOAuth.Count);

        var locked = new SideDefaults();
        using (var without = ProjectSession.Open(store, "acme", new ProjectOptions(), null))
            without.ApplyStoredOAuth(EndpointRole.Source, locked);
        Assert.Null(locked.ProjectOAuthSecret);
        Assert.Contains("-ProjectPassword", locked.ProjectOAuthRefusal);

        Assert.Throws<ProjectPasswordException>(() => ProjectSession.Open(store, "acme", new ProjectOptions(), "wrong password"));
    }

    [Fact]
    public void Without_a_project_password_an_app_with_a_secret_is_not_kept_but_a_certificate_thumbprint_is()
    {
        var store = new StateStore(StatePath);
        var thumbprint = OAuthSettings.ForMicrosoftAppCertificate("contoso.onmicrosoft.com", "11111111-2222-3333-4444-555555555555",
            "0123456789ABCDEF0123456789ABCDEF01234567").ApplyTo(null);
        using (var session = ProjectSession.Open(store, "acme", new ProjectOptions(), null))
        {
            Assert.False(session.StoreOAuth(EndpointRole.Source, AppGiven()));
            Assert.True(session.StoreOAuth(EndpointRole.Destination, new SideDefaults { OAuth = thumbprint, OAuthSecret = string.Empty }));
        }

        Assert.Null(store.GetProjectOAuth("acme", EndpointRole.Source));
        var side = new SideDefaults();
        using (var later = ProjectSession.Open(store, "acme", new ProjectOptions(), null))
            later.ApplyStoredOAuth(EndpointRole.Destination, side);
        Assert.Equal(("0123456789ABCDEF0123456789ABCDEF01234567", null, null),
            (side.ProjectOAuth[OAuthOptionNames.Certificate], side.ProjectOAuthSecret, side.ProjectOAuthRefusal));
    }

    [Fact]
    public void A_device_code_sign_in_is_one_user_s_and_is_not_kept()
    {
        var store = new StateStore(StatePath);
        var deviceCode = OAuthSettings.ForMicrosoftDeviceCode("11111111-2222-3333-4444-555555555555", refreshToken: "refresh-token-of-ann");
        using (var session = ProjectSession.Open(store, "acme", new ProjectOptions(), ProjectPassword))
            Assert.True(session.StoreOAuth(EndpointRole.Source, new SideDefaults { OAuth = deviceCode.ApplyTo(null), OAuthSecret = deviceCode.Secret }));

        Assert.Null(store.GetProjectOAuth("acme", EndpointRole.Source));
    }

    [Fact]
    public void A_row_with_addresses_alone_signs_in_with_the_project_s_app_while_a_row_s_token_or_password_wins()
    {
        var defaults = new AccountDefaults { Source = new SideDefaults { ProjectOAuth = App, ProjectOAuthSecret = ClientSecret } };

        var spec = AccountRowParser.Parse(Row(), defaults, false);
        Assert.Equal(("Microsoft365", "contoso.onmicrosoft.com", ClientSecret),
            (spec.Source.Options[OAuthOptionNames.Provider], spec.Source.Options[OAuthOptionNames.Tenant], spec.Source.Credential.Password));
        Assert.Null(spec.Destination.Options[OAuthOptionNames.Provider]);

        var token = AccountRowParser.Parse(Row(("SourceAccessToken", "ya29.row-token")), defaults, false);
        Assert.Equal(("Token", "ya29.row-token"), (token.Source.Options[OAuthOptionNames.Provider], token.Source.Credential.Password));

        var password = AccountRowParser.Parse(Row(("SourceServer", "imap.old.example"), ("SourcePassword", "pw1")), defaults, false);
        Assert.Equal((null, "pw1"), (password.Source.Options[OAuthOptionNames.Provider], password.Source.Credential.Password));
    }

    [Fact]
    public void A_row_with_addresses_alone_is_refused_naming_the_project_password_when_the_kept_secret_cannot_be_opened()
    {
        var defaults = new AccountDefaults
        {
            Source = new SideDefaults { ProjectOAuth = App, ProjectOAuthRefusal = "project 'acme' keeps the source's OAuth2 secret sealed: give -ProjectPassword to open it." },
        };

        var refused = Assert.Throws<AccountRowException>(() => AccountRowParser.Parse(Row(), defaults, false));

        Assert.Contains("-ProjectPassword", refused.Message);
        Assert.DoesNotContain("password is empty", refused.Message);
    }
}
