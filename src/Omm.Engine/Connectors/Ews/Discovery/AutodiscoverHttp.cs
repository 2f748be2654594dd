using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// The HTTP requests of one discovery: POSTs that log in, which go over HTTPS only, and anonymous GETs. Each request
    /// has a time limit; redirects are not followed here but handed back. Failures to connect come back as an answer
    /// with <see cref="AutodiscoverHttpAnswer.Failure"/> set, in words.
    /// </summary>
    internal sealed class AutodiscoverHttp : IDisposable
    {
        private const int MaxAnswerBytes = 1024 * 1024;

        private readonly DiscoveryOptions options;
        private readonly NetworkCredential? credential;
        private HttpClient? withLogin;
        private HttpClient? anonymous;

        public AutodiscoverHttp(DiscoveryOptions options, NetworkCredential? credential)
        {
            this.options = options;
            this.credential = credential;
        }

        public Task<AutodiscoverHttpAnswer> PostAsync(Uri url, string body, string? soapAction, CancellationToken cancellationToken)
        {
            // The one place the login may leave: a caller passing an http:// URL here is a bug, not a server's doing.
            if (url.Scheme != Uri.UriSchemeHttps)
                throw new InvalidOperationException($"Refusing to send a login to {url}: not HTTPS.");
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(body)),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
            if (soapAction != null)
                request.Headers.TryAddWithoutValidation("SOAPAction", "\"" + soapAction + "\"");
            withLogin ??= NewClient(credential);
            return SendAsync(withLogin, request, cancellationToken);
        }

        public Task<AutodiscoverHttpAnswer> GetAnonymousAsync(Uri url, CancellationToken cancellationToken)
        {
            anonymous ??= NewClient(null);
            return SendAsync(anonymous, new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        }

        public void Dispose()
        {
            withLogin?.Dispose();
            anonymous?.Dispose();
        }

        private HttpClient NewClient(NetworkCredential? login) =>
            new HttpClient(options.HttpHandlerFactory(login), disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = MaxAnswerBytes,
            };

        private async Task<AutodiscoverHttpAnswer> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            using (request)
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(options.RequestTimeout);
                try
                {
                    using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false))
                    {
                        if (response.RequestMessage?.RequestUri is Uri answered && answered != url)
                            return AutodiscoverHttpAnswer.Failed($"the HTTP handler followed a redirect to {answered} by itself; give one with AllowAutoRedirect = false");
                        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        return new AutodiscoverHttpAnswer(
                            (int)response.StatusCode,
                            response.ReasonPhrase ?? string.Empty,
                            text,
                            response.Headers.Location,
                            string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.Scheme)));
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return AutodiscoverHttpAnswer.Failed(string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", options.RequestTimeout.TotalSeconds));
                }
                catch (HttpRequestException e)
                {
                    return AutodiscoverHttpAnswer.Failed(Describe(e, url));
                }
                catch (IOException e)
                {
                    return AutodiscoverHttpAnswer.Failed("the connection broke: " + Innermost(e).Message);
                }
            }
        }

        private static string Describe(Exception e, Uri url)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                            return "connection refused";
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            return $"the host name {url.Host} does not resolve";
                    }

                    return "cannot connect: " + socket.Message;
                }

                if (inner is AuthenticationException)
                    return "TLS failed, the certificate is not trusted for " + url.Host + " (" + Innermost(inner).Message + ")";
            }

            return Innermost(e).Message;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null)
                e = e.InnerException;
            return e;
        }
    }
}
