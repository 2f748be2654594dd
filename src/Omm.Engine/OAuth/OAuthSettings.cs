using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Omm.Engine.Endpoints;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// How one side gets its OAuth2 tokens: read from the side's <see cref="EndpointOptions"/> (<see cref="OAuthOptionNames"/>,
    /// not secret) and its secret (what travels as the password), or built by a cmdlet and turned back into both.
    /// <list type="bullet">
    /// <item><see cref="TokenOrigin.Token"/>: the secret is the access token.</item>
    /// <item><see cref="TokenOrigin.Microsoft365"/> <see cref="OAuthFlow.App"/>: tenant, client id and either a certificate
    /// (<see cref="OAuthOptionNames.Certificate"/>: a thumbprint, or a .pfx path whose password is the secret) or a client secret (the secret).</item>
    /// <item><see cref="TokenOrigin.Microsoft365"/> <see cref="OAuthFlow.DeviceCode"/>: client id, tenant (default <c>organizations</c>); the secret is the refresh token.</item>
    /// <item><see cref="TokenOrigin.Google"/> <see cref="OAuthFlow.App"/>: a service account's JSON key, as the secret or, when the secret is empty, read from <see cref="OAuthOptionNames.KeyFile"/>.</item>
    /// <item><see cref="TokenOrigin.Google"/> <see cref="OAuthFlow.DeviceCode"/>: client id; the secret is <c>{"client_secret":"…","refresh_token":"…"}</c>.</item>
    /// </list>
    /// </summary>
    public sealed class OAuthSettings
    {
        public const string MicrosoftAuthority = "https://login.microsoftonline.com";
        public const string GoogleAuthority = "https://oauth2.googleapis.com";
        public const string MicrosoftAppScope = "https://outlook.office365.com/.default";
        public const string MicrosoftDeviceCodeScope = "https://outlook.office365.com/IMAP.AccessAsUser.All https://outlook.office365.com/POP.AccessAsUser.All https://outlook.office365.com/SMTP.Send offline_access";
        public const string GoogleScope = "https://mail.google.com/";
        public const string MicrosoftDeviceCodeTenant = "organizations";

        private OAuthSettings(TokenOrigin provider, OAuthFlow flow)
        {
            Provider = provider;
            Flow = flow;
        }

        public TokenOrigin Provider { get; }

        public OAuthFlow Flow { get; }

        /// <summary>"source" or "destination" when read from a side, for messages; null otherwise.</summary>
        public string? Side { get; private set; }

        /// <summary>The mailbox login (the SASL user; a Google service account's <c>sub</c>); may be null while a cmdlet builds the settings.</summary>
        public string? Account { get; private set; }

        public string? Tenant { get; private set; }

        /// <summary>The application's id; a Google service account's <c>client_email</c>.</summary>
        public string? ClientId { get; private set; }

        /// <summary>The issuer's base URL as given (<see cref="OAuthOptionNames.Authority"/>), or null for the provider's own.</summary>
        public Uri? Authority { get; private set; }

        /// <summary>The scope as given (<see cref="OAuthOptionNames.Scope"/>), or null for the provider's default.</summary>
        public string? ScopeOverride { get; private set; }

        /// <summary>A certificate thumbprint or a .pfx/.pem path (<see cref="OAuthOptionNames.Certificate"/>).</summary>
        public string? Certificate { get; private set; }

        /// <summary>A Google service account's key file (<see cref="OAuthOptionNames.KeyFile"/>).</summary>
        public string? KeyFile { get; private set; }

        // The secret parts: never in a message, the state file or output.
        internal string? AccessToken { get; private set; }

        internal string? ClientSecret { get; private set; }

        internal string? CertificatePassword { get; private set; }

        internal string? RefreshToken { get; private set; }

        internal ServiceAccountKey? ServiceAccountKey { get; private set; }

        private string? ServiceAccountKeyJson { get; set; }

        /// <summary>The scope asked: the override or the provider's (and flow's) default.</summary>
        public string Scope => ScopeOverride ?? (Provider == TokenOrigin.Google ? GoogleScope
            : Flow == OAuthFlow.DeviceCode ? MicrosoftDeviceCodeScope : MicrosoftAppScope);

        /// <summary>Where tokens are asked for; null for <see cref="TokenOrigin.Token"/>.</summary>
        public Uri? TokenUrl => Provider switch
        {
            TokenOrigin.Microsoft365 => new Uri(Base(MicrosoftAuthority) + "/" + Uri.EscapeDataString(Tenant!) + "/oauth2/v2.0/token"),
            TokenOrigin.Google when Flow == OAuthFlow.App && Authority == null && ServiceAccountKey?.TokenUri != null => ServiceAccountKey.TokenUri,
            TokenOrigin.Google => new Uri(Base(GoogleAuthority) + "/token"),
            _ => null,
        };

        /// <summary>Where a device code login starts; null unless <see cref="OAuthFlow.DeviceCode"/>.</summary>
        public Uri? DeviceCodeUrl => Provider == TokenOrigin.Token || Flow != OAuthFlow.DeviceCode ? null
            : Provider == TokenOrigin.Microsoft365 ? new Uri(Base(MicrosoftAuthority) + "/" + Uri.EscapeDataString(Tenant!) + "/oauth2/v2.0/devicecode")
            : new Uri(Base(GoogleAuthority) + "/device/code");

        /// <summary>Who issues the tokens, for messages: the token URL's scheme, host and path.</summary>
        public string Issuer => TokenUrl?.GetLeftPart(UriPartial.Path) ?? "the access token given";

        /// <summary>Whether a new token can be had when one is refused or expires.</summary>
        public bool CanRefresh => Provider != TokenOrigin.Token;

        /// <summary>The secret as it travels (the password of the side's credential).</summary>
        public string Secret
        {
            get
            {
                if (Provider == TokenOrigin.Token)
                    return AccessToken ?? string.Empty;
                if (Provider == TokenOrigin.Microsoft365)
                    return (Flow == OAuthFlow.DeviceCode ? RefreshToken : Certificate != null ? CertificatePassword : ClientSecret) ?? string.Empty;
                if (Flow == OAuthFlow.App)
                    return ServiceAccountKeyJson ?? string.Empty;
                return GoogleDeviceSecret(ClientSecret, RefreshToken);
            }
        }

        /// <summary>Who the settings are for, for messages: "the source side (user@example.com)".</summary>
        internal string Who => (Side != null ? $"the {Side} side" : "the OAuth login") + (Account != null ? $" ({Account})" : string.Empty);

        /// <summary>A short hash of everything secret, so that cached tokens of one secret are not handed out for another.</summary>
        internal string SecretHash
        {
            get
            {
                using var sha = SHA256.Create();
                var text = string.Join("\n", Secret, Certificate ?? string.Empty, KeyFile ?? string.Empty);
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
            }
        }

        /// <summary>The settings of a side, or null when it does not log in by OAuth2.</summary>
        /// <exception cref="ArgumentException">An option is missing or wrong: the message names it.</exception>
        /// <exception cref="FormatException">The secret or key file is not what the provider needs.</exception>
        public static OAuthSettings? For(AccountEndpoint endpoint)
        {
            if (endpoint == null)
                throw new ArgumentNullException(nameof(endpoint));
            if (endpoint.Options[OAuthOptionNames.Provider] == null)
                return null;
            return Parse(endpoint.Options, endpoint.Credential.Password, endpoint.Account, endpoint.RoleName);
        }

        /// <summary>Reads the settings from a side's options and secret.</summary>
        /// <exception cref="ArgumentException">An option is missing or wrong (<see cref="OAuthOptionNames.Provider"/> included): the message names it.</exception>
        /// <exception cref="FormatException">The secret or key file is not what the provider needs.</exception>
        public static OAuthSettings Parse(EndpointOptions options, string? secret, string? account, string? side = null)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            var providerText = options[OAuthOptionNames.Provider];
            if (string.IsNullOrWhiteSpace(providerText))
                throw new ArgumentException($"Option {OAuthOptionNames.Provider} is missing: give Token, Microsoft365 or Google.", nameof(options));
            if (!TryParseEnum(providerText!, out TokenOrigin provider))
                throw new ArgumentException($"Option {OAuthOptionNames.Provider} is '{providerText}': give Token, Microsoft365 or Google.", nameof(options));
            var flow = OAuthFlow.App;
            var flowText = options[OAuthOptionNames.Flow];
            if (!string.IsNullOrWhiteSpace(flowText) && !TryParseEnum(flowText!, out flow))
                throw new ArgumentException($"Option {OAuthOptionNames.Flow} is '{flowText}': give App or DeviceCode.", nameof(options));
            secret ??= string.Empty;

            var settings = new OAuthSettings(provider, provider == TokenOrigin.Token ? OAuthFlow.App : flow)
            {
                Side = side,
                Account = string.IsNullOrEmpty(account) ? null : account,
                Tenant = Trimmed(options[OAuthOptionNames.Tenant]),
                ClientId = Trimmed(options[OAuthOptionNames.ClientId]),
                ScopeOverride = Trimmed(options[OAuthOptionNames.Scope]),
                Certificate = Trimmed(options[OAuthOptionNames.Certificate]),
                KeyFile = Trimmed(options[OAuthOptionNames.KeyFile]),
            };
            if (Trimmed(options[OAuthOptionNames.Authority]) is string authority)
                settings.Authority = ParseAuthority(authority);

            switch (provider)
            {
                case TokenOrigin.Token:
                    if (secret.Length == 0)
                        throw new ArgumentException($"{settings.Who}: OAuth Token needs the access token as the secret (the password).", nameof(secret));
                    settings.AccessToken = secret;
                    break;
                case TokenOrigin.Microsoft365 when settings.Flow == OAuthFlow.App:
                    Require(settings.Tenant, OAuthOptionNames.Tenant, "the directory (tenant) id or domain");
                    Require(settings.ClientId, OAuthOptionNames.ClientId, "the application (client) id");
                    if (settings.Certificate != null)
                        settings.CertificatePassword = secret.Length == 0 ? null : secret;
                    else if (secret.Length == 0)
                        throw new ArgumentException($"{settings.Who}: Microsoft365 App needs a client secret (the secret) or option {OAuthOptionNames.Certificate}.", nameof(secret));
                    else
                        settings.ClientSecret = secret;
                    break;
                case TokenOrigin.Microsoft365:
                    Require(settings.ClientId, OAuthOptionNames.ClientId, "the application (client) id");
                    settings.Tenant ??= MicrosoftDeviceCodeTenant;
                    settings.RefreshToken = secret.Length == 0 ? null : secret;
                    break;
                case TokenOrigin.Google when settings.Flow == OAuthFlow.App:
                    string json;
                    if (secret.Length > 0)
                        json = secret;
                    else if (settings.KeyFile != null)
                        json = ReadKeyFile(settings.KeyFile);
                    else
                        throw new ArgumentException($"{settings.Who}: Google App needs the service account's JSON key, as the secret or by option {OAuthOptionNames.KeyFile}.", nameof(secret));
                    settings.ServiceAccountKey = OAuth.ServiceAccountKey.Parse(json, settings.KeyFile ?? "the service account key (the secret)");
                    settings.ServiceAccountKeyJson = secret.Length > 0 ? secret : null;
                    settings.ClientId ??= settings.ServiceAccountKey.ClientEmail;
                    if (!string.Equals(settings.ClientId, settings.ServiceAccountKey.ClientEmail, StringComparison.OrdinalIgnoreCase))
                        throw new ArgumentException($"Option {OAuthOptionNames.ClientId} is '{settings.ClientId}' but the service account key is of {settings.ServiceAccountKey.ClientEmail}.", nameof(options));
                    break;
                default:
                    Require(settings.ClientId, OAuthOptionNames.ClientId, "the OAuth client id");
                    ReadGoogleDeviceSecret(secret, settings);
                    break;
            }

            return settings;
        }

        /// <summary>An access token used as is.</summary>
        public static OAuthSettings ForToken(string accessToken)
        {
            if (string.IsNullOrEmpty(accessToken))
                throw new ArgumentException("The access token is empty.", nameof(accessToken));
            return new OAuthSettings(TokenOrigin.Token, OAuthFlow.App) { AccessToken = accessToken };
        }

        /// <summary>A Microsoft Entra application logging in with a client secret.</summary>
        public static OAuthSettings ForMicrosoftApp(string tenant, string clientId, string clientSecret, Uri? authority = null, string? scope = null)
        {
            if (string.IsNullOrEmpty(clientSecret))
                throw new ArgumentException("The client secret is empty.", nameof(clientSecret));
            return MicrosoftApp(tenant, clientId, authority, scope, s => s.ClientSecret = clientSecret);
        }

        /// <summary>A Microsoft Entra application logging in with a certificate: a thumbprint (the user's or machine's store) or a .pfx path and its password.</summary>
        public static OAuthSettings ForMicrosoftAppCertificate(string tenant, string clientId, string certificate, string? pfxPassword = null, Uri? authority = null, string? scope = null)
        {
            if (string.IsNullOrWhiteSpace(certificate))
                throw new ArgumentException("Give the certificate's thumbprint or .pfx path.", nameof(certificate));
            return MicrosoftApp(tenant, clientId, authority, scope, s =>
            {
                s.Certificate = certificate.Trim();
                s.CertificatePassword = string.IsNullOrEmpty(pfxPassword) ? null : pfxPassword;
            });
        }

        /// <summary>A Microsoft user signing in by device code; the refresh token is null until the sign-in is done.</summary>
        public static OAuthSettings ForMicrosoftDeviceCode(string clientId, string? tenant = null, string? refreshToken = null, Uri? authority = null, string? scope = null)
        {
            var settings = new OAuthSettings(TokenOrigin.Microsoft365, OAuthFlow.DeviceCode)
            {
                ClientId = Trimmed(clientId),
                Tenant = Trimmed(tenant) ?? MicrosoftDeviceCodeTenant,
                RefreshToken = string.IsNullOrEmpty(refreshToken) ? null : refreshToken,
                Authority = authority == null ? null : ParseAuthority(authority.AbsoluteUri),
                ScopeOverride = Trimmed(scope),
            };
            Require(settings.ClientId, OAuthOptionNames.ClientId, "the application (client) id");
            return settings;
        }

        /// <summary>A Google service account (domain-wide delegation), its JSON key given (<paramref name="keyJson"/>) or by path (<paramref name="keyFile"/>).</summary>
        public static OAuthSettings ForGoogleApp(string? keyJson = null, string? keyFile = null, Uri? authority = null, string? scope = null)
        {
            var settings = new OAuthSettings(TokenOrigin.Google, OAuthFlow.App)
            {
                KeyFile = Trimmed(keyFile),
                Authority = authority == null ? null : ParseAuthority(authority.AbsoluteUri),
                ScopeOverride = Trimmed(scope),
                ServiceAccountKeyJson = string.IsNullOrEmpty(keyJson) ? null : keyJson,
            };
            var json = settings.ServiceAccountKeyJson ?? (settings.KeyFile != null ? ReadKeyFile(settings.KeyFile)
                : throw new ArgumentException("Give the service account's JSON key or its file.", nameof(keyJson)));
            settings.ServiceAccountKey = OAuth.ServiceAccountKey.Parse(json, settings.KeyFile ?? "the service account key");
            settings.ClientId = settings.ServiceAccountKey.ClientEmail;
            return settings;
        }

        /// <summary>A Google user signing in by device code; the refresh token is null until the sign-in is done.</summary>
        public static OAuthSettings ForGoogleDeviceCode(string clientId, string clientSecret, string? refreshToken = null, Uri? authority = null, string? scope = null)
        {
            if (string.IsNullOrEmpty(clientSecret))
                throw new ArgumentException("The client secret is empty.", nameof(clientSecret));
            var settings = new OAuthSettings(TokenOrigin.Google, OAuthFlow.DeviceCode)
            {
                ClientId = Trimmed(clientId),
                ClientSecret = clientSecret,
                RefreshToken = string.IsNullOrEmpty(refreshToken) ? null : refreshToken,
                Authority = authority == null ? null : ParseAuthority(authority.AbsoluteUri),
                ScopeOverride = Trimmed(scope),
            };
            Require(settings.ClientId, OAuthOptionNames.ClientId, "the OAuth client id");
            return settings;
        }

        /// <summary>These settings once a device code sign-in (or a rotation) gave a refresh token.</summary>
        public OAuthSettings WithRefreshToken(string refreshToken)
        {
            if (Flow != OAuthFlow.DeviceCode || Provider == TokenOrigin.Token)
                throw new InvalidOperationException("Only a device code login keeps a refresh token.");
            if (string.IsNullOrEmpty(refreshToken))
                throw new ArgumentException("The refresh token is empty.", nameof(refreshToken));
            var copy = (OAuthSettings)MemberwiseClone();
            copy.RefreshToken = refreshToken;
            return copy;
        }

        /// <summary>These settings for one side's account (the SASL user, a service account's <c>sub</c>).</summary>
        public OAuthSettings ForAccount(string account, string? side = null)
        {
            var copy = (OAuthSettings)MemberwiseClone();
            copy.Account = account;
            copy.Side = side ?? Side;
            return copy;
        }

        /// <summary><paramref name="options"/> with these settings' OAuth options set (the others of <see cref="OAuthOptionNames"/> removed).</summary>
        public EndpointOptions ApplyTo(EndpointOptions? options)
        {
            var result = (options ?? EndpointOptions.None)
                .With(OAuthOptionNames.Provider, Provider.ToString())
                .With(OAuthOptionNames.Flow, Provider == TokenOrigin.Token ? null : Flow.ToString())
                .With(OAuthOptionNames.Tenant, Provider == TokenOrigin.Microsoft365 ? Tenant : null)
                .With(OAuthOptionNames.ClientId, Provider == TokenOrigin.Token || (Provider == TokenOrigin.Google && Flow == OAuthFlow.App) ? null : ClientId)
                .With(OAuthOptionNames.Authority, Authority?.AbsoluteUri.TrimEnd('/'))
                .With(OAuthOptionNames.Scope, ScopeOverride)
                .With(OAuthOptionNames.Certificate, Certificate)
                .With(OAuthOptionNames.KeyFile, KeyFile);
            return result;
        }

        public override string ToString() => Provider == TokenOrigin.Token ? "OAuth Token" : $"OAuth {Provider} {Flow} ({Issuer})";

        private static OAuthSettings MicrosoftApp(string tenant, string clientId, Uri? authority, string? scope, Action<OAuthSettings> secret)
        {
            var settings = new OAuthSettings(TokenOrigin.Microsoft365, OAuthFlow.App)
            {
                Tenant = Trimmed(tenant),
                ClientId = Trimmed(clientId),
                Authority = authority == null ? null : ParseAuthority(authority.AbsoluteUri),
                ScopeOverride = Trimmed(scope),
            };
            Require(settings.Tenant, OAuthOptionNames.Tenant, "the directory (tenant) id or domain");
            Require(settings.ClientId, OAuthOptionNames.ClientId, "the application (client) id");
            secret(settings);
            return settings;
        }

        private string Base(string providerAuthority) => (Authority?.AbsoluteUri ?? providerAuthority).TrimEnd('/');

        private static Uri ParseAuthority(string text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !AccountEndpoint.IsWebUrl(url))
                throw new ArgumentException($"Option {OAuthOptionNames.Authority} is '{text}': give the issuer's https:// URL, e.g. {MicrosoftAuthority}.");
            if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
                throw new ArgumentException($"Option {OAuthOptionNames.Authority} is '{text}': an issuer is reached by https:// (plain http:// only on this machine).");
            return url;
        }

        private static void Require(string? value, string option, string what)
        {
            if (value == null)
                throw new ArgumentException($"Option {option} is missing: give {what}.");
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static bool TryParseEnum<T>(string text, out T value) where T : struct =>
            Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(typeof(T), value) && !int.TryParse(text.Trim(), out _);

        private static string ReadKeyFile(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                throw new ArgumentException($"Option {OAuthOptionNames.KeyFile}: the key file '{path}' cannot be read: {e.Message}", e);
            }
        }

        private static string GoogleDeviceSecret(string? clientSecret, string? refreshToken)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("client_secret", clientSecret ?? string.Empty);
                if (refreshToken != null)
                    writer.WriteString("refresh_token", refreshToken);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void ReadGoogleDeviceSecret(string secret, OAuthSettings settings)
        {
            const string Shape = "Google DeviceCode needs the secret {\"client_secret\":\"…\",\"refresh_token\":\"…\"}";
            try
            {
                using var document = JsonDocument.Parse(secret);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new FormatException($"{settings.Who}: {Shape}.");
                settings.ClientSecret = root.TryGetProperty("client_secret", out var clientSecret) && clientSecret.ValueKind == JsonValueKind.String && clientSecret.GetString() is { Length: > 0 } cs
                    ? cs : throw new FormatException($"{settings.Who}: {Shape}: client_secret is missing.");
                settings.RefreshToken = root.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String && refresh.GetString() is { Length: > 0 } rt
                    ? rt : null;
            }
            catch (JsonException)
            {
                throw new FormatException($"{settings.Who}: {Shape}; the secret given is not JSON.");
            }
        }
    }
}
