using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Omm.TestServers;

/// <summary>
/// An IMAP-aware proxy on loopback between a client under test and a real server, that answers chosen
/// commands itself the way a busy or strict server would (<c>NO [UNAVAILABLE] ...</c>, <c>NO [TOOBIG] ...</c>,
/// <c>* BYE ...</c> and a closed connection). A command it answers is never forwarded, so the server really
/// did not do it: the proxy never reports a refusal for an APPEND the server stored. Commands are counted
/// by name ("UID FETCH" counts as FETCH) over all connections, from 1.
/// </summary>
public sealed partial class ImapPushbackProxy : LoopbackProxy
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly List<Rule> rules = new();
    private int answered;

    private ImapPushbackProxy(string targetHost, int targetPort)
        : base(targetHost, targetPort, IPAddress.Loopback)
    {
        Listen();
    }

    public static ImapPushbackProxy Start(DovecotServer server) => new(server.Host, server.Port);

    /// <summary>How many commands the proxy answered instead of the server.</summary>
    public int Answered => Volatile.Read(ref answered);

    /// <summary>
    /// Answers the <paramref name="nth"/> command called <paramref name="command"/> and the following ones, up
    /// to <paramref name="times"/> in all, with <paramref name="reply"/>: "NO [code] text" goes back tagged;
    /// "BYE [code] text" goes back untagged and the connection is closed.
    /// </summary>
    public void Answer(string command, int nth, string reply, int times = 1) =>
        Add(new Rule(c => c.Name == command && c.Number >= nth, reply, times, null));

    /// <summary>Answers <paramref name="times"/> commands that <paramref name="when"/> picks with <paramref name="reply"/> (see <see cref="Answer(string,int,string,int)"/>).</summary>
    public void Answer(Func<ProxiedCommand, bool> when, string reply, int times = int.MaxValue) => Add(new Rule(when, reply, times, null));

    /// <summary>
    /// Runs <paramref name="action"/> before the <paramref name="nth"/> command called <paramref name="command"/>
    /// is forwarded; if the server then closes the connection (say the action kicked the user), the
    /// command is not forwarded and the client gets whatever the server said last (its BYE).
    /// </summary>
    public void Before(string command, int nth, Action action) => Add(new Rule(c => c.Name == command && c.Number == nth, null, 1, action));

    private void Add(Rule rule)
    {
        lock (rules)
            rules.Add(rule);
    }

    protected override async Task RelayAsync(int number, TcpClient client, TcpClient server)
    {
        var connection = new Connection(number, client, server);
        var down = connection.RelayServerAsync(Closing.Token);
        var up = ProxyCommandsAsync(connection, down, Closing.Token);
        var first = await Task.WhenAny(down, up);
        // What the server sent last (a BYE) reaches the client before the connection goes.
        await Task.WhenAny(first == down ? up : down, Task.Delay(TimeSpan.FromSeconds(5)));
        connection.Close();
        await Task.WhenAll(Quietly(down), Quietly(up));
    }

    /// <summary>Reads the client's commands whole (literals included), then forwards each or answers it.</summary>
    private async Task ProxyCommandsAsync(Connection connection, Task serverClosed, CancellationToken token)
    {
        var reader = new ByteReader(connection.Client.GetStream());
        while (true)
        {
            var first = await reader.ReadLineAsync(token);
            if (first == null)
                return;
            var bytes = new MemoryStream();
            var line = first;
            while (true)
            {
                var literal = LiteralAt(line);
                if (!literal.Success)
                {
                    bytes.Write(line);
                    break;
                }

                var length = int.Parse(literal.Groups["length"].Value, CultureInfo.InvariantCulture);
                if (literal.Groups["plus"].Success)
                {
                    bytes.Write(line);
                }
                else
                {
                    // The server will not see this line before the literal: the proxy says go ahead, and the server gets a LITERAL+ form.
                    bytes.Write(line.AsSpan(0, Array.LastIndexOf(line, (byte)'}')));
                    bytes.Write("+}\r\n"u8);
                    await connection.ToClientAsync("+ Ready for literal data\r\n", token);
                }

                bytes.Write(await reader.ReadExactlyAsync(length, token));
                line = await reader.ReadLineAsync(token);
                if (line == null)
                    return;
            }

            var (tag, name) = Words(first);
            var command = new ProxiedCommand(connection.Number, name, Count(name), bytes.ToArray());
            var rule = Take(command);
            if (rule?.Action != null)
            {
                rule.Action();
                if (await Task.WhenAny(serverClosed, Task.Delay(TimeSpan.FromSeconds(3), token)) == serverClosed)
                    return;
            }

            if (rule?.Reply == null)
            {
                await connection.ToServerAsync(command.Bytes, token);
                continue;
            }

            Interlocked.Increment(ref answered);
            if (rule.Reply.StartsWith("BYE", StringComparison.Ordinal))
            {
                await connection.ToClientAsync($"* {rule.Reply}\r\n", token);
                connection.Close();
                return;
            }

            await connection.ToClientAsync($"{tag} {rule.Reply}\r\n", token);
        }
    }

    private int Count(string name)
    {
        lock (counts)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
            return counts[name];
        }
    }

    private Rule? Take(ProxiedCommand command)
    {
        lock (rules)
        {
            var rule = rules.FirstOrDefault(r => r.Left > 0 && r.When(command));
            if (rule != null)
                rule.Left--;
            return rule;
        }
    }

    private static (string Tag, string Name) Words(byte[] line)
    {
        var words = Encoding.ASCII.GetString(line).TrimEnd('\r', '\n').Split(' ');
        var name = words.Length > 1 ? words[1].ToUpperInvariant() : string.Empty;
        if (name == "UID" && words.Length > 2)
            name = words[2].ToUpperInvariant();
        return (words[0], name);
    }

    private static Match LiteralAt(byte[] line) => LiteralPattern().Match(Encoding.ASCII.GetString(line));

    [GeneratedRegex(@"~?\{(?<length>[0-9]+)(?<plus>\+)?\}\r?\n$")]
    private static partial Regex LiteralPattern();

    private sealed class Rule
    {
        public Rule(Func<ProxiedCommand, bool> when, string? reply, int times, Action? action)
        {
            When = when;
            Reply = reply;
            Left = times;
            Action = action;
        }

        public Func<ProxiedCommand, bool> When { get; }

        public string? Reply { get; }

        public Action? Action { get; }

        public int Left { get; set; }
    }

    /// <summary>Both ends of one proxied connection; writes to the client are serialised (the server's and the proxy's own).</summary>
    private sealed class Connection
    {
        private readonly SemaphoreSlim toClient = new(1, 1);

        public Connection(int number, TcpClient client, TcpClient server)
        {
            Number = number;
            Client = client;
            Server = server;
        }

        /// <summary>1 for the first connection the proxy accepted, and so on.</summary>
        public int Number { get; }

        public TcpClient Client { get; }

        public TcpClient Server { get; }

        public async Task RelayServerAsync(CancellationToken token)
        {
            var from = Server.GetStream();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await from.ReadAsync(buffer, token);
                if (read == 0)
                    return;
                await ToClientAsync(buffer.AsMemory(0, read), token);
            }
        }

        public Task ToClientAsync(string text, CancellationToken token) => ToClientAsync(Encoding.ASCII.GetBytes(text), token);

        public async Task ToClientAsync(ReadOnlyMemory<byte> bytes, CancellationToken token)
        {
            await toClient.WaitAsync(token);
            try
            {
                await Client.GetStream().WriteAsync(bytes, token);
            }
            finally
            {
                toClient.Release();
            }
        }

        public async Task ToServerAsync(byte[] bytes, CancellationToken token) => await Server.GetStream().WriteAsync(bytes, token);

        /// <summary>Ends both sides, the client's gracefully so that it reads everything sent before.</summary>
        public void Close()
        {
            try
            {
                Client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception)
            {
            }

            Server.Close();
        }
    }

    /// <summary>Reads lines and exact byte counts from a stream.</summary>
    private sealed class ByteReader
    {
        private readonly Stream stream;
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        public ByteReader(Stream stream)
        {
            this.stream = stream;
        }

        /// <summary>A line with its line end, or null at the end of the stream.</summary>
        public async Task<byte[]?> ReadLineAsync(CancellationToken token)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (start == end && !await FillAsync(token))
                    return line.Length > 0 ? line.ToArray() : null;
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                var stop = newline < 0 ? end : newline + 1;
                line.Write(buffer, start, stop - start);
                start = stop;
                if (newline >= 0)
                    return line.ToArray();
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken token)
        {
            var result = new byte[count];
            var done = 0;
            while (done < count)
            {
                if (start == end && !await FillAsync(token))
                    throw new EndOfStreamException("The client closed the connection in the middle of a literal.");
                var take = Math.Min(count - done, end - start);
                Buffer.BlockCopy(buffer, start, result, done, take);
                start += take;
                done += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken token)
        {
            start = 0;
            end = await stream.ReadAsync(buffer, token);
            return end > 0;
        }
    }
}

/// <summary>
/// A client command as the proxy read it: on which connection (1 for the first), its name (without UID), its
/// number among commands of that name on all connections, its bytes (literals included).
/// </summary>
public sealed record ProxiedCommand(int Connection, string Name, int Number, byte[] Bytes)
{
    public bool Contains(string text) => Encoding.UTF8.GetString(Bytes).Contains(text, StringComparison.Ordinal);
}
