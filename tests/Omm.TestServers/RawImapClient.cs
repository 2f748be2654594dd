using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Omm.TestServers;

/// <summary>
/// A deliberately small IMAP client that sends and reads raw bytes, independent of the code under
/// test: it seeds source accounts with exact bytes and reads destination accounts back for checks.
/// </summary>
public sealed partial class RawImapClient : IDisposable
{
    private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    private readonly TcpClient tcp;
    private readonly BufferedStream stream;
    private int tag;

    private RawImapClient(TcpClient tcp, bool implicitTls)
    {
        this.tcp = tcp;
        Stream network = tcp.GetStream();
        if (implicitTls)
        {
            // The tests' own view of a TLS server: any certificate will do, it is the code under test that must check.
            var tls = new System.Net.Security.SslStream(network, false, (_, _, _, _) => true);
            tls.AuthenticateAsClient("localhost");
            network = tls;
        }

        stream = new BufferedStream(network, 65536);
    }

    public static RawImapClient Connect(DovecotServer server, string user) =>
        Connect(server.Host, server.Port, user, server.Password, server.Options.ImplicitTls);

    public static RawImapClient Connect(IImapTestServer server, string user) => Connect(server.Host, server.Port, user, server.Password);

    public static RawImapClient Connect(string host, int port, string user, string password, bool implicitTls = false)
    {
        var tcp = new TcpClient(host, port) { ReceiveTimeout = 60000, SendTimeout = 60000 };
        var client = new RawImapClient(tcp, implicitTls);
        var greeting = client.ReadResponse();
        if (!greeting.Text.StartsWith("* OK", StringComparison.Ordinal))
            throw new InvalidOperationException("Unexpected greeting: " + greeting.Text);
        client.Run($"LOGIN {Quote(user)} {Quote(password)}");
        return client;
    }

    public void Create(string mailbox) => Run($"CREATE {QuoteMailbox(mailbox)}");

    /// <summary>Creates every level of a path whose parts are separated by <paramref name="separator"/>.</summary>
    public void CreatePath(string path, char separator)
    {
        var parts = path.Split(separator);
        for (var i = 1; i <= parts.Length; i++)
        {
            var name = string.Join(separator, parts.Take(i));
            if (!List().Any(f => f.Name == name))
                Create(name);
        }
    }

    public void Rename(string from, string to) => Run($"RENAME {QuoteMailbox(from)} {QuoteMailbox(to)}");

    public void Delete(string mailbox) => Run($"DELETE {QuoteMailbox(mailbox)}");

    /// <summary>Replaces the flags of one message.</summary>
    public void SetFlags(string mailbox, uint uid, IEnumerable<string> flags)
    {
        Select(mailbox);
        Run(string.Create(CultureInfo.InvariantCulture, $"UID STORE {uid} FLAGS.SILENT ({string.Join(' ', flags)})"));
    }

    /// <summary>Marks every message \Deleted and expunges: the folder is emptied.</summary>
    public void Empty(string mailbox)
    {
        if (Select(mailbox) == 0)
            return;
        Run("STORE 1:* +FLAGS.SILENT (\\Deleted)");
        Run("EXPUNGE");
    }

    /// <summary>The folder's UIDVALIDITY.</summary>
    public uint UidValidity(string mailbox)
    {
        foreach (var response in Run($"STATUS {QuoteMailbox(mailbox)} (UIDVALIDITY)"))
        {
            var match = UidValidityPattern().Match(response.Text);
            if (match.Success)
                return uint.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"No UIDVALIDITY for {mailbox}.");
    }

    /// <summary>
    /// Gives a folder a new UIDVALIDITY (and new UIDs) with the same messages, flags and dates, as a
    /// server rebuild or restore does: moves it aside, re-creates it, appends the messages again
    /// (in the opposite order if <paramref name="reversed"/>).
    /// </summary>
    public void Recreate(string mailbox, bool reversed = false)
    {
        var messages = FetchAll(mailbox).ToList();
        if (reversed)
            messages.Reverse();
        Run("UNSELECT");
        var aside = mailbox + "-recreate-" + Guid.NewGuid().ToString("N")[..6];
        if (mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("INBOX cannot be renamed away.", nameof(mailbox));
        Rename(mailbox, aside);
        Create(mailbox);
        foreach (var message in messages)
            Append(mailbox, message.Body, message.Flags.Where(f => !f.Equals("\\Recent", StringComparison.OrdinalIgnoreCase)), message.InternalDate);
        Delete(aside);
    }

    public IReadOnlyList<ImapFolderListing> List()
    {
        var folders = new List<ImapFolderListing>();
        foreach (var response in Run("LIST \"\" \"*\""))
        {
            var tokens = Tokenize(response);
            if (tokens.Count < 5 || tokens[1].Text != "LIST")
                continue;
            var attributes = new List<string>();
            var i = 3;
            while (tokens[i].Kind != TokenKind.Close)
                attributes.Add(tokens[i++].Text!);
            i++;
            char? separator = tokens[i].Kind == TokenKind.Nil ? null : tokens[i].Text![0];
            var name = tokens[i + 1].Kind == TokenKind.Literal ? Encoding.UTF8.GetString(tokens[i + 1].Bytes!) : tokens[i + 1].Text!;
            folders.Add(new ImapFolderListing(attributes, separator, ModifiedUtf7.Decode(name)));
        }

        return folders;
    }

    /// <summary>Appends exact bytes with flags and an INTERNALDATE; returns the new UID (UIDPLUS).</summary>
    public uint Append(string mailbox, byte[] message, IEnumerable<string> flags, DateTimeOffset internalDate)
    {
        var id = NextTag();
        var header = $"{id} APPEND {QuoteMailbox(mailbox)} ({string.Join(' ', flags)}) \"{FormatDate(internalDate)}\" {{{message.Length}}}\r\n";
        Write(Encoding.ASCII.GetBytes(header));
        var continuation = ReadResponse();
        if (!continuation.Text.StartsWith('+'))
            throw new InvalidOperationException($"APPEND to {mailbox} refused: {continuation.Text}");
        stream.Write(message);
        Write("\r\n"u8.ToArray());
        var responses = ReadUntilTagged(id);
        var tagged = responses[^1].Text;
        var match = AppendUidPattern().Match(tagged);
        return match.Success ? uint.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Every message of a mailbox, in UID order, read with BODY.PEEK[] (flags unchanged).</summary>
    public IReadOnlyList<ImapMessage> FetchAll(string mailbox)
    {
        var exists = Select(mailbox);
        if (exists == 0)
            return Array.Empty<ImapMessage>();
        var messages = new List<ImapMessage>();
        foreach (var response in Run("UID FETCH 1:* (UID FLAGS INTERNALDATE BODY.PEEK[])"))
        {
            var tokens = Tokenize(response);
            if (tokens.Count < 4 || tokens[2].Text != "FETCH")
                continue;
            uint uid = 0;
            var flags = new List<string>();
            DateTimeOffset date = default;
            byte[]? body = null;
            for (var i = 4; i < tokens.Count && tokens[i].Kind != TokenKind.Close; i++)
            {
                switch (tokens[i].Text?.ToUpperInvariant())
                {
                    case "UID":
                        uid = uint.Parse(tokens[++i].Text!, CultureInfo.InvariantCulture);
                        break;
                    case "FLAGS":
                        i += 2;
                        while (tokens[i].Kind != TokenKind.Close)
                            flags.Add(tokens[i++].Text!);
                        break;
                    case "INTERNALDATE":
                        date = ParseDate(tokens[++i].Text!);
                        break;
                    case "BODY[]":
                        var value = tokens[++i];
                        body = value.Kind == TokenKind.Literal ? value.Bytes : Encoding.ASCII.GetBytes(value.Text ?? string.Empty);
                        break;
                }
            }

            messages.Add(new ImapMessage(uid, flags, date, body ?? Array.Empty<byte>()));
        }

        return messages.OrderBy(m => m.Uid).ToList();
    }

    /// <summary>Selects a mailbox; returns its message count.</summary>
    public int Select(string mailbox)
    {
        var count = 0;
        foreach (var response in Run($"SELECT {QuoteMailbox(mailbox)}"))
        {
            var match = ExistsPattern().Match(response.Text);
            if (match.Success)
                count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return count;
    }

    public void Logout()
    {
        try
        {
            Run("LOGOUT");
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        tcp.Dispose();
    }

    /// <summary>Runs a command; returns the untagged responses and the tagged one last. Throws unless OK.</summary>
    public List<Response> Run(string command)
    {
        var id = NextTag();
        Write(Encoding.UTF8.GetBytes($"{id} {command}\r\n"));
        return ReadUntilTagged(id);
    }

    private List<Response> ReadUntilTagged(string id)
    {
        var responses = new List<Response>();
        while (true)
        {
            var response = ReadResponse();
            responses.Add(response);
            if (response.Text.StartsWith(id + " ", StringComparison.Ordinal))
            {
                if (!response.Text.StartsWith(id + " OK", StringComparison.Ordinal))
                    throw new ImapCommandFailedException(response.Text);
                return responses;
            }
        }
    }

    private string NextTag() => "T" + (++tag).ToString(CultureInfo.InvariantCulture);

    private void Write(byte[] bytes)
    {
        stream.Write(bytes);
        stream.Flush();
    }

    private Response ReadResponse()
    {
        var parts = new List<object>();
        while (true)
        {
            var line = ReadLine();
            var match = LiteralPattern().Match(line);
            if (!match.Success)
            {
                parts.Add(line);
                return new Response(parts);
            }

            parts.Add(line[..match.Index]);
            var length = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var literal = new byte[length];
            stream.ReadExactly(literal);
            parts.Add(literal);
        }
    }

    private string ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
                throw new IOException("The server closed the connection.");
            if (b == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                bytes.RemoveAt(bytes.Count - 1);
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add((byte)b);
        }
    }

    private static List<Token> Tokenize(Response response)
    {
        var tokens = new List<Token>();
        foreach (var part in response.Parts)
        {
            if (part is byte[] literal)
            {
                tokens.Add(new Token(TokenKind.Literal, null, literal));
                continue;
            }

            var text = (string)part;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == ' ')
                {
                    i++;
                }
                else if (c == '(')
                {
                    tokens.Add(new Token(TokenKind.Open, "(", null));
                    i++;
                }
                else if (c == ')')
                {
                    tokens.Add(new Token(TokenKind.Close, ")", null));
                    i++;
                }
                else if (c == '"')
                {
                    var value = new StringBuilder();
                    i++;
                    while (text[i] != '"')
                    {
                        if (text[i] == '\\')
                            i++;
                        value.Append(text[i++]);
                    }

                    i++;
                    tokens.Add(new Token(TokenKind.Quoted, value.ToString(), null));
                }
                else
                {
                    var start = i;
                    var depth = 0;
                    while (i < text.Length && (depth > 0 || (text[i] != ' ' && text[i] != '(' && text[i] != ')')))
                    {
                        if (text[i] == '[')
                            depth++;
                        else if (text[i] == ']')
                            depth--;
                        i++;
                    }

                    var atom = text[start..i];
                    tokens.Add(atom.Equals("NIL", StringComparison.OrdinalIgnoreCase)
                        ? new Token(TokenKind.Nil, null, null)
                        : new Token(TokenKind.Atom, atom, null));
                }
            }
        }

        return tokens;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string QuoteMailbox(string name) => Quote(ModifiedUtf7.Encode(name));

    private static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"{date.Day:00}-{Months[date.Month - 1]}-{date.Year:0000} {date.Hour:00}:{date.Minute:00}:{date.Second:00} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static DateTimeOffset ParseDate(string text)
    {
        // "dd-Mon-yyyy hh:mm:ss +zzzz", day possibly space-padded
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var dayMonthYear = parts[0].Split('-');
        var time = parts[1].Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var zone = parts[2];
        var offset = new TimeSpan(int.Parse(zone.Substring(1, 2), CultureInfo.InvariantCulture), int.Parse(zone.Substring(3, 2), CultureInfo.InvariantCulture), 0);
        if (zone[0] == '-')
            offset = -offset;
        return new DateTimeOffset(int.Parse(dayMonthYear[2], CultureInfo.InvariantCulture), Array.IndexOf(Months, dayMonthYear[1]) + 1,
            int.Parse(dayMonthYear[0], CultureInfo.InvariantCulture), time[0], time[1], time[2], offset);
    }

    [GeneratedRegex(@"\{(\d+)\+?\}$")]
    private static partial Regex LiteralPattern();

    [GeneratedRegex(@"APPENDUID \d+ (\d+)")]
    private static partial Regex AppendUidPattern();

    [GeneratedRegex(@"UIDVALIDITY (\d+)")]
    private static partial Regex UidValidityPattern();

    [GeneratedRegex(@"^\* (\d+) EXISTS")]
    private static partial Regex ExistsPattern();

    public sealed class Response
    {
        public Response(List<object> parts)
        {
            Parts = parts;
        }

        public List<object> Parts { get; }

        public string Text => string.Concat(Parts.Select(p => p as string ?? "{literal}"));
    }

    private enum TokenKind
    {
        Atom,
        Quoted,
        Literal,
        Open,
        Close,
        Nil,
    }

    private sealed record Token(TokenKind Kind, string? Text, byte[]? Bytes);
}

public sealed class ImapCommandFailedException(string response) : Exception(response);
