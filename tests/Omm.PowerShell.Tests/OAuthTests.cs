using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.Json;
using Omm.TestServers;
using Omm.TestServers.OAuth;

namespace Omm.PowerShell.Tests;

/// <summary>
/// The module as an admin uses it with OAuth2: real Dovecot servers that take tokens only (checked by the tests'
/// introspection endpoint), the tests' issuer for Microsoft's client credentials, Google's service account grant and the
/// device code sign-in, pointed at by the app's Authority. Messages arrive byte for byte; a project's Sync signs in
/// again from what it sealed; a wrong secret fails naming the side; no secret, key or token shows anywhere.
/// </summary>
public sealed class OAuthTests : ShellTests, IAsyncLifetime
{
    private const string Tenant = "contoso.onmicrosoft.com";
    private const string AppId = "5a1c0f1e-0a0b-4c0d-8e0f-omm-app";
    private const string ClientSecret = "Cl1ent~S3cret.9d2f";
    private const string WrongSecret = "Wr0ng~S3cret.1111";
    private const string ProjectPassword = "Proj-OAuth-4c1e";
    private const string ServiceAccount = "omm-migrator@omm-project.iam.gserviceaccount.com";
    private const string User = "ann";

    private readonly TestTokens tokens = new();
    private readonly DovecotServer source = DovecotServer.Start();
    private readonly DovecotServer destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
    private readonly RSA serviceKey = RSA.Create(2048);
    private readonly LeakScan scan = new();
    private IntrospectionServer introspection = null!;
    private OAuthTestServer issuer = null!;
    private string keyFile = null!;

    public OAuthTests()
        : base("omm-oauth-")
    {
    }

    public async Task InitializeAsync()
    {
        introspection = await IntrospectionServer.StartAsync(tokens);
        issuer = await OAuthTestServer.StartAsync(tokens);
        issuer.RegisterClient(AppId, ClientSecret, User);
        issuer.RegisterServiceAccount(ServiceAccount, "key-1", serviceKey);
        keyFile = Path.Combine(StateDirectory, "omm-sa.json");
        File.WriteAllText(keyFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account", ["project_id"] = "omm-project", ["private_key_id"] = "key-1",
            ["private_key"] = serviceKey.ExportPkcs8PrivateKeyPem(), ["client_email"] = ServiceAccount,
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        }));
    }

    public async Task DisposeAsync()
    {
        source.Dispose();
        destination.Dispose();
        await introspection.DisposeAsync();
        await issuer.DisposeAsync();
        serviceKey.Dispose();
    }

    private DovecotOptions ByToken(DovecotOptions options) => options with { OAuth2IntrospectionUrl = introspection.Url };

    private Dictionary<string, object?> Variables(Dictionary<string, object?>? more = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["source"] = source.Address, ["destination"] = destination.Address, ["user"] = User, ["statePath"] = StatePath,
            ["issuer"] = issuer.Url.AbsoluteUri, ["keyFile"] = keyFile, ["tenant"] = Tenant, ["appId"] = AppId, ["secret"] = ClientSecret,
            ["projectPassword"] = ProjectPassword,
        };
        foreach (var (name, value) in more ?? new())
            variables[name] = value;
        return variables;
    }

    private const string GoogleToMicrosoft = @"New-OmmMigration -SourceServer $source -SourceSecurity None -SourceLogin $user `
        -SourceOAuth @{ Provider = 'Google'; ServiceAccountKeyFile = $keyFile; Authority = $issuer } `
        -DestinationServer $destination -DestinationSecurity None -DestinationLogin $user `
        -DestinationOAuth @{ Provider = 'Microsoft365'; TenantId = $tenant; ClientId = $appId; ClientSecret = $secret; Authority = $issuer } `
        -Project acme -ProjectPassword $projectPassword -StatePath $statePath -Verbose";

    [Fact]
    public void A_Google_service_account_and_a_Microsoft_365_app_sign_in_a_project_syncs_from_what_it_sealed_and_nothing_secret_shows()
    {
        var sample = SampleMailbox.Generated().Take(12).ToList();
        Seed(sample.Take(8));
        source.SwitchTo(ByToken(source.Options));
        destination.SwitchTo(ByToken(destination.Options));

        var created = scan.Run(Shell, GoogleToMicrosoft, Variables());

        created.AssertNoErrors();
        Assert.Equal("Completed", created.Single().Text("Status"));
        var grants = issuer.Grants;
        Assert.Contains(grants, g => g.GrantType == "urn:ietf:params:oauth:grant-type:jwt-bearer");
        Assert.Contains(grants, g => g.GrantType == "client_credentials");
        Assert.All(introspection.Asked, call => Assert.True(call.Active));
        Assert.Contains("method=XOAUTH2", File.ReadAllText(source.LogPath));

        // New mail, then a Sync from the project alone: the secret and the key come out of the project's seal.
        source.SwitchTo(source.Options with { OAuth2IntrospectionUrl = null });
        Seed(sample.Skip(8));
        source.SwitchTo(ByToken(source.Options));
        var synced = scan.Run(Shell, "Sync-OmmMigration -Project acme -ProjectPassword $projectPassword -StatePath $statePath -Verbose", Variables());
        synced.AssertNoErrors();
        Assert.Equal("Completed", synced.Single().Text("Status"));

        // A wrong client secret: the destination side is named with the issuer's reason.
        var wrong = scan.Run(Shell, GoogleToMicrosoft.Replace("-Project acme -ProjectPassword $projectPassword", "-Force") ,
            Variables(new() { ["secret"] = WrongSecret }));
        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(wrong.Errors).CategoryInfo.Category);
        var reason = wrong.Single().Text("FailureReason")!;
        Assert.Contains("destination", reason, StringComparison.Ordinal);
        Assert.Contains("invalid_client", reason, StringComparison.Ordinal);

        destination.SwitchTo(destination.Options with { OAuth2IntrospectionUrl = null });
        var copied = MailboxSnapshot.Read(destination, User);
        Assert.Equal(sample.Select(m => Sha256(m.Bytes)).Order(), copied.Messages.Values.SelectMany(m => m).Select(m => m.Sha256).Order());

        scan.AddErrorVariable(Shell);
        scan.AddFiles(StateDirectory, "omm.db*");
        var pem = serviceKey.ExportPkcs8PrivateKeyPem().Split('\n');
        scan.AssertNoneOf(new[] { ClientSecret, WrongSecret, ProjectPassword, pem[1].Trim(), pem[^2].Trim() }.Concat(tokens.All).ToArray());
    }

    [Fact]
    public async Task One_user_signs_in_by_device_code_the_code_is_shown_and_the_migration_runs_on_the_tokens_it_gave()
    {
        Seed(SampleMailbox.Generated().Take(5));
        source.SwitchTo(ByToken(source.Options));
        issuer.RegisterPublicClient("omm-public-client");
        var variables = Variables(new() { ["destinationPassword"] = destination.Password });

        var run = Task.Run(() => scan.Run(Shell, @"New-OmmMigration -SourceServer $source -SourceSecurity None -SourceLogin $user `
            -SourceOAuth @{ Provider = 'Microsoft365'; ClientId = 'omm-public-client'; DeviceCode = $true; Authority = $issuer } `
            -DestinationServer $destination -DestinationSecurity None -DestinationLogin $user -DestinationPassword $destinationPassword `
            -StatePath $statePath", variables));
        var code = await WaitForAsync(() => issuer.PendingUserCodes.FirstOrDefault());
        issuer.Approve(code, User);
        var created = await run.WaitAsync(TimeSpan.FromMinutes(2));

        created.AssertNoErrors();
        Assert.Equal("Completed", created.Single().Text("Status"));
        Assert.Contains(created.Information, line => line.Contains(code, StringComparison.Ordinal) && line.Contains("ann (source)", StringComparison.Ordinal));
        Assert.Equal(5, MailboxSnapshot.Read(destination, User).Count);
        scan.AddFiles(StateDirectory, "omm.db*");
        scan.AssertNoneOf(issuer.RefreshTokensIssued.Concat(tokens.All).ToArray());
    }

    [Fact]
    public void A_row_s_access_token_logs_it_in_and_an_expired_one_fails_naming_the_side()
    {
        Seed(SampleMailbox.Generated().Take(3));
        source.SwitchTo(ByToken(source.Options));
        var good = tokens.Issue(User);
        var revoked = tokens.Issue(User);
        tokens.Revoke(revoked);
        var headers = new[] { "SourceServer", "SourceSecurity", "SourceLogin", "SourceAccessToken", "DestinationServer", "DestinationSecurity", "DestinationLogin", "DestinationPassword" };
        PSObject Row(string token) => OmmShell.CsvRow(headers, new[] { source.Address, "None", User, token, destination.Address, "None", User, destination.Password });

        var done = scan.Run(Shell, "$input | New-OmmMigration -StatePath $statePath", Variables(), new[] { Row(good) });
        var refused = scan.Run(Shell, "$input | New-OmmMigration -Force -StatePath $statePath", Variables(), new[] { Row(revoked) });

        done.AssertNoErrors();
        Assert.Equal("Completed", done.Single().Text("Status"));
        Assert.Equal("Failed", refused.Single().Text("Status"));
        Assert.Contains("source", refused.Single().Text("FailureReason")!, StringComparison.Ordinal);
        scan.AddErrorVariable(Shell);
        scan.AddFiles(StateDirectory, "omm.db*");
        scan.AssertNoneOf(good, revoked);
    }

    [Fact]
    public void Notifications_go_through_SMTP_signed_in_by_the_project_s_app_and_a_later_sync_uses_the_app_it_kept()
    {
        Seed(SampleMailbox.Generated().Take(2));
        using var smtp = SmtpSink.StartCheckingTokens(introspection.Url);
        issuer.RegisterClient("omm-smtp-app", ClientSecret, "omm@example.org");
        var variables = Variables(new() { ["smtp"] = smtp.Address, ["destinationPassword"] = destination.Password, ["sourcePassword"] = source.Password });
        const string Migrate = @"New-OmmMigration -SourceServer $source -SourceSecurity None -SourceLogin $user -SourcePassword $sourcePassword `
            -DestinationServer $destination -DestinationSecurity None -DestinationLogin $user -DestinationPassword $destinationPassword `
            -NotificationEmail ops@example.org -NotificationFrom omm@example.org -SmtpServer $smtp -SmtpSecurity None `
            -SmtpOAuth @{ Provider = 'Microsoft365'; TenantId = $tenant; ClientId = 'omm-smtp-app'; ClientSecret = $secret; Authority = $issuer } `
            -Project ops -ProjectPassword $projectPassword -StatePath $statePath";

        var created = scan.Run(Shell, Migrate, variables);
        created.AssertNoErrors();
        var first = smtp.WaitFor(m => m.Contains("ops@example.org", StringComparison.Ordinal), 2, TimeSpan.FromSeconds(20));
        var synced = scan.Run(Shell, "Sync-OmmMigration -Project ops -ProjectPassword $projectPassword -SourcePassword $sourcePassword " +
                                     "-DestinationPassword $destinationPassword -StatePath $statePath", variables);
        synced.AssertNoErrors();
        var all = smtp.WaitFor(m => m.Contains("ops@example.org", StringComparison.Ordinal), 4, TimeSpan.FromSeconds(20));
        var withoutPassword = scan.Run(Shell, "Sync-OmmMigration -Project ops -SourcePassword $sourcePassword -DestinationPassword $destinationPassword -StatePath $statePath", variables);

        Assert.Equal(2, first.Count);
        Assert.True(all.Count >= 4, $"{all.Count} notification mails");
        Assert.Empty(created.Warnings);
        Assert.Empty(synced.Warnings);
        Assert.Contains(issuer.Grants, g => g.GrantType == "client_credentials" && g.ClientId == "omm-smtp-app");
        Assert.Equal("StoredCredentialUnreadable", Assert.Single(withoutPassword.Errors).FullyQualifiedErrorId.Split(',')[0]);
        foreach (var mail in all)
            scan.AddText("a notification mail", mail);
        scan.AddErrorVariable(Shell);
        scan.AddFiles(StateDirectory, "omm.db*");
        scan.AssertNoneOf(new[] { ClientSecret, ProjectPassword }.Concat(tokens.All).ToArray());
    }

    private void Seed(IEnumerable<SeedMessage> messages)
    {
        using var client = RawImapClient.Connect(source, User);
        SampleMailbox.Seed(client, messages, source.Options.Separator);
        client.Logout();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static async Task<string> WaitForAsync(Func<string?> find)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (find() is string found)
                return found;
            await Task.Delay(100);
        }

        throw new TimeoutException("No device code sign-in was started.");
    }
}
