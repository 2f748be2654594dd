using Omm.Engine.Endpoints;
using Omm.Engine.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>Reading a side's OAuth options and secret, the errors that name what is missing, and writing them back.</summary>
public sealed class OAuthSettingsTests
{
    private static EndpointOptions With(params (string Name, string Value)[] values) =>
        values.Aggregate(EndpointOptions.None, (options, v) => options.With(v.Name, v.Value));

    [Theory]
    [InlineData(null, "client", OAuthOptionNames.Tenant)]
    [InlineData("contoso.com", null, OAuthOptionNames.ClientId)]
    public void MicrosoftAppNamesTheMissingOption(string? tenant, string? clientId, string missing)
    {
        var options = EndpointOptions.None.With(OAuthOptionNames.Provider, "Microsoft365").With(OAuthOptionNames.Flow, "App")
            .With(OAuthOptionNames.Tenant, tenant).With(OAuthOptionNames.ClientId, clientId);

        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(options, "s3cret", "anna@contoso.com"));

        Assert.Contains(missing, failure.Message);
        Assert.DoesNotContain("s3cret", failure.Message);
    }

    [Fact]
    public void MicrosoftAppNeedsASecretOrACertificate()
    {
        var options = With((OAuthOptionNames.Provider, "Microsoft365"), (OAuthOptionNames.Tenant, "contoso.com"), (OAuthOptionNames.ClientId, "app"));

        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(options, string.Empty, "anna@contoso.com", "source"));

        Assert.Contains(OAuthOptionNames.Certificate, failure.Message);
        Assert.Contains("source side (anna@contoso.com)", failure.Message);
    }

    [Theory]
    [InlineData("Facebook", OAuthOptionNames.Provider)]
    [InlineData("1", OAuthOptionNames.Provider)]
    public void UnknownProviderIsNamed(string provider, string option)
    {
        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(With((OAuthOptionNames.Provider, provider)), "x", "a@b"));
        Assert.Contains(option, failure.Message);
        Assert.Contains(provider, failure.Message);
    }

    [Fact]
    public void UnknownFlowIsNamed()
    {
        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(With((OAuthOptionNames.Provider, "Google"), (OAuthOptionNames.Flow, "Password")), "x", "a@b"));
        Assert.Contains(OAuthOptionNames.Flow, failure.Message);
    }

    [Fact]
    public void TokenNeedsTheTokenAsSecret()
    {
        Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(With((OAuthOptionNames.Provider, "Token")), string.Empty, "a@b"));
        var settings = OAuthSettings.Parse(With((OAuthOptionNames.Provider, "token")), "tok-1", "a@b");
        Assert.Equal(TokenOrigin.Token, settings.Provider);
        Assert.False(settings.CanRefresh);
        Assert.Null(settings.TokenUrl);
        Assert.Equal("tok-1", settings.Secret);
    }

    [Fact]
    public void PlainHttpIssuerIsRefusedUnlessOnThisMachine()
    {
        var options = With((OAuthOptionNames.Provider, "Microsoft365"), (OAuthOptionNames.Tenant, "t"), (OAuthOptionNames.ClientId, "c"));

        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(options.With(OAuthOptionNames.Authority, "http://login.example.com"), "s", "a@b"));
        Assert.Contains(OAuthOptionNames.Authority, failure.Message);
        Assert.Equal(new Uri("http://127.0.0.1:8080/t/oauth2/v2.0/token"), OAuthSettings.Parse(options.With(OAuthOptionNames.Authority, "http://127.0.0.1:8080/"), "s", "a@b").TokenUrl);
    }

    [Fact]
    public void MicrosoftDefaults()
    {
        var app = OAuthSettings.Parse(With((OAuthOptionNames.Provider, "Microsoft365"), (OAuthOptionNames.Tenant, "contoso.com"), (OAuthOptionNames.ClientId, "app")), "s", "a@b");
        Assert.Equal(OAuthFlow.App, app.Flow);
        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token"), app.TokenUrl);
        Assert.Equal("https://outlook.office365.com/.default", app.Scope);

        var device = OAuthSettings.Parse(With((OAuthOptionNames.Provider, "Microsoft365"), (OAuthOptionNames.Flow, "DeviceCode"), (OAuthOptionNames.ClientId, "app")), "rt", "a@b");
        Assert.Equal("organizations", device.Tenant);
        Assert.Equal(new Uri("https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode"), device.DeviceCodeUrl);
        Assert.Contains("IMAP.AccessAsUser.All", device.Scope);
        Assert.Contains("offline_access", device.Scope);
        Assert.Equal("rt", device.Secret);

        var scoped = OAuthSettings.Parse(With((OAuthOptionNames.Provider, "Microsoft365"), (OAuthOptionNames.Tenant, "t"), (OAuthOptionNames.ClientId, "c"), (OAuthOptionNames.Scope, "https://outlook.office.de/.default")), "s", "a@b");
        Assert.Equal("https://outlook.office.de/.default", scoped.Scope);
    }

    [Fact]
    public void GoogleDefaults()
    {
        var device = OAuthSettings.ForGoogleDeviceCode("client.apps.googleusercontent.com", "cs");
        Assert.Equal(new Uri("https://oauth2.googleapis.com/device/code"), device.DeviceCodeUrl);
        Assert.Equal(new Uri("https://oauth2.googleapis.com/token"), device.TokenUrl);
        Assert.Equal("https://mail.google.com/", device.Scope);
    }

    [Fact]
    public void GoogleDeviceCodeSecretMustBeItsJsonAndIsNotQuoted()
    {
        var options = With((OAuthOptionNames.Provider, "Google"), (OAuthOptionNames.Flow, "DeviceCode"), (OAuthOptionNames.ClientId, "c"));

        var failure = Assert.Throws<FormatException>(() => OAuthSettings.Parse(options, "plain-s3cret", "a@b"));
        Assert.Contains("client_secret", failure.Message);
        Assert.DoesNotContain("plain-s3cret", failure.Message);
        Assert.Throws<FormatException>(() => OAuthSettings.Parse(options, "{\"refresh_token\":\"rt\"}", "a@b"));
    }

    [Fact]
    public void MissingKeyFileNamesTheOption()
    {
        var options = With((OAuthOptionNames.Provider, "Google"), (OAuthOptionNames.KeyFile, "/nonexistent/key.json"));

        var failure = Assert.Throws<ArgumentException>(() => OAuthSettings.Parse(options, string.Empty, "a@b"));

        Assert.Contains(OAuthOptionNames.KeyFile, failure.Message);
    }

    [Fact]
    public void SettingsWrittenAreReadBackAlike()
    {
        var built = new[]
        {
            OAuthSettings.ForToken("tok"),
            OAuthSettings.ForMicrosoftApp("contoso.com", "app", "cs", scope: "https://outlook.office365.com/.default"),
            OAuthSettings.ForMicrosoftAppCertificate("contoso.com", "app", "/keys/app.pfx", "pfx-password", new Uri("https://login.microsoftonline.us")),
            OAuthSettings.ForMicrosoftAppCertificate("contoso.com", "app", "0123456789ABCDEF0123456789ABCDEF01234567"),
            OAuthSettings.ForMicrosoftDeviceCode("app", refreshToken: "rt"),
            OAuthSettings.ForGoogleDeviceCode("c.apps.googleusercontent.com", "cs", "rt"),
        };

        foreach (var settings in built)
        {
            var read = OAuthSettings.Parse(settings.ApplyTo(EndpointOptions.None.With("Other", "kept")), settings.Secret, "a@b");

            Assert.Equal(settings.Provider, read.Provider);
            Assert.Equal(settings.Flow, read.Flow);
            Assert.Equal(settings.TokenUrl, read.TokenUrl);
            Assert.Equal(settings.Scope, read.Scope);
            Assert.Equal(settings.ClientId, read.ClientId);
            Assert.Equal(settings.Certificate, read.Certificate);
            Assert.Equal(settings.Secret, read.Secret);
            Assert.Equal("kept", settings.ApplyTo(EndpointOptions.None.With("Other", "kept"))["Other"]);
        }
    }

    [Fact]
    public void OptionsNeverHoldTheSecret()
    {
        var settings = OAuthSettings.ForGoogleDeviceCode("c", "client-s3cret", "refresh-s3cret");

        var options = settings.ApplyTo(null).ToString();

        Assert.DoesNotContain("s3cret", options);
        Assert.Contains("refresh-s3cret", settings.Secret);
        Assert.DoesNotContain("s3cret", settings.ToString());
    }
}
