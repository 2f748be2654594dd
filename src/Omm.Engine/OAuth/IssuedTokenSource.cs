using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// Tokens asked of an issuer (Microsoft365, Google) for one side. A token got is handed out again until
    /// min(5 min, half its lifetime) before it expires; then, or when asked to refresh, a new one is asked. Callers at
    /// the same time share one request. A device code side renews with its refresh token and keeps the newest one the
    /// issuer rotates to (in memory: the secret recorded with the side is not rewritten).
    /// </summary>
    public sealed class IssuedTokenSource : IAccessTokenSource
    {
        /// <summary>How long before expiry a token stops being handed out (or half its lifetime when shorter).</summary>
        public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

        private readonly OAuthSettings settings;
        private readonly TokenEndpointClient client;
        private readonly TimeProvider time;
        private readonly object gate = new object();
        private AccessToken? current;
        private DateTimeOffset renewAt;
        private Task<AccessToken>? pending;
        private string? refreshToken;
        private AssertionCertificate? certificate;
        private int requestCount;

        internal IssuedTokenSource(OAuthSettings settings, TokenEndpointClient client, TimeProvider time)
        {
            if (settings.Provider == TokenOrigin.Token)
                throw new ArgumentException("A given token is not asked of an issuer.", nameof(settings));
            if (settings.Account == null)
                throw new ArgumentException("The settings name no account.", nameof(settings));
            this.settings = settings;
            this.client = client;
            this.time = time;
            refreshToken = settings.RefreshToken;
        }

        public string Account => settings.Account!;

        public bool CanRefresh => true;

        public OAuthSettings Settings => settings;

        /// <summary>How many token requests this source sent (for tests and diagnostics).</summary>
        public int RequestCount => Volatile.Read(ref requestCount);

        /// <summary>The newest refresh token (device code sides): the issuer may have rotated the one recorded.</summary>
        internal string? RefreshToken
        {
            get
            {
                lock (gate)
                    return refreshToken;
            }
        }

        public Task<AccessToken> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task<AccessToken> request;
            lock (gate)
            {
                if (!refresh && current != null && time.GetUtcNow() < renewAt)
                    return Task.FromResult(current.AsCached());
                // A request ended (well or not) is no longer shared: a failure is not handed to later callers.
                if (pending == null || pending.IsCompleted)
                    pending = RequestAsync();
                request = pending;
            }

            return WaitAsync(request, cancellationToken);
        }

        /// <summary>Hands out <paramref name="token"/> (just got by a device code sign-in) and keeps its refresh token.</summary>
        public void Remember(AccessToken token, string? newRefreshToken)
        {
            lock (gate)
            {
                Keep(token);
                if (!string.IsNullOrEmpty(newRefreshToken))
                    refreshToken = newRefreshToken;
            }
        }

        /// <summary>The request runs to its end whoever cancels: other callers may be waiting for it.</summary>
        private async Task<AccessToken> RequestAsync()
        {
            await Task.Yield();
            Interlocked.Increment(ref requestCount);
            var tokenUrl = settings.TokenUrl!;
            var form = Form(tokenUrl);
            var reply = await client.PostAsync(tokenUrl, form, settings.Who, CancellationToken.None).ConfigureAwait(false);
            if (reply.Error != null)
                throw Refused(reply);
            var value = reply.Text("access_token")
                ?? throw new MigrationFailedException(FailureKind.Protocol, $"{TokenEndpointClient.Capital(settings.Who)}: the OAuth issuer {settings.Issuer} answered no access_token.");
            var expiresIn = reply.Number("expires_in");
            var token = new AccessToken(value, expiresIn is long seconds ? time.GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null);
            lock (gate)
            {
                Keep(token);
                if (reply.Text("refresh_token") is string rotated)
                    refreshToken = rotated;
            }

            return token;
        }

        private void Keep(AccessToken token)
        {
            current = token;
            var now = time.GetUtcNow();
            if (token.ExpiresAt is DateTimeOffset expiresAt)
            {
                var lifetime = expiresAt - now;
                var margin = TimeSpan.FromTicks(Math.Min(RenewBefore.Ticks, Math.Max(0, lifetime.Ticks / 2)));
                renewAt = expiresAt - margin;
            }
            else
            {
                // The issuer did not say: use it for the time a token usually lives, less the margin.
                renewAt = now + TimeSpan.FromMinutes(55);
            }
        }

        private List<KeyValuePair<string, string>> Form(Uri tokenUrl)
        {
            var form = new List<KeyValuePair<string, string>>();
            void Add(string name, string value) => form.Add(new KeyValuePair<string, string>(name, value));
            var now = time.GetUtcNow();
            if (settings.Flow == OAuthFlow.DeviceCode)
            {
                var refresh = RefreshToken ?? throw new MigrationFailedException(FailureKind.Authentication,
                    $"{TokenEndpointClient.Capital(settings.Who)}: OAuth {settings.Provider} DeviceCode has no refresh token yet: sign in by device code first.");
                Add("grant_type", "refresh_token");
                Add("client_id", settings.ClientId!);
                if (settings.ClientSecret != null)
                    Add("client_secret", settings.ClientSecret);
                Add("refresh_token", refresh);
                if (settings.Provider == TokenOrigin.Microsoft365)
                    Add("scope", settings.Scope);
            }
            else if (settings.Provider == TokenOrigin.Google)
            {
                Add("grant_type", ServiceAccountAssertion.GrantType);
                Add("assertion", ServiceAccountAssertion.Create(settings.ServiceAccountKey!, Account, settings.Scope, tokenUrl, now));
            }
            else
            {
                Add("grant_type", "client_credentials");
                Add("client_id", settings.ClientId!);
                Add("scope", settings.Scope);
                if (settings.Certificate != null)
                {
                    Add("client_assertion_type", ClientAssertion.Type);
                    Add("client_assertion", ClientAssertion.Create(Certificate(), settings.ClientId!, tokenUrl, now));
                }
                else
                {
                    Add("client_secret", settings.ClientSecret!);
                }
            }

            return form;
        }

        private AssertionCertificate Certificate()
        {
            lock (gate)
            {
                if (certificate != null)
                    return certificate;
            }

            AssertionCertificate loaded;
            try
            {
                loaded = AssertionCertificate.Load(settings.Certificate!, settings.CertificatePassword);
            }
            catch (ArgumentException e)
            {
                throw new MigrationFailedException(FailureKind.Authentication, $"{TokenEndpointClient.Capital(settings.Who)}: {e.Message}", e);
            }

            lock (gate)
            {
                if (certificate == null)
                    certificate = loaded;
                else
                    loaded.Dispose();
                return certificate;
            }
        }

        private MigrationFailedException Refused(TokenEndpointReply reply) =>
            new MigrationFailedException(FailureKind.Authentication,
                $"{TokenEndpointClient.Capital(settings.Who)}: the OAuth issuer {settings.Issuer} refused {Grant()} (HTTP {reply.Status}): {reply.Reason}");

        private string Grant() => settings.Flow == OAuthFlow.DeviceCode ? "the refresh token"
            : settings.Provider == TokenOrigin.Google ? $"the service account {settings.ClientId}"
            : settings.Certificate != null ? $"the certificate of application {settings.ClientId}"
            : $"the client secret of application {settings.ClientId}";

        private static Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
                return task;
            return WaitCancellableAsync(task, cancellationToken);
        }

        private static async Task<T> WaitCancellableAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    throw new OperationCanceledException(cancellationToken);
            }

            return await task.ConfigureAwait(false);
        }
    }
}
