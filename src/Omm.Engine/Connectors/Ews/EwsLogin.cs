using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// How one EWS session logs in. Basic goes up front in each request's header. NTLM and Negotiate are connection-bound
    /// handshakes the HTTP handler does itself from its Credentials (a <see cref="CredentialCache"/> holding only those
    /// schemes, so the handler never falls back to Basic). In <see cref="EwsAuthentication.Auto"/> the session starts with
    /// Basic and, at the first 401 that offers NTLM or Negotiate, sends that request again through a second handler that
    /// does NTLM, and every later one too.
    /// </summary>
    internal sealed class EwsLogin : IDisposable
    {
        private readonly AccountEndpoint endpoint;
        private readonly NetworkCredential credential;
        private readonly Func<ICredentials?, HttpMessageHandler> handlers;
        private readonly AuthenticationHeaderValue basic;
        private readonly object gate = new object();
        private HttpClient? basicClient;
        private HttpClient? windowsClient;
        private string? windowsSchemes;
        private volatile bool switched;

        /// <param name="credential">Who logs in: the side's login, or the administrator acting for it.</param>
        /// <param name="handlers">Makes the handler for a client: without credentials for Basic, with the cache for NTLM/Negotiate.</param>
        public EwsLogin(AccountEndpoint endpoint, NetworkCredential credential, Func<ICredentials?, HttpMessageHandler> handlers)
        {
            this.endpoint = endpoint;
            this.credential = credential;
            this.handlers = handlers;
            Mode = EwsOptions.AuthenticationOf(endpoint);
            basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password)));
        }

        public EwsAuthentication Mode { get; }

        /// <summary>Whether requests now carry Basic: in Basic mode, and in Auto until the server asked for NTLM.</summary>
        public bool SendsBasic => Mode == EwsAuthentication.Basic || (Mode == EwsAuthentication.Auto && !switched);

        /// <summary>What was tried, for messages: "Basic", "NTLM", "Basic, then NTLM".</summary>
        public string Tried
        {
            get
            {
                var windows = windowsSchemes ?? (Mode == EwsAuthentication.Negotiate ? "Negotiate" : "NTLM");
                return Mode == EwsAuthentication.Basic || (Mode == EwsAuthentication.Auto && !switched) ? "Basic"
                    : Mode == EwsAuthentication.Auto ? "Basic, then " + windows
                    : windows;
            }
        }

        /// <summary>Sends the request <paramref name="build"/> makes (again, after Auto's switch); the caller disposes the response.</summary>
        public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
        {
            if (SendsBasic)
            {
                var request = build();
                request.Headers.Authorization = basic;
                var response = await BasicClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (Mode == EwsAuthentication.Basic || response.StatusCode != HttpStatusCode.Unauthorized || !OffersWindowsLogin(response))
                    return response;
                var offered = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
                response.Dispose();
                request.Dispose();
                SwitchToWindowsLogin(offered.Any(s => s.Equals("NTLM", StringComparison.OrdinalIgnoreCase)));
            }

            try
            {
                return await WindowsClient(true).SendAsync(build(), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is HttpRequestException) && !(e is OperationCanceledException))
            {
                // .NET's NTLM client throws on some answers instead of giving back the 401 (e.g. a bare "NTLM" after its
                // NEGOTIATE_MESSAGE: ArgumentOutOfRangeException in ManagedNtlmNegotiateAuthenticationPal.ProcessChallenge).
                throw new MigrationFailedException(FailureKind.Authentication,
                    $"The {endpoint.RoleName} Exchange server {endpoint.EwsUrl} did not complete the {Tried} login of '{credential.UserName}': " +
                    $".NET's {windowsSchemes} client gave up ({e.GetType().Name}: {e.Message}). Check the login and the password; " +
                    $"if the server takes Basic, set the side's {EwsOptions.Authentication} option to Basic.", e);
            }
        }

        public void Dispose()
        {
            basicClient?.Dispose();
            windowsClient?.Dispose();
        }

        private static bool OffersWindowsLogin(HttpResponseMessage response) =>
            response.Headers.WwwAuthenticate.Any(h => h.Scheme.Equals("NTLM", StringComparison.OrdinalIgnoreCase) || h.Scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase));

        private void SwitchToWindowsLogin(bool ntlmOffered)
        {
            lock (gate)
            {
                if (switched)
                    return;
                WindowsClient(ntlmOffered);
                switched = true;
            }
        }

        private HttpClient BasicClient()
        {
            lock (gate)
                return basicClient ??= Client(null);
        }

        /// <param name="ntlmOffered">In Auto, whether the server offered NTLM itself (else only Negotiate, which then carries NTLM).</param>
        private HttpClient WindowsClient(bool ntlmOffered)
        {
            lock (gate)
            {
                if (windowsClient != null)
                    return windowsClient;
                var prefix = new Uri(endpoint.EwsUrl!, "/");
                var cache = new CredentialCache();
                var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
                var negotiate = Mode == EwsAuthentication.Negotiate || (Mode == EwsAuthentication.Auto && (windows || !ntlmOffered));
                var ntlm = Mode == EwsAuthentication.Ntlm || (Mode == EwsAuthentication.Auto && ntlmOffered);
                if (negotiate)
                    cache.Add(prefix, "Negotiate", credential);
                if (ntlm)
                    cache.Add(prefix, "NTLM", credential);
                windowsSchemes = negotiate && ntlm ? "Negotiate/NTLM" : negotiate ? "Negotiate" : "NTLM";
                ManagedNtlm.PrepareForLogin();
                return windowsClient = Client(cache);
            }
        }

        private HttpClient Client(ICredentials? credentials) =>
            new HttpClient(handlers(credentials)) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
