using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Omm.TestServers;

/// <summary>A request as <see cref="HttpFaultProxy"/> saw it, body included: numbered from 1 in arrival order.</summary>
public sealed record HttpRequestSeen(int Number, string Method, string Path, string Body);

/// <summary>What <see cref="HttpFaultProxy"/> does with a request.</summary>
public abstract record HttpFault
{
    /// <summary>Pass it to the server and its answer back.</summary>
    public static readonly HttpFault None = new Pass();

    /// <summary>Read the request, then reset the connection without passing it on: the server never sees it.</summary>
    public static readonly HttpFault Cut = new CutConnection();

    /// <summary>Pass the request on, then reset the connection instead of passing the answer back: the server did it, the client does not know.</summary>
    public static readonly HttpFault CutAnswer = new CutAfterServer();

    /// <summary>Answer it without the server: a status (503, 429, 502...) with an optional Retry-After in seconds.</summary>
    public static HttpFault Answer(int status, string reason, int? retryAfterSeconds = null) => new Status(status, reason, retryAfterSeconds);

    internal sealed record Pass : HttpFault;

    internal sealed record CutConnection : HttpFault;

    internal sealed record CutAfterServer : HttpFault;

    internal sealed record Status(int Code, string Reason, int? RetryAfterSeconds) : HttpFault;
}

/// <summary>
/// An HTTP proxy on loopback between a DAV client under test and a real server (Radicale, Xandikos): it reads each
/// request and, as <see cref="Rule"/> says, passes it on, answers it itself (503 with Retry-After, 429, 502), or cuts
/// the connection before the server sees it or after the server answered; <see cref="Down"/> makes it reset every connection at once, as a dead server
/// behind a live address would. One request per connection (it answers "Connection: close"), so that each request
/// meets the rule on its own.
/// </summary>
public sealed class HttpFaultProxy : LoopbackProxy
{
    private readonly object gate = new();
    private readonly List<HttpRequestSeen> requests = new();
    private int numbered;

    private HttpFaultProxy(Uri server)
        : base(server.Host, server.Port, IPAddress.Loopback)
    {
        Listen();
    }

    public static HttpFaultProxy Start(Uri server) => new(server);

    /// <summary>The proxy's root URL, to give the client instead of the server's.</summary>
    public Uri Url => new($"http://{Host}:{Port}/");

    /// <summary>Decides each request's fate; null passes every request.</summary>
    public Func<HttpRequestSeen, HttpFault>? Rule { get; set; }

    /// <summary>Reset every connection as soon as it is taken, reading nothing.</summary>
    public bool Down { get; set; }

    /// <summary>Every request read so far, faulted ones included.</summary>
    public IReadOnlyList<HttpRequestSeen> Requests
    {
        get
        {
            lock (gate)
                return requests.ToList();
        }
    }

    protected override bool ResetOnClose => true;

    protected override async Task RelayAsync(int number, TcpClient client, TcpClient server)
    {
        if (Down)
            return;
        var fromClient = client.GetStream();
        var head = await ReadHeadAsync(fromClient, Closing.Token);
        if (head == null)
            return;
        var (requestLine, headers) = head.Value;
        var length = ContentLength(headers);
        var parts = requestLine.Split(' ');
        var body = await ReadExactlyAsync(fromClient, (int)length, Closing.Token);
        var seen = new HttpRequestSeen(Interlocked.Increment(ref numbered), parts[0], parts.Length > 1 ? parts[1] : "/", Encoding.UTF8.GetString(body));
        Remember(seen);
        var fault = Rule?.Invoke(seen) ?? HttpFault.None;
        switch (fault)
        {
            case HttpFault.CutConnection:
                return;
            case HttpFault.Status status:
                var answer = $"HTTP/1.1 {status.Code} {status.Reason}\r\n"
                             + (status.RetryAfterSeconds is int seconds ? $"Retry-After: {seconds}\r\n" : string.Empty)
                             + "Content-Length: 0\r\nConnection: close\r\n\r\n";
                await fromClient.WriteAsync(Encoding.ASCII.GetBytes(answer), Closing.Token);
                client.Client.Shutdown(SocketShutdown.Send);
                await DrainAsync(fromClient);
                return;
        }

        var toServer = server.GetStream();
        var forwarded = new StringBuilder(requestLine).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)))
            forwarded.Append(header).Append("\r\n");
        forwarded.Append("Connection: close\r\n\r\n");
        await toServer.WriteAsync(Encoding.ASCII.GetBytes(forwarded.ToString()), Closing.Token);
        await toServer.WriteAsync(body, Closing.Token);

        var answerHead = await ReadHeadAsync(toServer, Closing.Token);
        if (answerHead == null || fault is HttpFault.CutAfterServer)
            return;
        var back = new StringBuilder(answerHead.Value.First).Append("\r\n");
        foreach (var header in answerHead.Value.Headers.Where(h => !h.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)))
            back.Append(header).Append("\r\n");
        back.Append("Connection: close\r\n\r\n");
        await fromClient.WriteAsync(Encoding.ASCII.GetBytes(back.ToString()), Closing.Token);
        await toServer.CopyToAsync(fromClient, Closing.Token);
        client.Client.Shutdown(SocketShutdown.Send);
        await DrainAsync(fromClient);
    }

    private void Remember(HttpRequestSeen seen)
    {
        lock (gate)
            requests.Add(seen);
    }

    /// <summary>The first line and the header lines, read byte by byte up to the blank line; null when the peer closed first.</summary>
    private static async Task<(string First, List<string> Headers)?> ReadHeadAsync(NetworkStream stream, CancellationToken token)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || bytes[^1] != '\n' || bytes[^2] != '\r' || bytes[^3] != '\n' || bytes[^4] != '\r')
        {
            if (await stream.ReadAsync(one, token) == 0)
                return null;
            bytes.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n").Where(l => l.Length > 0).ToList();
        return (lines[0], lines.Skip(1).ToList());
    }

    private static long ContentLength(IEnumerable<string> headers)
    {
        var header = headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return header == null ? 0 : long.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var got = await stream.ReadAsync(buffer.AsMemory(read), token);
            if (got == 0)
                break;
            read += got;
        }

        return buffer;
    }

    /// <summary>Waits until the client closes its side, so that the answer is not lost to a reset.</summary>
    private async Task DrainAsync(NetworkStream stream)
    {
        var sink = new byte[4096];
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Closing.Token);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            while (await stream.ReadAsync(sink, limit.Token) > 0)
            {
            }
        }
        catch (Exception)
        {
        }
    }
}
