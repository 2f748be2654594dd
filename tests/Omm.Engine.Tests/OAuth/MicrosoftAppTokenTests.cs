using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>Microsoft365 App: client credentials with a client secret or a certificate's client assertion, against the test issuer.</summary>
public sealed class MicrosoftAppTokenTests : OAuthIssuer
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Mailbox = "anna@contoso.com";

    [Fact]
    public async Task ClientSecretGetsATokenForTheApplication()
    {
        Server.RegisterClient(ClientId, "s3cret-value", user: Mailbox);
        var source = Cache.SourceFor(Side(Mailbox, "s3cret-value", Options("Microsoft365", "App", Tenant, ClientId)))!;

        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
        Assert.Equal(Tokens.ExpiresAt(token.Value), token.ExpiresAt);
        var grant = Assert.Single(Server.Grants);
        Assert.Equal($"/{Tenant}/oauth2/v2.0/token", grant.Path);
        Assert.Equal("client_credentials", grant.GrantType);
        Assert.Equal("https://outlook.office365.com/.default", grant.Form["scope"]);
        Assert.Null(grant.Error);
        Assert.True(source.CanRefresh);
    }

    [Fact]
    public async Task WrongClientSecretFailsWithTheIssuersReasonAndNoSecret()
    {
        Server.RegisterClient(ClientId, "s3cret-value", user: Mailbox);
        var source = Cache.SourceFor(Side(Mailbox, "wrong-s3cret", Options("Microsoft365", "App", Tenant, ClientId)))!;

        var failure = await RefusedAsync(source);

        AssertTells(failure, "source", Mailbox, "invalid_client: AADSTS7000215", "wrong-s3cret", "s3cret-value");
        Assert.Contains(Server.Url.Host, failure.Message);
        Assert.Equal("invalid_client", Assert.Single(Server.Grants).Error);
    }

    [Fact]
    public async Task UnknownClientFails()
    {
        var source = Cache.SourceFor(Side(Mailbox, "s3cret-value", Options("Microsoft365", "App", Tenant, ClientId), Endpoints.EndpointRole.Destination))!;

        var failure = await RefusedAsync(source);

        AssertTells(failure, "destination", Mailbox, "unauthorized_client: AADSTS700016", "s3cret-value");
    }

    [Fact]
    public async Task CertificateFromAPfxSignsAnAssertionTheIssuerAccepts()
    {
        using var certificate = AppCertificate();
        Server.RegisterCertificate(ClientId, certificate, user: Mailbox);
        var pfx = TempFile("app.pfx", certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        var source = Cache.SourceFor(Side(Mailbox, "pfx-password", Options("Microsoft365", "App", Tenant, ClientId, certificate: pfx)))!;

        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
        var grant = Assert.Single(Server.Grants);
        Assert.Null(grant.Error);
        Assert.False(grant.Form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", grant.Form["client_assertion_type"]);
        var header = grant.AssertionHeader!.Value;
        var claims = grant.AssertionClaims!.Value;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(Server.MicrosoftTokenUrl(Tenant).AbsoluteUri, claims.GetProperty("aud").GetString());
        Assert.Equal(ClientId, claims.GetProperty("iss").GetString());
        Assert.Equal(ClientId, claims.GetProperty("sub").GetString());
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, claims.GetProperty("iat").GetInt64());
        Assert.Equal(now + 600, claims.GetProperty("exp").GetInt64());
        Assert.True(Guid.TryParse(claims.GetProperty("jti").GetString(), out _));
    }

    [Fact]
    public async Task CertificateFromAPemFileSignsAnAssertionTheIssuerAccepts()
    {
        using var certificate = AppCertificate();
        Server.RegisterCertificate(ClientId, certificate, user: Mailbox);
        var pem = certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n";
        var path = TempFile("app.pem", System.Text.Encoding.ASCII.GetBytes(pem));
        var source = Cache.SourceFor(Side(Mailbox, string.Empty, Options("Microsoft365", "App", Tenant, ClientId, certificate: path)))!;

        var token = await source.GetAsync(false, CancellationToken.None);

        Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
    }

    [Fact]
    public async Task CertificateFoundByThumbprintInTheUsersStore()
    {
        using var certificate = AppCertificate("omm-store-test");
        Server.RegisterCertificate(ClientId, certificate, user: Mailbox);
        using var persisted = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12, "p"), "p", X509KeyStorageFlags.Exportable | X509KeyStorageFlags.PersistKeySet);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(persisted);
        try
        {
            var source = Cache.SourceFor(Side(Mailbox, string.Empty, Options("Microsoft365", "App", Tenant, ClientId, certificate: certificate.Thumbprint.ToLowerInvariant())))!;

            var token = await source.GetAsync(false, CancellationToken.None);

            Assert.Equal(Mailbox, Tokens.UserOf(token.Value));
        }
        finally
        {
            store.Remove(persisted);
        }
    }

    [Fact]
    public async Task ThumbprintInNoStoreFailsNamingIt()
    {
        var source = Cache.SourceFor(Side(Mailbox, string.Empty, Options("Microsoft365", "App", Tenant, ClientId, certificate: "00112233445566778899AABBCCDDEEFF00112233")))!;

        var failure = await RefusedAsync(source);

        Assert.Contains("00112233445566778899AABBCCDDEEFF00112233", failure.Message);
        Assert.Contains("CurrentUser", failure.Message);
        Assert.Empty(Server.Grants);
    }

    [Fact]
    public async Task CertificateNotRegisteredFailsAndTellsNeitherAssertionNorPassword()
    {
        using var registered = AppCertificate("registered");
        using var other = AppCertificate("other");
        Server.RegisterCertificate(ClientId, registered, user: Mailbox);
        var pfx = TempFile("other.pfx", other.Export(X509ContentType.Pkcs12, "pfx-password"));
        var source = Cache.SourceFor(Side(Mailbox, "pfx-password", Options("Microsoft365", "App", Tenant, ClientId, certificate: pfx)))!;

        var failure = await RefusedAsync(source);

        var grant = Assert.Single(Server.Grants);
        AssertTells(failure, "source", Mailbox, "invalid_client: AADSTS700027", "pfx-password", grant.Assertion);
        Assert.DoesNotContain(grant.Assertion!.Split('.')[2], failure.Message);
    }

    [Fact]
    public async Task CertificateWithTheRegisteredThumbprintButAnotherKeyFailsTheSignatureCheck()
    {
        using var registered = AppCertificate();
        Server.RegisterCertificate(ClientId, registered, user: Mailbox);
        // The registered certificate's bytes with another key: the x5t matches, the signature cannot.
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var pem = registered.ExportCertificatePem() + "\n" + otherKey.ExportPkcs8PrivateKeyPem() + "\n";
        var path = TempFile("mixed.pem", System.Text.Encoding.ASCII.GetBytes(pem));
        var source = Cache.SourceFor(Side(Mailbox, string.Empty, Options("Microsoft365", "App", Tenant, ClientId, certificate: path)))!;

        var failure = await RefusedAsync(source);

        AssertTells(failure, "source", Mailbox, "invalid_client: AADSTS7000274", Assert.Single(Server.Grants).Assertion, otherKey.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public async Task MissingCertificateFileFailsAsAuthenticationNamingTheOption()
    {
        var source = Cache.SourceFor(Side(Mailbox, "pfx-password", Options("Microsoft365", "App", Tenant, ClientId, certificate: "/nonexistent/app.pfx")))!;

        var failure = await RefusedAsync(source);

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains(OAuthOptionNames.Certificate, failure.Message);
        Assert.DoesNotContain("pfx-password", failure.Message);
        Assert.Empty(Server.Grants);
    }

    [Fact]
    public async Task UnreachableIssuerIsAConnectionFailure()
    {
        var closed = new Uri($"http://127.0.0.1:{Omm.TestServers.FreePort.Next()}");
        var options = Options("Microsoft365", "App", Tenant, ClientId).With(OAuthOptionNames.Authority, closed.AbsoluteUri);
        var source = Cache.SourceFor(Side(Mailbox, "s3cret-value", options))!;

        var thrown = await Record.ExceptionAsync(() => source.GetAsync(false, CancellationToken.None));

        var failure = Assert.IsType<MigrationFailedException>(thrown, exactMatch: true);
        Assert.True(failure.Kind == FailureKind.Connection, thrown!.ToString());
        Assert.Contains(closed.Authority, failure.Message);
        Assert.DoesNotContain("s3cret-value", failure.Message);
    }
}
