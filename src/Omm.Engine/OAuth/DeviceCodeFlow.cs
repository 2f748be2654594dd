using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// The device authorization grant (RFC 8628) of a <see cref="OAuthFlow.DeviceCode"/> side: <see cref="StartAsync"/>
    /// asks for the codes (the caller shows <see cref="DeviceCodeLogin.Message"/>), <see cref="PollAsync"/> waits until
    /// the user has signed in and gives the tokens. Start and poll are apart so that a cmdlet shows the message on its
    /// own thread.
    /// </summary>
    public sealed class DeviceCodeFlow
    {
        public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

        private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

        private readonly TokenEndpointClient client;

        public DeviceCodeFlow()
            : this(OAuthTokenCache.Shared)
        {
        }

        /// <summary>A flow whose requests and clock are those of <paramref name="cache"/>.</summary>
        public DeviceCodeFlow(OAuthTokenCache cache)
        {
            client = cache.Client;
            Time = cache.Time;
        }

        public TimeProvider Time { get; }

        /// <summary>Asks the issuer for a device code and a user code.</summary>
        /// <exception cref="ArgumentException">The settings are not of a device code side.</exception>
        /// <exception cref="MigrationFailedException">The issuer refused (unknown client: Authentication) or cannot be reached (Connection).</exception>
        public async Task<DeviceCodeLogin> StartAsync(OAuthSettings settings, CancellationToken cancellationToken)
        {
            if (settings == null)
                throw new ArgumentNullException(nameof(settings));
            var url = settings.DeviceCodeUrl ?? throw new ArgumentException($"{settings} is not a device code login.", nameof(settings));
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("client_id", settings.ClientId!),
                new KeyValuePair<string, string>("scope", settings.Scope),
            };
            var reply = await client.PostAsync(url, form, settings.Who, cancellationToken).ConfigureAwait(false);
            if (reply.Error != null)
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"{TokenEndpointClient.Capital(settings.Who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} refused a device code sign-in for application {settings.ClientId} (HTTP {reply.Status}): {reply.Reason}");
            var deviceCode = reply.Text("device_code");
            var userCode = reply.Text("user_code");
            var uriText = reply.Text("verification_uri") ?? reply.Text("verification_url");
            if (deviceCode == null || userCode == null || uriText == null || !Uri.TryCreate(uriText, UriKind.Absolute, out var verificationUri))
                throw new MigrationFailedException(FailureKind.Protocol,
                    $"{TokenEndpointClient.Capital(settings.Who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} answered no device_code, user_code or verification_uri.");
            var interval = TimeSpan.FromSeconds(Math.Max(1, reply.Number("interval") ?? 5));
            var expiresAt = Time.GetUtcNow().AddSeconds(reply.Number("expires_in") ?? 900);
            var message = reply.Text("message") ?? $"To sign in, open {verificationUri} in a browser and enter the code {userCode}.";
            return new DeviceCodeLogin(settings, deviceCode, userCode, verificationUri, message, interval, expiresAt);
        }

        /// <summary>Asks once whether the user has signed in: the tokens, or null while they have not (slow_down makes <see cref="DeviceCodeLogin.Interval"/> 5 s longer).</summary>
        /// <exception cref="MigrationFailedException">Refused, expired or failed: Authentication, with the issuer's reason.</exception>
        public async Task<DeviceCodeTokens?> PollOnceAsync(DeviceCodeLogin login, CancellationToken cancellationToken)
        {
            if (login == null)
                throw new ArgumentNullException(nameof(login));
            var settings = login.Settings;
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("grant_type", GrantType),
                new KeyValuePair<string, string>("client_id", settings.ClientId!),
                new KeyValuePair<string, string>("device_code", login.DeviceCode),
            };
            if (settings.ClientSecret != null)
                form.Add(new KeyValuePair<string, string>("client_secret", settings.ClientSecret));
            var reply = await client.PostAsync(settings.TokenUrl!, form, settings.Who, cancellationToken).ConfigureAwait(false);
            var who = TokenEndpointClient.Capital(settings.Who);
            switch (reply.Error)
            {
                case null:
                    var value = reply.Text("access_token")
                        ?? throw new MigrationFailedException(FailureKind.Protocol, $"{who}: the OAuth issuer {settings.Issuer} answered no access_token.");
                    var expiresIn = reply.Number("expires_in");
                    return new DeviceCodeTokens(
                        new AccessToken(value, expiresIn is long seconds ? Time.GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null),
                        reply.Text("refresh_token"));
                case "authorization_pending":
                    return null;
                case "slow_down":
                    login.Interval += SlowDownStep;
                    return null;
                case "expired_token":
                    throw new MigrationFailedException(FailureKind.Authentication, $"{who}: the device code expired before the sign-in was done; start again ({reply.Reason}).");
                case "access_denied":
                    throw new MigrationFailedException(FailureKind.Authentication, $"{who}: the sign-in was declined at {login.VerificationUri} ({reply.Reason}).");
                default:
                    throw new MigrationFailedException(FailureKind.Authentication, $"{who}: the OAuth issuer {settings.Issuer} refused the device code sign-in (HTTP {reply.Status}): {reply.Reason}");
            }
        }

        /// <summary>Waits <see cref="DeviceCodeLogin.Interval"/> between polls until the user has signed in, declined, or the code expired.</summary>
        /// <exception cref="MigrationFailedException">Declined or expired (Authentication), issuer unreachable (Connection).</exception>
        /// <exception cref="OperationCanceledException">Cancelled.</exception>
        public async Task<DeviceCodeTokens> PollAsync(DeviceCodeLogin login, CancellationToken cancellationToken)
        {
            if (login == null)
                throw new ArgumentNullException(nameof(login));
            while (true)
            {
                if (Time.GetUtcNow() >= login.ExpiresAt)
                    throw new MigrationFailedException(FailureKind.Authentication,
                        $"{TokenEndpointClient.Capital(login.Settings.Who)}: the device code expired before the sign-in was done; start again.");
                await Time.Delay(login.Interval, cancellationToken).ConfigureAwait(false);
                var tokens = await PollOnceAsync(login, cancellationToken).ConfigureAwait(false);
                if (tokens != null)
                    return tokens;
            }
        }
    }
}
