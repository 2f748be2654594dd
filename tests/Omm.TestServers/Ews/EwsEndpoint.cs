using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Omm.TestServers.Ews;

/// <summary>
/// The HTTP side of the EWS test server: path, authentication (Basic, NTLM on the connection), request schema check, impersonation, throttling
/// and faults, then the operation; the answer is built in a temporary file, checked against the schema when asked,
/// and sent with its length.
/// </summary>
internal sealed class EwsEndpoint(EwsTestServer server)
{
    private const string ServicePath = "/EWS/Exchange.asmx";
    private readonly Dictionary<string, int> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private long arrived;
    private long dropAt;

    public void DropOn(int n) => Interlocked.Exchange(ref dropAt, Interlocked.Read(ref arrived) + n);

    public async Task HandleAsync(HttpContext http)
    {
        var time = server.Now;
        var number = Interlocked.Increment(ref arrived);
        if (number == Interlocked.Read(ref dropAt))
        {
            Record(http, new EwsRequestRecord(time, "", null, false, 0));
            http.Abort();
            return;
        }

        if (server.Faults.TakeUnavailable())
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            server.Record(new EwsRequestRecord(time, "", null, false, 503));
            return;
        }

        if (!string.Equals(http.Request.Path.Value, ServicePath, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            Record(http, new EwsRequestRecord(time, "", null, false, 404));
            return;
        }

        var login = await AuthenticateAsync(http, time).ConfigureAwait(false);
        if (login == null)
            return;

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            Record(http, new EwsRequestRecord(time, "", login.SmtpAddress, false, 405));
            return;
        }

        // Exchange counts a request against the mailbox's concurrency budget from its start; the mailbox is the one
        // X-AnchorMailbox names (when the login may act on it) until the SOAP header says otherwise.
        var slot = Anchor(http, login);
        var admitted = Enter(slot);
        var mailbox = login;
        var impersonated = false;
        var status = StatusCodes.Status200OK;
        var name = "";
        (FaultPoint Point, bool Stall)? injected = null;
        await using var body = new FileStream(Path.Combine(Path.GetTempPath(), "omm-ews-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            SoapDocument request;
            try
            {
                request = SoapDocumentReader.Read(http.Request.Body);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                Record(http, new EwsRequestRecord(time, "", login.SmtpAddress, false, 413));
                return;
            }

            var operation = request.Operation;
            name = operation?.Name.LocalName ?? "";
            injected = server.Faults.Take(name);
            if (injected?.Point == FaultPoint.BeforeRunning)
            {
                server.Record(new EwsRequestRecord(time, name, mailbox.SmtpAddress, impersonated, 0));
                await BreakOffAsync(http, injected.Value.Stall).ConfigureAwait(false);
                return;
            }

            try
            {
                if (request.Violation != null)
                    throw EwsFault.SchemaValidation(request.Violation);
                if (operation == null || operation.Name.Namespace != EwsNamespaces.M || !EwsOperations.IsDeclared(operation.Name))
                    throw EwsFault.InvalidRequest($"The request is invalid: {operation?.Name.ToString() ?? "no operation"} is not an EWS operation.");
                (mailbox, impersonated) = Impersonate(login, request.Header);
                if (admitted && mailbox != slot)
                {
                    Leave(slot);
                    slot = mailbox;
                    admitted = Enter(slot);
                }

                if (name == "UploadItems" && UploadPayload(operation) > server.Options.MaxUploadBase64Bytes)
                {
                    status = StatusCodes.Status413PayloadTooLarge;
                }
                else
                {
                    if (server.Busy.Check() is { } backOff)
                        throw EwsFault.ServerBusy(backOff);
                    if (!admitted)
                        throw EwsFault.ExceededConnectionCount();
                    var context = new EwsOperationContext(server, mailbox, login.SmtpAddress, impersonated);
                    using var writer = EwsResponseWriter.Start(body, name);
                    EwsOperations.Run(context, operation, writer);
                }

                if (server.Latency > TimeSpan.Zero)
                    await Task.Delay(server.Latency, server.Options.Time).ConfigureAwait(false);
            }
            catch (EwsFault fault)
            {
                status = StatusCodes.Status500InternalServerError;
                body.SetLength(0);
                fault.Write(body);
            }
        }
        finally
        {
            if (admitted)
                Leave(slot);
        }

        Record(http, new EwsRequestRecord(time, name, mailbox.SmtpAddress, impersonated, injected == null ? status : 0));
        if (injected?.Point == FaultPoint.AfterRunning)
        {
            await BreakOffAsync(http, injected.Value.Stall).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status413PayloadTooLarge)
            return;
        if (server.Options.ValidateResponses)
            CheckResponse(body);
        http.Response.ContentType = "text/xml; charset=utf-8";
        http.Response.ContentLength = body.Length;
        body.Position = 0;
        if (injected?.Point == FaultPoint.MidAnswer)
        {
            var half = new byte[body.Length / 2];
            body.ReadExactly(half);
            await http.Response.Body.WriteAsync(half, http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await BreakOffAsync(http, injected.Value.Stall).ConfigureAwait(false);
            return;
        }

        await body.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Resets the connection, or keeps it open and silent until the client goes away.</summary>
    private static async Task BreakOffAsync(HttpContext http, bool stall)
    {
        if (!stall)
        {
            http.Abort();
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private EwsMailbox Anchor(HttpContext http, EwsMailbox login)
    {
        var anchor = http.Request.Headers["X-AnchorMailbox"].ToString();
        if (anchor.Length == 0 || server.FindMailbox(anchor) is not { } mailbox)
            return login;
        return mailbox == login || server.MayImpersonate(login.SmtpAddress) ? mailbox : login;
    }

    /// <summary>
    /// The login of the request, or null once a 401 is sent: a challenge in the middle of an NTLM handshake, else the
    /// schemes offered. NTLM (in an NTLM or a Negotiate header) and a connection NTLM authenticated before count unless
    /// the server takes Basic only; Basic counts unless it takes NTLM only.
    /// </summary>
    private async Task<EwsMailbox?> AuthenticateAsync(HttpContext http, DateTimeOffset time)
    {
        var mode = server.Options.Authentication;
        var header = http.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        var ntlm = mode != EwsServerAuthentication.Basic;
        if (ntlm && (scheme.Equals("NTLM", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase)) && space > 0)
        {
            byte[] token;
            try
            {
                token = Convert.FromBase64String(header[(space + 1)..].Trim());
            }
            catch (FormatException)
            {
                token = [];
            }

            var verdict = server.Ntlm.Accept(http.Connection.Id, token);
            if (verdict.User != null)
                return server.FindMailbox(verdict.User);
            await RefuseAsync(http, time, verdict.Challenge is { } challenge ? [scheme + " " + Convert.ToBase64String(challenge)] : Offers(http)).ConfigureAwait(false);
            return null;
        }

        if (mode != EwsServerAuthentication.Ntlm && BasicCredentials.Parse(header) is { } credentials)
        {
            var mailbox = server.FindMailbox(credentials.User);
            if (mailbox != null && mailbox.Password == credentials.Password)
                return mailbox;
        }
        else if (ntlm && header.Length == 0 && server.Ntlm.UserOf(http.Connection.Id) is { } user)
        {
            return server.FindMailbox(user);
        }

        await RefuseAsync(http, time, Offers(http)).ConfigureAwait(false);
        return null;
    }

    private string[] Offers(HttpContext http) => server.Options.Authentication == EwsServerAuthentication.Ntlm
        ? ["Negotiate", "NTLM"]
        : ["Negotiate", "NTLM", $"Basic realm=\"{http.Request.Host.Host}\""];

    /// <summary>A 401, once the request's body is read: the client sends the next leg on this same connection.</summary>
    private async Task RefuseAsync(HttpContext http, DateTimeOffset time, string[] authenticate)
    {
        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // Too large to read: Kestrel closes the connection after the answer.
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        foreach (var value in authenticate)
            http.Response.Headers.Append("WWW-Authenticate", value);
        Record(http, new EwsRequestRecord(time, "", null, false, 401));
    }

    private void Record(HttpContext http, EwsRequestRecord record)
    {
        var header = http.Request.Headers.Authorization.ToString();
        server.Record(record with { AuthorizationScheme = header.Length == 0 ? null : header.Split(' ')[0] });
    }

    /// <summary>ExchangeImpersonation/ConnectingSID names the mailbox to act on; only an account granted impersonation may.</summary>
    private (EwsMailbox Mailbox, bool Impersonated) Impersonate(EwsMailbox login, XElement? header)
    {
        var sid = header?.T("ExchangeImpersonation")?.T("ConnectingSID");
        if (sid == null)
            return (login, false);
        var address = (sid.T("SmtpAddress") ?? sid.T("PrimarySmtpAddress") ?? sid.T("PrincipalName"))?.Value.Trim();
        var target = address == null ? null : server.FindMailbox(address);
        if (target == null)
            throw EwsFault.NonExistentMailbox(address ?? sid.Value);
        if (!server.MayImpersonate(login.SmtpAddress))
            throw EwsFault.ImpersonateUserDenied();
        return (target, true);
    }

    private static long UploadPayload(XElement operation) =>
        operation.Descendants(EwsNamespaces.T + "Data").Sum(d => (SoapDocument.Payload(d)?.Length ?? 0) * 4 / 3);

    private bool Enter(EwsMailbox mailbox)
    {
        lock (inFlight)
        {
            var count = inFlight.GetValueOrDefault(mailbox.SmtpAddress);
            if (server.MaxConcurrentRequests is { } limit && count >= limit)
                return false;
            inFlight[mailbox.SmtpAddress] = count + 1;
            return true;
        }
    }

    private void Leave(EwsMailbox mailbox)
    {
        lock (inFlight)
            inFlight[mailbox.SmtpAddress]--;
    }

    private void CheckResponse(FileStream body)
    {
        body.Position = 0;
        if (SoapDocumentReader.Read(body, keepPayloads: false).Violation is { } violation)
            server.RecordViolation(violation);
    }
}
