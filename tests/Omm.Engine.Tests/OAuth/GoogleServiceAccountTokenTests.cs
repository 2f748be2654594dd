using System.Text;
using Omm.Engine.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>Google App: a service account's JWT-bearer grant for the mailbox (domain-wide delegation), against the test issuer.</summary>
public sealed class GoogleServiceAccountTokenTests : OAuthIssuer
{
    private const string ServiceAccount = "omm-migrator@omm-test.iam.gserviceaccount.com";
    private const string Mailbox = "bob@example.org";

    [Fact]
    public async Task ServiceAccountKeyGetsATokenForTheMailbox()
    {
        var (json, key) = ServiceAccountKey(ServiceAccount, "key-1");
        Server.RegisterServiceAccount(ServiceAccount, "key-1", key);
        var source = Cache.SourceFor(Side(Mailbox, json, Options("Google", "App")))!;

        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
        var grant = Assert.Single(Server.Grants);
        Assert.Equal("/token", grant.Path);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", grant.GrantType);
        var header = grant.AssertionHeader!.Value;
        var claims = grant.AssertionClaims!.Value;
        Assert.Equal("key-1", header.GetProperty("kid").GetString());
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(ServiceAccount, claims.GetProperty("iss").GetString());
        Assert.Equal(Mailbox, claims.GetProperty("sub").GetString());
        Assert.Equal("https://mail.google.com/", claims.GetProperty("scope").GetString());
        Assert.Equal(Server.GoogleTokenUrl.AbsoluteUri, claims.GetProperty("aud").GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task KeyReadFromTheKeyFileWhenTheSecretIsEmpty()
    {
        var (json, key) = ServiceAccountKey(ServiceAccount, "key-1");
        Server.RegisterServiceAccount(ServiceAccount, "key-1", key);
        var path = TempFile("key.json", Encoding.UTF8.GetBytes(json));
        var source = Cache.SourceFor(Side(Mailbox, string.Empty, Options("Google", "App", keyFile: path)))!;

        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
    }

    [Fact]
    public async Task EachMailboxGetsItsOwnToken()
    {
        var (json, key) = ServiceAccountKey(ServiceAccount, "key-1");
        Server.RegisterServiceAccount(ServiceAccount, "key-1", key);

        var bob = await Cache.SourceFor(Side(Mailbox, json, Options("Google", "App")))!.GetAsync(false, CancellationToken.None);
        var carol = await Cache.SourceFor(Side("carol@example.org", json, Options("Google", "App")))!.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(bob.Value));
        Assert.Equal("carol@example.org", Tokens.UserOf(carol.Value));
        Assert.Equal(2, Server.Grants.Count);
    }

    [Fact]
    public async Task KeyOfAnotherAccountFailsTheSignatureCheckAndTellsNoKey()
    {
        var (_, registeredKey) = ServiceAccountKey(ServiceAccount, "key-1");
        Server.RegisterServiceAccount(ServiceAccount, "key-1", registeredKey);
        // Another account's private key under this account's name and key id.
        var (_, otherKey) = ServiceAccountKey("other@omm-test.iam.gserviceaccount.com", "key-1");
        var forged = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["private_key_id"] = "key-1",
            ["private_key"] = otherKey.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ServiceAccount,
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        });
        var source = Cache.SourceFor(Side(Mailbox, forged, Options("Google", "App")))!;

        var failure = await RefusedAsync(source);

        var grant = Assert.Single(Server.Grants);
        AssertTells(failure, "source", Mailbox, "invalid_grant: Invalid JWT Signature.", grant.Assertion, otherKey.ExportPkcs8PrivateKeyPem(), "MII");
        Assert.Contains(ServiceAccount, failure.Message);
    }

    [Fact]
    public async Task UnknownServiceAccountFails()
    {
        var (json, _) = ServiceAccountKey(ServiceAccount, "key-1");
        var source = Cache.SourceFor(Side(Mailbox, json, Options("Google", "App")))!;

        var failure = await RefusedAsync(source);

        AssertTells(failure, "source", Mailbox, "invalid_grant", Assert.Single(Server.Grants).Assertion, "PRIVATE KEY");
    }

    [Fact]
    public void SecretThatIsNoKeyIsAFormatErrorWithoutTheSecret()
    {
        var failure = Assert.Throws<FormatException>(() => Cache.SourceFor(Side(Mailbox, "{\"client_email\":\"x@y\",\"private_key\":\"not-a-pem-s3cret\"}", Options("Google", "App"))));

        Assert.Contains("private_key", failure.Message);
        Assert.DoesNotContain("not-a-pem-s3cret", failure.Message);
    }
}
