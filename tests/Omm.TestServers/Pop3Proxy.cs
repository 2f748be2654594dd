using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A POP3-aware proxy on loopback (plaintext only) between a client under test and a real server, that shapes
/// the server as older or stricter ones are: it can hide UIDL (dropped from CAPA, "-ERR" to the command, as a
/// server without the extension answers) and answer chosen commands itself ("-ERR ..." to "RETR 2", say), which
/// are then never forwarded. It drops PIPELINING from CAPA, so that commands and responses strictly alternate,
/// and keeps every command line clients sent.
/// </summary>
public sealed class Pop3Proxy : LoopbackProxy
{
    private static readonly HashSet<string> MultiLine = new(StringComparer.Ordinal) { "CAPA", "RETR", "TOP" };

    private readonly List<(Func<string, bool> When, string Reply)> rules = new();
    private readonly List<string> commands = new();

    private Pop3Proxy(string targetHost, int targetPort, bool hideUidl)
        : base(targetHost, targetPort, IPAddress.Loopback)
    {
        HideUidl = hideUidl;
        Listen();
    }

    /// <summary>A proxy to the server's POP3 port (plaintext).</summary>
    public static Pop3Proxy Start(DovecotServer server, bool hideUidl = false) => new(server.Host, server.Pop3Port, hideUidl);

    public bool HideUidl { get; }

    /// <summary>
    /// Answers every command line that is <paramref name="command"/> or starts with it and a space ("AUTH PLAIN" answers
    /// "AUTH PLAIN AGFubg..."; "RETR 2" does not answer "RETR 20"), case-insensitive, with <paramref name="reply"/>.
    /// </summary>
    public void Answer(string command, string reply)
    {
        lock (rules)
            rules.Add((line => line.Equals(command, StringComparison.OrdinalIgnoreCase)
                || line.StartsWith(command + " ", StringComparison.OrdinalIgnoreCase), reply));
    }

    /// <summary>The command lines clients sent, all connections in arrival order (AUTH continuations included).</summary>
    public IReadOnlyList<string> Commands()
    {
        lock (commands)
            return commands.ToList();
    }

    protected override async Task RelayAsync(int number, TcpClient client, TcpClient server)
    {
        var token = Closing.Token;
        var fromClient = new LineReader(client.GetStream());
        var fromServer = new LineReader(server.GetStream());
        var toClient = client.GetStream();
        var toServer = server.GetStream();

        var greeting = await fromServer.ReadLineAsync(token);
        if (greeting == null)
            return;
        await toClient.WriteAsync(greeting, token);
        while (true)
        {
            var line = await fromClient.ReadLineAsync(token);
            if (line == null)
                return;
            var text = Encoding.ASCII.GetString(line).TrimEnd('\r', '\n');
            lock (commands)
                commands.Add(text);

            var reply = ReplyTo(text);
            if (reply != null)
            {
                await toClient.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), token);
                continue;
            }

            await toServer.WriteAsync(line, token);
            var words = text.Split(' ');
            var name = words[0].ToUpperInvariant();
            var multiLine = MultiLine.Contains(name) || (words.Length == 1 && (name == "LIST" || name == "UIDL"));
            if (!await RelayResponseAsync(fromServer, toClient, multiLine, name == "CAPA", token) || name == "QUIT")
                return;
        }
    }

    private string? ReplyTo(string line)
    {
        var name = line.Split(' ')[0].ToUpperInvariant();
        if (HideUidl && name == "UIDL")
            return "-ERR Unknown command: UIDL";
        lock (rules)
            return rules.FirstOrDefault(r => r.When(line)).Reply;
    }

    /// <summary>Relays one response (its first line, and its lines up to "." when it is a multi-line +OK); false at the end of the stream.</summary>
    private async Task<bool> RelayResponseAsync(LineReader fromServer, NetworkStream toClient, bool multiLine, bool capabilities, CancellationToken token)
    {
        var first = await fromServer.ReadLineAsync(token);
        if (first == null)
            return false;
        await toClient.WriteAsync(first, token);
        if (!multiLine || !first.AsSpan().StartsWith("+OK"u8))
            return true;
        while (true)
        {
            var line = await fromServer.ReadLineAsync(token);
            if (line == null)
                return false;
            var text = Encoding.ASCII.GetString(line).TrimEnd('\r', '\n');
            if (capabilities && (text == "PIPELINING" || (HideUidl && text == "UIDL")))
                continue;
            await toClient.WriteAsync(line, token);
            if (text == ".")
                return true;
        }
    }

    /// <summary>Reads lines (with their line ends) from a stream.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken token)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (start == end)
                {
                    start = 0;
                    end = await stream.ReadAsync(buffer, token);
                    if (end == 0)
                        return line.Length > 0 ? line.ToArray() : null;
                }

                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                var stop = newline < 0 ? end : newline + 1;
                line.Write(buffer, start, stop - start);
                start = stop;
                if (newline >= 0)
                    return line.ToArray();
            }
        }
    }
}
