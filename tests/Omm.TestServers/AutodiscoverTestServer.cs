using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Omm.TestServers;

/// <summary>A request as <see cref="AutodiscoverTestServer"/> saw it.</summary>
public sealed record AutodiscoverRequestSeen(string Scheme, string Host, string Method, string Path, string? Authorization, string? SoapAction, string Body)
{
    public string Url => $"{Scheme}://{Host}{Path}";
}

/// <summary>An answer of <see cref="AutodiscoverTestServer"/>.</summary>
public sealed record AutodiscoverReply(int Status, string Body = "", string? Location = null, string ContentType = "text/xml; charset=utf-8")
{
    public static AutodiscoverReply Xml(string body) => new(200, body);

    public static AutodiscoverReply Redirect(string location, int status = 302) => new(status, Location: location);

    public static readonly AutodiscoverReply NotFound = new(404);
}

/// <summary>
/// Loopback web servers playing every host of a discovery test: one HTTPS listener (a certificate from the test CA
/// for all the test's names) and one plain HTTP listener. Which host a request is for comes from its Host header,
/// so a client's connections to any name are sent here by <see cref="Handler"/>. POSTs must log in with Basic auth
/// (401 with a Basic challenge first, as IIS does), GETs need not; <see cref="Respond"/> answers the rest.
/// Every request is kept, Authorization header included, so tests can check where the login went.
/// </summary>
public sealed class AutodiscoverTestServer : IDisposable
{
    private readonly TcpListener https;
    private readonly TcpListener http;
    private readonly X509Certificate2 certificate;
    private readonly List<AutodiscoverRequestSeen> requests = new();
    private readonly CancellationTokenSource stop = new();

    public AutodiscoverTestServer(TestCertificate certificate, NetworkCredential login, IEnumerable<string> hosts, Func<AutodiscoverRequestSeen, AutodiscoverReply> respond)
    {
        // A PFX round trip: SslStream on Linux wants a key it can export, which a PEM-loaded ephemeral key is not.
        using var pem = X509Certificate2.CreateFromPem(certificate.CertificatePem, certificate.PrivateKeyPem);
        this.certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        Login = login;
        Hosts = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);
        Respond = respond;
        https = new TcpListener(IPAddress.Loopback, 0);
        http = new TcpListener(IPAddress.Loopback, 0);
        https.Start();
        http.Start();
        _ = AcceptAsync(https, tls: true);
        _ = AcceptAsync(http, tls: false);
    }

    public NetworkCredential Login { get; }

    /// <summary>The host names that exist; a connection to any other fails as an unknown host would.</summary>
    public ISet<string> Hosts { get; }

    public Func<AutodiscoverRequestSeen, AutodiscoverReply> Respond { get; set; }

    public int HttpsPort => ((IPEndPoint)https.LocalEndpoint).Port;

    public int HttpPort => ((IPEndPoint)http.LocalEndpoint).Port;

    public IReadOnlyList<AutodiscoverRequestSeen> Requests
    {
        get
        {
            lock (requests)
                return requests.ToList();
        }
    }

    /// <summary>
    /// A handler that connects every host in <see cref="Hosts"/> here (port 443 to the HTTPS listener, any other to the
    /// HTTP one), and fails for other names as DNS would; it logs in with the credential given, follows no redirect.
    /// </summary>
    public HttpMessageHandler Handler(NetworkCredential? credential) =>
        new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            Credentials = credential,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                if (!Hosts.Contains(context.DnsEndPoint.Host))
                    throw new SocketException((int)SocketError.HostNotFound);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port == 443 ? HttpsPort : HttpPort, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

    public void Dispose()
    {
        stop.Cancel();
        https.Stop();
        http.Stop();
        certificate.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, bool tls)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = ServeAsync(client, tls);
        }
    }

    /// <summary>One request per connection, answered with Connection: close.</summary>
    private async Task ServeAsync(TcpClient client, bool tls)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (tls)
                {
                    var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stop.Token);
                    stream = ssl;
                }

                await using (stream)
                {
                    var request = await ReadRequestAsync(stream, tls ? "https" : "http");
                    if (request == null)
                        return;
                    lock (requests)
                        requests.Add(request);
                    var reply = request.Method == "POST" && !LoggedIn(request)
                        ? new AutodiscoverReply(401, "login required")
                        : Respond(request);
                    await WriteReplyAsync(stream, reply);
                }
            }
            catch (IOException)
            {
            }
            catch (System.Security.Authentication.AuthenticationException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private bool LoggedIn(AutodiscoverRequestSeen request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Login.UserName + ":" + Login.Password));
        return request.Authorization == expected;
    }

    private static async Task<AutodiscoverRequestSeen?> ReadRequestAsync(Stream stream, string scheme)
    {
        var head = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            head.WriteByte(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':'))
            .GroupBy(l => l[..l.IndexOf(':')].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[(g.First().IndexOf(':') + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        var host = headers.TryGetValue("Host", out var hostHeader) ? hostHeader.Split(':')[0] : string.Empty;
        return new AutodiscoverRequestSeen(
            scheme,
            host,
            start[0],
            start[1],
            headers.GetValueOrDefault("Authorization"),
            headers.GetValueOrDefault("SOAPAction"),
            Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        var buffer = head.GetBuffer();
        var length = (int)head.Length;
        return length >= 4 && buffer[length - 4] == '\r' && buffer[length - 3] == '\n' && buffer[length - 2] == '\r' && buffer[length - 1] == '\n';
    }

    private static async Task WriteReplyAsync(Stream stream, AutodiscoverReply reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var head = new StringBuilder()
            .Append($"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n")
            .Append($"Content-Type: {reply.ContentType}\r\n")
            .Append($"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (reply.Status == 401)
            head.Append("WWW-Authenticate: Basic realm=\"autodiscover\"\r\n");
        if (reply.Location != null)
            head.Append($"Location: {reply.Location}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        401 => "Unauthorized",
        404 => "Not Found",
        _ => "Status",
    };
}
