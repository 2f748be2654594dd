using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// One session with Exchange Web Services for one mailbox: SOAP calls over HTTP with the login (<see cref="EwsLogin"/>),
    /// acting on another mailbox by impersonation when asked, the mailbox's back-off honoured before each request, and
    /// every failure that concerns the whole account turned into a <see cref="MigrationFailedException"/> naming the side.
    /// Errors about one item or folder come back to the caller as <see cref="EwsException"/>s or error response messages.
    /// </summary>
    internal sealed class EwsClient : IDisposable
    {
        /// <summary>How many times a request turned away by ErrorServerBusy or ErrorExceededConnectionCount is sent again.</summary>
        public const int BusyRetries = 8;

        private static readonly XmlReaderSettings StreamingReader = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
        };

        private readonly AccountEndpoint endpoint;
        private readonly EwsLogin login;
        private readonly CertificateCheck certificates;
        private readonly EwsBackoffGate gate;
        private bool answered;

        /// <param name="impersonatedMailbox">
        /// The mailbox to act on as the login (ExchangeImpersonation); by default the side's mailbox when an administrator logs
        /// in for it (<see cref="ExchangeOptions.Admin"/>), else none: the login's own.
        /// </param>
        /// <param name="handlers">
        /// Makes the HTTP handlers to send through (tests), given the credentials for NTLM/Negotiate or null; by default
        /// handlers that check certificates as the side says.
        /// </param>
        public EwsClient(AccountEndpoint endpoint, string? impersonatedMailbox = null, Func<ICredentials?, HttpMessageHandler>? handlers = null)
        {
            this.endpoint = endpoint;
            Url = endpoint.EwsUrl ?? throw new ArgumentException($"The {endpoint.RoleName} is not an Exchange account.", nameof(endpoint));
            var admin = ExchangeOptions.AdminOf(endpoint);
            ImpersonatedMailbox = impersonatedMailbox ?? (admin != null ? endpoint.Account : null);
            Login = admin ?? endpoint.Credential.UserName;
            certificates = new CertificateCheck(endpoint.SkipCertificateCheck);
            login = new EwsLogin(endpoint, new NetworkCredential(Login, endpoint.Credential.Password), handlers ?? Handler);
            gate = EwsBackoffGate.For(Url, Mailbox);
        }

        public Uri Url { get; }

        public string? ImpersonatedMailbox { get; }

        /// <summary>Who logs in: the side's login, or the administrator acting for it.</summary>
        public string Login { get; }

        /// <summary>The mailbox acted on.</summary>
        public string Mailbox => ImpersonatedMailbox ?? Login;

        public AccountEndpoint Endpoint => endpoint;

        /// <summary>The clock back-offs are waited on (tests use a fake one).</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>"the destination Exchange server https://.../EWS/Exchange.asmx".</summary>
        public string Side => $"the {endpoint.RoleName} Exchange server {Url}";

        /// <summary><see cref="Side"/> to begin a sentence.</summary>
        public string SideCapitalised => char.ToUpperInvariant(Side[0]) + Side.Substring(1);

        /// <summary>Sends a call and reads its whole answer.</summary>
        /// <exception cref="EwsException">Exchange answered with a fault that concerns this call only (ErrorSchemaValidation...).</exception>
        /// <exception cref="MigrationFailedException">The account cannot be reached or used now.</exception>
        public async Task<EwsAnswer> CallAsync(string operation, Func<XmlWriter, Task> body, CancellationToken cancellationToken)
        {
            EwsAnswer? answer = null;
            await SendAsync(operation, body, async (response, stream) =>
            {
                answer = ReadAnswer(operation, await BufferAsync(stream, cancellationToken).ConfigureAwait(false));
                // Turned away as a whole (each part busy): sent again once the back-off has passed. A batch partly done is the caller's.
                if (answer.Messages.Count > 0 && answer.Messages.All(m => IsBusy(m.Code)))
                    throw answer.Messages[0].ToException();
            }, cancellationToken).ConfigureAwait(false);
            return answer!;
        }

        /// <summary>Sends a call and hands its answer to <paramref name="read"/> as it arrives (a large MimeContent is not held whole).</summary>
        public Task StreamAsync(string operation, Func<XmlWriter, Task> body, Func<XmlReader, Task> read, CancellationToken cancellationToken) =>
            SendAsync(operation, body, async (response, stream) =>
            {
                using var reader = XmlReader.Create(stream, StreamingReader);
                await read(reader).ConfigureAwait(false);
            }, cancellationToken);

        public void Dispose() => login.Dispose();

        private HttpMessageHandler Handler(ICredentials? credentials) => new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => certificates.Validate(this, certificate, chain, errors),
            Credentials = credentials,
        };

        private async Task SendAsync(string operation, Func<XmlWriter, Task> body, Func<HttpResponseMessage, Stream, Task> read, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await SendOnceAsync(operation, body, read, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (EwsException e) when (e.ResponseCode == "ErrorServerBusy" && attempt < BusyRetries)
                {
                    gate.BackOff(e.BackOff ?? TimeSpan.FromSeconds(Math.Min(300, 5 << attempt)), Time);
                }
                catch (EwsException e) when (e.ResponseCode == "ErrorExceededConnectionCount" && attempt < BusyRetries)
                {
                    gate.Narrow();
                    gate.BackOff(TimeSpan.FromSeconds(1 << Math.Min(attempt, 5)), Time);
                }
                catch (EwsException e) when (e.ResponseCode == "ErrorServerBusy" || e.ResponseCode == "ErrorExceededConnectionCount")
                {
                    throw new MigrationFailedException(FailureKind.ServerUnavailable,
                        $"{SideCapitalised} kept answering that it is busy ({e.ResponseCode}: {e.Message}) for the mailbox '{Mailbox}'; Omm waited as it asked, " +
                        $"{BusyRetries} times. What was copied stays; run the migration again later.", e);
                }
            }
        }

        private async Task SendOnceAsync(string operation, Func<XmlWriter, Task> body, Func<HttpResponseMessage, Stream, Task> read, CancellationToken cancellationToken)
        {
            if (Url.Scheme != Uri.UriSchemeHttps && !Url.IsLoopback && endpoint.Security != ConnectionSecurity.None)
                throw EwsFailures.Plaintext(endpoint);

            using (await gate.EnterAsync(Time, cancellationToken).ConfigureAwait(false))
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                HttpRequestMessage Request()
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, Url);
                    request.Headers.TryAddWithoutValidation("X-AnchorMailbox", Mailbox);
                    request.Headers.TryAddWithoutValidation("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/" + operation + "\"");
                    request.Content = new EwsRequestContent(ImpersonatedMailbox, body);
                    return request;
                }

                limit.CancelAfter(endpoint.StallTimeout);
                HttpResponseMessage response;
                try
                {
                    response = await login.SendAsync(Request, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw EwsFailures.Stalled(endpoint, operation, answered, e);
                }
                catch (HttpRequestException e)
                {
                    throw EwsFailures.Unreachable(endpoint, certificates.Problem, operation, answered, e);
                }

                using (response)
                using (response.RequestMessage)
                {
                    var status = (int)response.StatusCode;
                    if (status != 200 && status != 500)
                        throw EwsFailures.OfStatus(endpoint, Login, response.StatusCode, response.ReasonPhrase, Mailbox, answered, login.Tried);
                    answered = true;
                    // The answer may be large (MimeContent): past the headers, only the caller's token and the stall limit apply.
                    limit.CancelAfter(TimeSpan.FromMilliseconds(-1));
                    try
                    {
                        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        using var watched = new EwsStallWatch(stream, endpoint.StallTimeout, limit);
                        if (status == 500)
                        {
                            var fault = ReadAnswer(operation, await BufferAsync(watched, limit.Token).ConfigureAwait(false)).Fault ?? new EwsException("HTTP500", "HTTP 500 without a SOAP fault");
                            throw EwsFailures.OfFault(endpoint, Login, Mailbox, fault);
                        }

                        await read(response, watched).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException) && !(e is EwsException) && !(e is MigrationFailedException)
                                              && !(e is UnreadableItemException) && ConnectionFaults.IsBroken(e))
                    {
                        throw EwsFailures.Broken(endpoint, operation, e);
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw EwsFailures.Stalled(endpoint, operation, true, e);
                    }
                }
            }
        }

        /// <summary>Whether a response code asks to wait before sending more for this mailbox.</summary>
        public static bool IsBusy(string code) => code == "ErrorServerBusy" || code == "ErrorExceededConnectionCount";

        /// <summary>Honours the back-off of an answer that turned some items away, before they are sent again.</summary>
        public void BackOff(EwsException busy)
        {
            if (busy.ResponseCode == "ErrorExceededConnectionCount")
                gate.Narrow();
            gate.BackOff(busy.BackOff ?? TimeSpan.FromSeconds(5), Time);
        }

        private static async Task<Stream> BufferAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            return buffer;
        }

        private EwsAnswer ReadAnswer(string operation, Stream stream)
        {
            try
            {
                return EwsAnswer.Read(stream);
            }
            catch (FormatException e)
            {
                throw new MigrationFailedException(FailureKind.Protocol, $"{SideCapitalised} answered {operation} with something Omm cannot read: {e.Message}", e);
            }
        }

    }
}
