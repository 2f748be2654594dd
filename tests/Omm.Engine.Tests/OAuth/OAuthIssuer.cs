using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.OAuth;
using Omm.TestServers.OAuth;

namespace Omm.Engine.Tests.OAuth;

/// <summary>
/// A test's issuer (<see cref="OAuthTestServer"/>, real HTTP on 127.0.0.1) and a token cache of its own, both on one
/// fake clock, so that a test can bring a token near its expiry.
/// </summary>
public abstract class OAuthIssuer : IAsyncLifetime
{
    public const string Tenant = "contoso.onmicrosoft.com";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    protected TestTokens Tokens { get; private set; } = null!;

    protected OAuthTestServer Server { get; private set; } = null!;

    protected OAuthTokenCache Cache { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tokens = new TestTokens { Time = Clock };
        Server = await OAuthTestServer.StartAsync(Tokens);
        Cache = new OAuthTokenCache(Clock);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var folder in created)
            Directory.Delete(folder, true);
    }

    /// <summary>An IMAP side logging in as <paramref name="account"/> with these OAuth options and secret.</summary>
    protected static AccountEndpoint Side(string account, string secret, EndpointOptions options, EndpointRole role = EndpointRole.Source) =>
        new(role, ServerType.Imap, new ServerAddress("imap.example.com", 993), ConnectionSecurity.Tls, new NetworkCredential(account, secret), false)
        {
            Options = options,
        };

    protected EndpointOptions Options(string provider, string? flow = null, string? tenant = null, string? clientId = null, string? certificate = null, string? keyFile = null) =>
        EndpointOptions.None
            .With(OAuthOptionNames.Provider, provider)
            .With(OAuthOptionNames.Flow, flow)
            .With(OAuthOptionNames.Tenant, tenant)
            .With(OAuthOptionNames.ClientId, clientId)
            .With(OAuthOptionNames.Certificate, certificate)
            .With(OAuthOptionNames.KeyFile, keyFile)
            .With(OAuthOptionNames.Authority, Server.Url.AbsoluteUri);

    protected static async Task<MigrationFailedException> RefusedAsync(IAccessTokenSource source, bool refresh = false) =>
        await Assert.ThrowsAsync<MigrationFailedException>(() => source.GetAsync(refresh, CancellationToken.None));

    /// <summary>The message names the side, the account and the issuer's reason, and none of <paramref name="secrets"/>.</summary>
    protected static void AssertTells(MigrationFailedException failure, string side, string account, string reason, params string?[] secrets)
    {
        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains($"{side} side", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(account, failure.Message);
        Assert.Contains(reason, failure.Message);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
            Assert.DoesNotContain(secret!, failure.Message);
    }

    /// <summary>A self-signed certificate with its RSA key, as an admin makes for an Entra application.</summary>
    protected static X509Certificate2 AppCertificate(string name = "omm-test-app")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12, "pfx-password"), "pfx-password", X509KeyStorageFlags.Exportable);
    }

    /// <summary>A Google service account's JSON key (as the console downloads it) and its RSA key.</summary>
    protected (string Json, RSA Key) ServiceAccountKey(string clientEmail, string keyId)
    {
        var key = RSA.Create(2048);
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "omm-test",
            ["private_key_id"] = keyId,
            ["private_key"] = key.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = clientEmail,
            ["client_id"] = "104857600000000000000",
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        });
        return (json, key);
    }

    protected string TempFile(string name, byte[] content)
    {
        var folder = Path.Combine(Path.GetTempPath(), "omm-oauth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        created.Add(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private readonly List<string> created = new();
}
