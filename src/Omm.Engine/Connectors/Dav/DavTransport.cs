using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// Sends one HTTP request and reads its answer in full, with Basic auth sent up front, a time limit per request,
    /// and failures to reach the server turned into <see cref="DavException"/>s that name the URL and the reason.
    /// The login goes only over HTTPS or to this machine, unless plaintext is allowed. Status codes are left to the caller.
    /// </summary>
    internal sealed class DavTransport : IDisposable
    {
        private const int MaxRedirects = 5;

        private readonly HttpClient http;
        private readonly CertificateCheck certificates;
        private readonly AuthenticationHeaderValue? authorization;
        private readonly bool allowPlaintextLogin;
        private volatile bool connectionPerRequest;

        public DavTransport(NetworkCredential? credential, bool skipCertificateCheck, TimeSpan timeout, bool allowPlaintextLogin = false)
        {
            Timeout = timeout;
            this.allowPlaintextLogin = allowPlaintextLogin;
            certificates = new CertificateCheck(skipCertificateCheck);
            http = NewHttpClient();
            if (credential != null)
            {
                UserName = credential.UserName;
                var pair = Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password);
                authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
            }
        }

        public string? UserName { get; }

        public TimeSpan Timeout { get; }

        /// <summary>HTTPS, or plain HTTP that does not leave this machine (localhost, 127.0.0.0/8, ::1).</summary>
        public static bool IsProtected(Uri url) => url.Scheme == Uri.UriSchemeHttps || url.IsLoopback;

        /// <summary>
        /// Sends the request; with <paramref name="followRedirects"/> it repeats it (same method, same body) at the
        /// Location of a 301/302/303/307/308, keeping the login when the new URL is on the same host or uses HTTPS.
        /// </summary>
        public async Task<DavAnswer> SendAsync(
            string method,
            Uri url,
            string? body,
            string? contentType,
            IReadOnlyList<KeyValuePair<string, string>>? headers,
            bool followRedirects,
            CancellationToken cancellationToken)
        {
            var sendLogin = true;
            for (var hop = 0; ; hop++)
            {
                var answer = await SendOnceAsync(method, url, body, contentType, headers, sendLogin, cancellationToken).ConfigureAwait(false);
                if (!followRedirects || hop >= MaxRedirects || !IsRedirect(answer.Status) || answer.Location == null)
                    return answer;
                var next = new Uri(url, answer.Location);
                sendLogin = sendLogin && (string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase) || next.Scheme == Uri.UriSchemeHttps);
                url = next;
            }
        }

        private async Task<DavAnswer> SendOnceAsync(
            string method,
            Uri url,
            string? body,
            string? contentType,
            IReadOnlyList<KeyValuePair<string, string>>? headers,
            bool sendLogin,
            CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(new HttpMethod(method), url))
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (sendLogin && authorization != null)
                {
                    if (!allowPlaintextLogin && !IsProtected(url))
                        throw new DavPlaintextLoginException(method, url);
                    request.Headers.Authorization = authorization;
                }
                if (headers != null)
                {
                    foreach (var header in headers)
                        request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                if (body != null)
                {
                    request.Content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(body));
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/xml; charset=utf-8");
                }

                limit.CancelAfter(Timeout);
                var ownClient = connectionPerRequest ? NewHttpClient() : null;
                try
                {
                    using (var response = await (ownClient ?? http).SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false))
                    {
                        if (ClosesAfterEachResponse(response))
                            connectionPerRequest = true;
                        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var mediaType = response.Content.Headers.ContentType;
                        return new DavAnswer(
                            method,
                            url,
                            (int)response.StatusCode,
                            response.ReasonPhrase ?? string.Empty,
                            Decode(bytes, mediaType?.CharSet),
                            response.Headers.TryGetValues("ETag", out var eTags) ? eTags.FirstOrDefault() : null,
                            response.Headers.TryGetValues("Location", out var locations) ? locations.FirstOrDefault() : null,
                            mediaType?.ToString(),
                            RetryAfter(response));
                    }
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DavException(
                        string.Format(CultureInfo.InvariantCulture, "The server at {0} did not answer {1} within {2:0.#} s.", url, method, Timeout.TotalSeconds),
                        null, method, url.AbsolutePath, null, e) { IsTransient = true };
                }
                catch (HttpRequestException e)
                {
                    throw new DavException($"Cannot reach the server at {url}: {Describe(e, url)}", null, method, url.AbsolutePath, null, e) { IsTransient = IsTransient(e) };
                }
                catch (IOException e)
                {
                    throw new DavException($"The connection to {url} broke: {Innermost(e).Message}", null, method, url.AbsolutePath, null, e) { IsTransient = true };
                }
                finally
                {
                    ownClient?.Dispose();
                }
            }
        }

        public void Dispose() => http.Dispose();

        /// <summary>
        /// An HTTP/1.0 answer without keep-alive (Radicale's built-in server): the server closes the connection after
        /// each answer. .NET's pool still keeps such connections for reuse, and a request sent on one before the
        /// server's close arrives fails with "response ended prematurely"; so such servers get a connection each.
        /// </summary>
        private static bool ClosesAfterEachResponse(HttpResponseMessage response) =>
            response.Version < HttpVersion.Version11
            && !response.Headers.Connection.Any(c => string.Equals(c, "keep-alive", StringComparison.OrdinalIgnoreCase));

        private HttpClient NewHttpClient()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => certificates.Validate(request, certificate, chain, errors),
            };
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>A broken, refused or timed-out connection; not an untrusted certificate, a failed handshake or an unknown host name.</summary>
        private static bool IsTransient(Exception e)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException)
                    return false;
                if (inner is SocketException socket)
                    return socket.SocketErrorCode != SocketError.HostNotFound && socket.SocketErrorCode != SocketError.NoData;
            }

            return true;
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta)
                return delta;
            if (retryAfter?.Date is DateTimeOffset date)
                return date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero;
            return null;
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        private string Describe(Exception e, Uri url)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                            return "the connection was refused (is the server running, and is the port right?).";
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            return $"the host name '{url.Host}' could not be resolved.";
                        case SocketError.TimedOut:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                            return "the host could not be reached (" + socket.Message + ").";
                    }

                    return socket.Message;
                }

                if (inner is AuthenticationException)
                {
                    return certificates.Problem is string problem && problem.Length > 0
                        ? $"its certificate is not trusted ({problem}). If you trust this server, add -SkipCertificateCheck."
                        : "the TLS handshake failed (" + Innermost(inner).Message + ").";
                }
            }

            return Innermost(e).Message;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null)
                e = e.InnerException;
            return e;
        }

        private static string Decode(byte[] bytes, string? charset)
        {
            var encoding = (Encoding)new UTF8Encoding(false);
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset!.Trim('"'));
                }
                catch (ArgumentException)
                {
                }
            }

            var text = encoding.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }
    }
}
