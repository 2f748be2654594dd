using System.Security;
using Omm.Engine.Accounts;
using Omm.Engine.OAuth;
using Omm.TestServers;

namespace Omm.Engine.Tests.OAuth;

/// <summary>How rows and the command line make a side sign in by OAuth2: what is recorded, what travels as the secret, what is refused.</summary>
public sealed class OAuthRowTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-oauth-rows-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly string[] Good = { "IMAP", "old.example", "a@old.example", "pw1", "IMAP", "new.example", "a@new.example", "pw2", "", "" };

    private AccountRow OvhRow(params (string Column, string Value)[] cells)
    {
        var row = (string[])Good.Clone();
        foreach (var (column, value) in cells)
            row[Array.IndexOf(AccountTemplates.Ovh, column)] = value;
        var path = Path.Combine(directory, Guid.NewGuid() + ".csv");
        File.WriteAllText(path, AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh, row }, ';'));
        return Assert.Single(AccountFileReader.Read(path));
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
            secure.AppendChar(c);
        return secure;
    }

    [Fact]
    public void An_Office365_source_row_without_a_server_is_outlook_office365_com_and_signs_in_with_the_tenant_app()
    {
        var row = OvhRow(("Source Type(IMAP/Exchange/POP)", "Office365"), ("Source Server url", ""), ("Source Password", ""));
        var (options, secret) = OAuthApps.Settings(new OAuthApp
        {
            Provider = OAuthProvider.Microsoft365, TenantId = "contoso.onmicrosoft.com", ClientId = "11111111-2222-3333-4444-555555555555", ClientSecret = Secure("s3cr3t~value"),
        });

        var spec = AccountRowParser.Parse(row, new AccountDefaults { Source = new SideDefaults { OAuth = options, OAuthSecret = secret } }, false);

        Assert.Equal((ServerType.Imap, "outlook.office365.com:993", "a@old.example", "s3cr3t~value"),
            (spec.Source.Type, spec.Source.Server, spec.Source.Account, spec.Source.Credential.Password));
        Assert.Equal(("Microsoft365", "App", "contoso.onmicrosoft.com", "11111111-2222-3333-4444-555555555555"),
            (spec.Source.Options[OAuthOptionNames.Provider], spec.Source.Options[OAuthOptionNames.Flow], spec.Source.Options[OAuthOptionNames.Tenant],
                spec.Source.Options[OAuthOptionNames.ClientId]));
        Assert.DoesNotContain(spec.Source.Options, o => o.Value.Contains("s3cr3t", StringComparison.Ordinal));
        Assert.Null(spec.Destination.Options[OAuthOptionNames.Provider]);
        Assert.Equal("pw2", spec.Destination.Credential.Password);
    }

    [Theory]
    [InlineData("Gmail", "imap.gmail.com:993")]
    [InlineData("Google Workspace", "imap.gmail.com:993")]
    [InlineData("M365", "outlook.office365.com:993")]
    public void Provider_names_in_the_type_column_give_the_provider_s_imap_server(string type, string server)
    {
        var spec = AccountRowParser.Parse(OvhRow(("Source Type(IMAP/Exchange/POP)", type), ("Source Server url", "")),
            new AccountDefaults { Source = new SideDefaults { AccessToken = "ya29.token" } }, false);

        Assert.Equal(server, spec.Source.Server);
    }

    [Fact]
    public void A_row_s_access_token_column_logs_that_side_in_with_the_token_and_is_hidden_like_a_password()
    {
        var path = Path.Combine(directory, "tokens.csv");
        File.WriteAllText(path, "SourceServer;SourceLogin;SourceAccessToken;DestinationServer;DestinationLogin;DestinationPassword\r\n" +
                                "imap.gmail.com;ann@old.example;ya29.a0AfB_secret;imap.new.example;ann@new.example;pw2\r\n");
        var row = Assert.Single(AccountFileReader.Read(path));

        var spec = AccountRowParser.Parse(row, new AccountDefaults(), false);

        Assert.Equal(("Token", "ya29.a0AfB_secret"), (spec.Source.Options[OAuthOptionNames.Provider], spec.Source.Credential.Password));
        Assert.DoesNotContain(row.RedactedCells(), c => c.Value.Contains("ya29", StringComparison.Ordinal));
    }

    [Fact]
    public void Microsoft_365_with_a_password_is_refused_saying_how_to_sign_in()
    {
        var row = OvhRow(("Source Server url", "outlook.office365.com"));

        var error = Assert.Throws<AccountRowException>(() => AccountRowParser.Parse(row, new AccountDefaults(), false));

        Assert.Contains("Microsoft 365 (outlook.office365.com) takes no password over IMAP or POP3, only an OAuth2 token: give -SourceOAuth", error.Message, StringComparison.Ordinal);
        Assert.Equal("Source Password", error.Column);
    }

    [Fact]
    public void An_OAuth_side_with_a_DAV_URL_or_of_another_kind_is_refused()
    {
        var token = new AccountDefaults { Source = new SideDefaults { AccessToken = "tok" } };
        var dav = Assert.Throws<AccountRowException>(() =>
            AccountRowParser.Parse(OvhRow(), new AccountDefaults { Source = new SideDefaults { AccessToken = "tok", DavUrl = "https://dav.old.example/" } }, false));
        Assert.Contains("an OAuth2 side carries mail only", dav.Message, StringComparison.Ordinal);

        var exchange = Assert.Throws<AccountRowException>(() =>
            AccountRowParser.Parse(OvhRow(("Source Type(IMAP/Exchange/POP)", "Exchange"), ("Source Server url", "ex.old.example")), token, false));
        Assert.Contains("which Omm does over IMAP and POP3; this source is Exchange", exchange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Google_service_account_s_key_is_the_secret_and_its_path_is_recorded()
    {
        var key = Path.Combine(directory, "sa.json");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        File.WriteAllText(key, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account", ["client_email"] = "omm@proj.iam.gserviceaccount.com", ["private_key_id"] = "k1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(), ["token_uri"] = "https://oauth2.googleapis.com/token",
        }));

        var (options, secret) = OAuthApps.Settings(new OAuthApp { Provider = OAuthProvider.Google, ServiceAccountKeyFile = key });

        Assert.Equal(("Google", "App", key), (options[OAuthOptionNames.Provider], options[OAuthOptionNames.Flow], options[OAuthOptionNames.KeyFile]));
        Assert.Contains("BEGIN PRIVATE KEY", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(options, o => o.Value.Contains("PRIVATE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ClientId", "The OAuth app needs ClientId")]
    [InlineData("TenantId", "The OAuth app needs TenantId")]
    [InlineData("both", "not several")]
    [InlineData("none", "give one (a certificate is Microsoft's advice)")]
    public void An_incomplete_Microsoft_365_app_is_refused_naming_what_is_missing(string fault, string message)
    {
        var app = new OAuthApp { Provider = OAuthProvider.Microsoft365, TenantId = "t", ClientId = "c", CertificateThumbprint = "AB CD" };
        switch (fault)
        {
            case "ClientId": app.ClientId = null; break;
            case "TenantId": app.TenantId = " "; break;
            case "both": app.ClientSecret = Secure("x"); break;
            case "none": app.CertificateThumbprint = null; break;
        }

        var error = Assert.Throws<ArgumentException>(() => OAuthApps.Settings(app));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_takes_the_recorded_settings_a_token_given_now_or_an_app_given_now()
    {
        var (recorded, _) = OAuthApps.Settings(new OAuthApp { Provider = OAuthProvider.Microsoft365, TenantId = "t", ClientId = "c", ClientSecret = Secure("old") });

        Assert.Equal((recorded, "stored"), OAuthSides.Login(recorded, new SideDefaults(), () => "stored"));
        Assert.Null(OAuthSides.Login(recorded, new SideDefaults(), () => null).Secret);
        var token = OAuthSides.Login(recorded, new SideDefaults { AccessToken = "now" }, () => "stored");
        Assert.Equal(("Token", null, "now"), (token.Options[OAuthOptionNames.Provider], token.Options[OAuthOptionNames.ClientId], token.Secret));

        var (thumbprint, _) = OAuthApps.Settings(new OAuthApp { Provider = OAuthProvider.Microsoft365, TenantId = "t", ClientId = "c", CertificateThumbprint = "AB" });
        Assert.Equal(string.Empty, OAuthSides.Login(thumbprint, new SideDefaults(), () => null).Secret);
    }

    [Theory]
    [InlineData("imap.gmail.com", "new.example", null, 2_500_000_000L / 86400)]
    [InlineData("old.example", "imap.gmail.com", null, 500_000_000L / 86400)]
    [InlineData("imap.gmail.com", "imap.gmail.com", null, 500_000_000L / 86400)]
    [InlineData("imap.gmail.com", "new.example", "0", null)]
    [InlineData("imap.gmail.com", "new.example", "1MB", 1L << 20)]
    [InlineData("outlook.office365.com", "new.example", null, null)]
    public void Gmail_sides_get_its_published_daily_limits_as_a_byte_cap_unless_one_is_given(string source, string destination, string? cap, long? expected)
    {
        var path = Path.Combine(directory, "caps.csv");
        File.WriteAllText(path, "SourceServer;SourceLogin;SourceAccessToken;DestinationServer;DestinationLogin;DestinationAccessToken;MaxBytesPerSecond\r\n" +
                                $"{source};a@old.example;tok1;{destination};a@new.example;tok2;{cap}\r\n");

        var spec = AccountRowParser.Parse(Assert.Single(AccountFileReader.Read(path)), new AccountDefaults(), false);

        Assert.Equal(expected, spec.Caps.MaxBytesPerSecond);
    }
}
