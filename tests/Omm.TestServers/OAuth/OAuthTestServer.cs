using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Omm.TestServers.OAuth;

/// <summary>A request to a token endpoint of <see cref="OAuthTestServer"/>, and what it answered.</summary>
/// <param name="Form">The form as posted (secrets included: for tests only).</param>
/// <param name="AssertionHeader">The decoded JWT header of a client assertion or a JWT-bearer grant, or null.</param>
/// <param name="AssertionClaims">Its decoded claims, or null.</param>
/// <param name="Error">The OAuth error answered, or null when a token was issued.</param>
public sealed record OAuthGrantSeen(
    string Path,
    string GrantType,
    string? ClientId,
    IReadOnlyDictionary<string, string> Form,
    JsonElement? AssertionHeader,
    JsonElement? AssertionClaims,
    string? Error)
{
    /// <summary>The client assertion or the JWT-bearer assertion as sent, or null.</summary>
    public string? Assertion => Form.GetValueOrDefault("client_assertion") ?? Form.GetValueOrDefault("assertion");
}

/// <summary>
/// An OAuth2 issuer of our own, in process on 127.0.0.1 (Kestrel, plain http), playing Microsoft Entra ID and Google:
/// <list type="bullet">
/// <item><c>POST /{tenant}/oauth2/v2.0/token</c>: client_credentials (client secret, or a certificate's client assertion),
/// refresh_token (rotated: the old one stops working), device_code.</item>
/// <item><c>POST /{tenant}/oauth2/v2.0/devicecode</c> and <c>POST /device/code</c>: device authorization (RFC 8628).</item>
/// <item><c>POST /token</c> (Google): JWT bearer of a service account (RFC 7523, <c>sub</c> = the user), refresh_token
/// (not rotated), device_code.</item>
/// </list>
/// It checks what the real issuers check (secret; assertion signature with the registered key, aud, iss/sub, exp, x5t,
/// kid, scope) and answers errors in their shape. Tokens are issued through the <see cref="TestTokens"/> it is given, so an
/// introspection endpoint sharing it knows them. Every token request is kept (<see cref="Grants"/>).
/// </summary>
public sealed class OAuthTestServer : IAsyncDisposable
{
    public const string GoogleScope = "https://mail.google.com/";

    private WebApplication app = null!;
    private readonly ConcurrentDictionary<string, RegisteredClient> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegisteredServiceAccount> serviceAccounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RefreshGrant> refreshTokens = new(StringComparer.Ordinal);
    private readonly List<string> everyRefreshToken = new();
    private readonly ConcurrentDictionary<string, PendingDeviceCode> deviceCodes = new(StringComparer.Ordinal);
    private readonly List<OAuthGrantSeen> grants = new();
    private int slowDowns;

    private OAuthTestServer(Uri url, TestTokens tokens)
    {
        Url = url;
        Tokens = tokens;
    }

    /// <summary>The issuer's base URL (what <c>OAuthAuthority</c> is set to).</summary>
    public Uri Url { get; }

    public TestTokens Tokens { get; }

    /// <summary>The interval the device authorization endpoint asks clients to poll at, in seconds.</summary>
    public int DeviceCodeInterval { get; set; } = 1;

    /// <summary>How long device codes live.</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the token requests wait before they are answered (to make callers meet).</summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Every token endpoint request so far, in arrival order.</summary>
    public IReadOnlyList<OAuthGrantSeen> Grants
    {
        get
        {
            lock (grants)
                return grants.ToList();
        }
    }

    /// <summary>The user codes of the device sign-ins started and not yet approved, denied or expired.</summary>
    public IReadOnlyList<string> PendingUserCodes => deviceCodes.Values.Where(d => d.State == DeviceCodeState.Pending).Select(d => d.UserCode).ToList();

    public Uri MicrosoftTokenUrl(string tenant) => new($"{Base}/{tenant}/oauth2/v2.0/token");

    public Uri GoogleTokenUrl => new($"{Base}/token");

    public static async Task<OAuthTestServer> StartAsync(TestTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        OAuthTestServer? server = null;
        var (app, _) = await LoopbackWebApp.StartAsync(url => (server = new OAuthTestServer(url, tokens)).HandleAsync).ConfigureAwait(false);
        server!.app = app;
        return server;
    }

    /// <summary>An application (Microsoft) or OAuth client (Google) logging in with a client secret; its app tokens are for <paramref name="user"/> (default: the client id).</summary>
    public void RegisterClient(string clientId, string clientSecret, string? user = null) =>
        clients[clientId] = new RegisteredClient(clientId, clientSecret, null, user ?? clientId);

    /// <summary>An application logging in with a certificate (its public key is what the assertion is checked with).</summary>
    public void RegisterCertificate(string clientId, X509Certificate2 certificate, string? user = null) =>
        clients[clientId] = new RegisteredClient(clientId, null, X509CertificateLoader.LoadCertificate(certificate.RawData), user ?? clientId);

    /// <summary>A public client (device code sign-in without a secret, as a Microsoft native application).</summary>
    public void RegisterPublicClient(string clientId) =>
        clients[clientId] = new RegisteredClient(clientId, null, null, clientId);

    /// <summary>A Google service account: its email, the id and public key of its key.</summary>
    public void RegisterServiceAccount(string clientEmail, string keyId, RSA publicKey) =>
        serviceAccounts[clientEmail] = new RegisteredServiceAccount(clientEmail, keyId, publicKey.ExportParameters(false));

    /// <summary>A refresh token for <paramref name="user"/> of <paramref name="clientId"/>, as if a sign-in had been done.</summary>
    public string IssueRefreshToken(string clientId, string user)
    {
        var token = "rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        refreshTokens[token] = new RefreshGrant(clientId, user);
        lock (everyRefreshToken)
            everyRefreshToken.Add(token);
        return token;
    }

    public bool IsRefreshTokenValid(string token) => refreshTokens.ContainsKey(token);

    /// <summary>Every refresh token handed out so far (rotated ones included), for tests that look for them where they must not be.</summary>
    public IReadOnlyCollection<string> RefreshTokensIssued
    {
        get
        {
            lock (everyRefreshToken)
                return everyRefreshToken.ToList();
        }
    }

    /// <summary>The user signs in at the verification URI with <paramref name="userCode"/> and consents.</summary>
    public void Approve(string userCode, string user) => DeviceCode(userCode).Approve(user);

    /// <summary>The user declines.</summary>
    public void Deny(string userCode) => DeviceCode(userCode).State = DeviceCodeState.Denied;

    /// <summary>The device code's time runs out.</summary>
    public void Expire(string userCode) => DeviceCode(userCode).State = DeviceCodeState.Expired;

    /// <summary>The next <paramref name="count"/> device code polls are answered slow_down.</summary>
    public void SlowDown(int count = 1) => Interlocked.Exchange(ref slowDowns, count);

    public ValueTask DisposeAsync() => LoopbackWebApp.StopAsync(app);

    private string Base => Url.AbsoluteUri.TrimEnd('/');

    private DateTimeOffset Now => Tokens.Time.GetUtcNow();

    private PendingDeviceCode DeviceCode(string userCode) =>
        deviceCodes.Values.FirstOrDefault(d => d.UserCode == userCode) ?? throw new ArgumentException($"No device sign-in has the user code {userCode}.", nameof(userCode));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            await Answer(context, 405, new { error = "invalid_request", error_description = "POST a form." }).ConfigureAwait(false);
            return;
        }

        var posted = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var form = posted.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var microsoft = segments.Length == 4 && segments[1] == "oauth2" && segments[2] == "v2.0";
        var url = new Uri($"{Base}{path}");
        Reply reply;
        if (microsoft && segments[3] == "devicecode")
            reply = StartDeviceCode(form, microsoft: true);
        else if (!microsoft && path == "/device/code")
            reply = StartDeviceCode(form, microsoft: false);
        else if ((microsoft && segments[3] == "token") || path == "/token")
        {
            if (TokenDelay > TimeSpan.Zero)
                await Task.Delay(TokenDelay).ConfigureAwait(false);
            reply = Token(path, url, form, microsoft, microsoft ? segments[0] : null);
        }
        else
            reply = new Reply(404, new { error = "invalid_request", error_description = $"No endpoint at {path}." });

        await Answer(context, reply.Status, reply.Body).ConfigureAwait(false);
    }

    private Reply StartDeviceCode(Dictionary<string, string> form, bool microsoft)
    {
        var clientId = form.GetValueOrDefault("client_id");
        if (clientId == null || !clients.ContainsKey(clientId))
            return microsoft
                ? Error(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory.")
                : Error(401, "invalid_client", "The OAuth client was not found.");
        var deviceCode = "dc-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var userCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        deviceCodes[deviceCode] = new PendingDeviceCode(deviceCode, userCode, clientId, form.GetValueOrDefault("scope") ?? string.Empty, Now + DeviceCodeLifetime);
        var verification = $"{Base}/device";
        var expiresIn = (int)DeviceCodeLifetime.TotalSeconds;
        return microsoft
            ? new Reply(200, new
            {
                device_code = deviceCode,
                user_code = userCode,
                verification_uri = verification,
                expires_in = expiresIn,
                interval = DeviceCodeInterval,
                message = $"To sign in, use a web browser to open the page {verification} and enter the code {userCode} to authenticate.",
            })
            : new Reply(200, new { device_code = deviceCode, user_code = userCode, verification_url = verification, expires_in = expiresIn, interval = DeviceCodeInterval });
    }

    private Reply Token(string path, Uri url, Dictionary<string, string> form, bool microsoft, string? tenant)
    {
        var grantType = form.GetValueOrDefault("grant_type") ?? string.Empty;
        var clientId = form.GetValueOrDefault("client_id");
        JsonElement? header = null, claims = null;
        var assertion = form.GetValueOrDefault("client_assertion") ?? form.GetValueOrDefault("assertion");
        if (assertion != null && TryDecode(assertion, out var h, out var c))
        {
            header = h;
            claims = c;
        }

        var reply = grantType switch
        {
            "client_credentials" when microsoft => ClientCredentials(url, form, clientId, header, claims, assertion),
            "refresh_token" => RefreshToken(form, clientId, microsoft),
            "urn:ietf:params:oauth:grant-type:device_code" => DeviceCodeToken(form, clientId, microsoft),
            "urn:ietf:params:oauth:grant-type:jwt-bearer" when !microsoft => JwtBearer(url, header, claims, assertion),
            _ => Error(400, "unsupported_grant_type", microsoft
                ? $"AADSTS70003: The app requested an unsupported grant type '{grantType}'."
                : $"Invalid grant_type: {grantType}"),
        };
        lock (grants)
            grants.Add(new OAuthGrantSeen(path, grantType, clientId ?? (claims?.TryGetProperty("iss", out var iss) == true ? iss.GetString() : null), form, header, claims, reply.Error));
        return reply;
    }

    private Reply ClientCredentials(Uri url, Dictionary<string, string> form, string? clientId, JsonElement? header, JsonElement? claims, string? assertion)
    {
        if (clientId == null || !clients.TryGetValue(clientId, out var client))
            return Error(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory 'test'. This can happen if the application has not been installed by the administrator of the tenant.");
        var scope = form.GetValueOrDefault("scope") ?? string.Empty;
        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
            return Error(400, "invalid_scope", $"AADSTS1002012: The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        if (form.ContainsKey("client_assertion"))
        {
            if (form.GetValueOrDefault("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                return Error(400, "invalid_request", "AADSTS50027: Invalid client_assertion_type.");
            if (client.Certificate == null)
                return Error(401, "invalid_client", "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.");
            if (header is not JsonElement head || claims is not JsonElement body)
                return Error(400, "invalid_request", "AADSTS50027: JWT token is invalid or malformed.");
            var x5t = Base64Url(client.Certificate.GetCertHash());
            if (Text(head, "alg") != "RS256" || Text(head, "x5t") != x5t)
                return Error(401, "invalid_client", "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.");
            var sha256 = Base64Url(SHA256.HashData(client.Certificate.RawData));
            if (Text(head, "x5t#S256") is string s256 && s256 != sha256)
                return Error(401, "invalid_client", "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.");
            using (var key = client.Certificate.GetRSAPublicKey()!)
            {
                if (!VerifySignature(assertion!, key))
                    return Error(401, "invalid_client", "AADSTS7000274: Key was found, but use of the key to verify the signature failed.");
            }

            if (Text(body, "aud") != url.AbsoluteUri)
                return Error(401, "invalid_client", $"AADSTS700212: No matching federated identity record found for presented assertion audience '{Text(body, "aud")}'.");
            if (Text(body, "iss") != clientId || Text(body, "sub") != clientId)
                return Error(401, "invalid_client", "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.");
            var now = Now.ToUnixTimeSeconds();
            if (Number(body, "exp") is not long exp || exp <= now || (Number(body, "nbf") is long nbf && nbf > now + 300) || exp - now > 600 + 60)
                return Error(401, "invalid_client", "AADSTS700024: Client assertion is not within its valid time range.");
            if (Text(body, "jti") == null)
                return Error(401, "invalid_client", "AADSTS700023: Client assertion has no jti.");
        }
        else if (client.Secret == null || form.GetValueOrDefault("client_secret") != client.Secret)
        {
            return Error(401, "invalid_client", $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
        }

        return Issued(client.User, scope, refreshToken: null);
    }

    private Reply JwtBearer(Uri url, JsonElement? header, JsonElement? claims, string? assertion)
    {
        if (header is not JsonElement head || claims is not JsonElement body)
            return Error(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
        var issuer = Text(body, "iss");
        if (issuer == null || !serviceAccounts.TryGetValue(issuer, out var account))
            return Error(400, "invalid_grant", "Invalid grant: account not found");
        if (Text(head, "kid") != account.KeyId)
            return Error(400, "invalid_grant", "Invalid JWT Signature.");
        using (var key = RSA.Create(account.PublicKey))
        {
            if (Text(head, "alg") != "RS256" || !VerifySignature(assertion!, key))
                return Error(400, "invalid_grant", "Invalid JWT Signature.");
        }

        if (Text(body, "aud") != url.AbsoluteUri)
            return Error(400, "invalid_grant", "Invalid JWT: Failed audience check. The right audience is " + url.AbsoluteUri);
        var now = Now.ToUnixTimeSeconds();
        if (Number(body, "iat") is not long iat || Number(body, "exp") is not long exp || exp <= now || iat > now + 300 || exp - iat > 3600)
            return Error(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        var scope = Text(body, "scope");
        if (scope == null || !scope.Split(' ').Contains(GoogleScope))
            return Error(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        var user = Text(body, "sub") ?? account.ClientEmail;
        return Issued(user, scope, refreshToken: null);
    }

    private Reply RefreshToken(Dictionary<string, string> form, string? clientId, bool microsoft)
    {
        if (clientId == null || !clients.TryGetValue(clientId, out var client))
            return microsoft
                ? Error(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory.")
                : Error(401, "invalid_client", "The OAuth client was not found.");
        if (!microsoft && form.GetValueOrDefault("client_secret") != client.Secret)
            return Error(401, "invalid_client", "Unauthorized");
        var token = form.GetValueOrDefault("refresh_token") ?? string.Empty;
        if (!refreshTokens.TryGetValue(token, out var grant) || grant.ClientId != clientId)
            return microsoft
                ? Error(400, "invalid_grant", "AADSTS70000: The provided value for the 'refresh_token' is not valid.")
                : Error(400, "invalid_grant", "Token has been expired or revoked.");
        string? rotated = null;
        if (microsoft)
        {
            // Microsoft gives a new refresh token with each; here the old one stops working, so a client must keep the newest.
            refreshTokens.TryRemove(token, out _);
            rotated = IssueRefreshToken(clientId, grant.User);
        }

        return Issued(grant.User, form.GetValueOrDefault("scope") ?? string.Empty, rotated);
    }

    private Reply DeviceCodeToken(Dictionary<string, string> form, string? clientId, bool microsoft)
    {
        var code = form.GetValueOrDefault("device_code") ?? string.Empty;
        if (!deviceCodes.TryGetValue(code, out var pending) || pending.ClientId != clientId)
            return Error(400, "invalid_grant", microsoft ? "AADSTS70000: The provided value for 'device_code' is not valid." : "Malformed auth code.");
        if (!microsoft && (clientId == null || !clients.TryGetValue(clientId, out var client) || form.GetValueOrDefault("client_secret") != client.Secret))
            return Error(401, "invalid_client", "Unauthorized");
        if (pending.State == DeviceCodeState.Pending && Now >= pending.ExpiresAt)
            pending.State = DeviceCodeState.Expired;
        if (pending.State == DeviceCodeState.Pending && TakeSlowDown())
            return Error(microsoft ? 400 : 403, "slow_down", "Polling too frequently.");
        switch (pending.State)
        {
            case DeviceCodeState.Pending:
                return Error(microsoft ? 400 : 428, "authorization_pending", microsoft
                    ? "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling."
                    : "Precondition Required");
            case DeviceCodeState.Denied:
                return Error(microsoft ? 400 : 403, "access_denied", microsoft
                    ? "AADSTS70000: The user denied the authorization request."
                    : "Forbidden");
            case DeviceCodeState.Expired:
                return Error(400, "expired_token", microsoft
                    ? "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired."
                    : "Expired");
            case DeviceCodeState.Used:
                return Error(400, "invalid_grant", "The device code was already used.");
        }

        pending.State = DeviceCodeState.Used;
        var refreshToken = IssueRefreshToken(clientId!, pending.User!);
        return Issued(pending.User!, pending.Scope, refreshToken);
    }

    private bool TakeSlowDown()
    {
        while (true)
        {
            var left = Volatile.Read(ref slowDowns);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref slowDowns, left - 1, left) == left)
                return true;
        }
    }

    private Reply Issued(string user, string scope, string? refreshToken)
    {
        var token = Tokens.Issue(user);
        var expiresIn = (long)Tokens.Lifetime.TotalSeconds;
        return refreshToken == null
            ? new Reply(200, new { token_type = "Bearer", expires_in = expiresIn, ext_expires_in = expiresIn, access_token = token, scope })
            : new Reply(200, new { token_type = "Bearer", expires_in = expiresIn, access_token = token, refresh_token = refreshToken, scope });
    }

    private static Reply Error(int status, string error, string description) =>
        new(status, new { error, error_description = description }, error);

    private static async Task Answer(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }

    private static bool TryDecode(string jwt, out JsonElement header, out JsonElement claims)
    {
        header = claims = default;
        var parts = jwt.Split('.');
        if (parts.Length != 3)
            return false;
        try
        {
            header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement.Clone();
            claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement.Clone();
            return header.ValueKind == JsonValueKind.Object && claims.ValueKind == JsonValueKind.Object;
        }
        catch (Exception e) when (e is FormatException || e is JsonException)
        {
            return false;
        }
    }

    private static bool VerifySignature(string jwt, RSA key)
    {
        var parts = jwt.Split('.');
        try
        {
            return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private sealed record Reply(int Status, object Body, string? Error = null);

    private sealed record RegisteredClient(string ClientId, string? Secret, X509Certificate2? Certificate, string User);

    private sealed record RegisteredServiceAccount(string ClientEmail, string KeyId, RSAParameters PublicKey);

    private sealed record RefreshGrant(string ClientId, string User);

    private enum DeviceCodeState
    {
        Pending,
        Approved,
        Denied,
        Expired,
        Used,
    }

    private sealed class PendingDeviceCode(string deviceCode, string userCode, string clientId, string scope, DateTimeOffset expiresAt)
    {
        public string DeviceCode { get; } = deviceCode;

        public string UserCode { get; } = userCode;

        public string ClientId { get; } = clientId;

        public string Scope { get; } = scope;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public volatile DeviceCodeState State;

        public string? User { get; private set; }

        public void Approve(string user)
        {
            User = user;
            State = DeviceCodeState.Approved;
        }
    }
}
