using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.OAuth
{
    /// <summary>
    /// Form POSTs to an OAuth2 issuer (RFC 6749 §3.2, RFC 8628 §3.1). The issuer's certificate is always checked (an
    /// issuer is https://; plain http:// is accepted on this machine only, for tests). What fails is told by
    /// <see cref="MigrationFailedException"/>: unreachable → <see cref="FailureKind.Connection"/>; a reply that is no
    /// OAuth JSON → <see cref="FailureKind.Protocol"/>. An OAuth error reply is returned for the caller to judge.
    /// Never puts the form (secrets, assertions) in a message.
    /// </summary>
    internal sealed class TokenEndpointClient
    {
        public static readonly TokenEndpointClient Shared = new TokenEndpointClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        });

        private readonly HttpClient http;

        public TokenEndpointClient(HttpClient http)
        {
            this.http = http;
        }

        public async Task<TokenEndpointReply> PostAsync(Uri url, IEnumerable<KeyValuePair<string, string>> form, string who, CancellationToken cancellationToken)
        {
            if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
                throw new MigrationFailedException(FailureKind.Security, $"{Capital(who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} is not https://; Omm sends no secret to it.");
            int status;
            string body;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || e is System.IO.IOException || e is System.Net.Sockets.SocketException)
            {
                throw new MigrationFailedException(FailureKind.Connection, $"{Capital(who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} cannot be reached: {Innermost(e)}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MigrationFailedException(FailureKind.Connection, $"{Capital(who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} did not answer in {http.Timeout.TotalSeconds:0} s.", e);
            }

            return TokenEndpointReply.Parse(status, body)
                ?? throw new MigrationFailedException(FailureKind.Protocol, $"{Capital(who)}: the OAuth issuer {url.GetLeftPart(UriPartial.Path)} answered HTTP {status} without an OAuth reply (is {OAuthOptionNames.Authority} right?).");
        }

        internal static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null)
                e = e.InnerException;
            return e.Message;
        }
    }
}
