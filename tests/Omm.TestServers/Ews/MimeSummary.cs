using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Omm.TestServers.Ews;

/// <summary>
/// What Exchange takes from a MIME message's header when it stores it: Subject, Message-ID, From and Date.
/// A header is required (Exchange fails an empty or header-less MimeContent with ErrorMimeContentConversionFailed).
/// </summary>
internal sealed partial record MimeSummary(string? Subject, string? MessageId, string? FromName, string? FromAddress, DateTimeOffset? Date)
{
    private const int HeaderLimit = 512 * 1024;

    static MimeSummary() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static MimeSummary? Read(ItemContent mime)
    {
        if (mime.Length == 0)
            return null;
        var head = Encoding.Latin1.GetString(mime.Head(HeaderLimit));
        var end = head.IndexOf("\n\r\n", StringComparison.Ordinal) is var crlf and >= 0 ? crlf : head.IndexOf("\n\n", StringComparison.Ordinal);
        var header = end >= 0 ? head[..(end + 1)] : head;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var value = new StringBuilder();
        var any = false;
        foreach (var rawLine in header.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t')
            {
                if (name == null)
                    return null;
                value.Append(line);
                continue;
            }

            Flush();
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Any(c => c <= ' ' || c > '~'))
                return null;
            name = line[..colon];
            value.Clear().Append(line.AsSpan(colon + 1));
            any = true;
        }

        Flush();
        if (!any)
            return null;
        fields.TryGetValue("Subject", out var subject);
        fields.TryGetValue("Message-ID", out var messageId);
        fields.TryGetValue("From", out var from);
        fields.TryGetValue("Date", out var date);
        var (fromName, fromAddress) = SplitAddress(from);
        return new MimeSummary(
            subject == null ? null : DecodeWords(subject.Trim()),
            messageId?.Trim(),
            fromName,
            fromAddress,
            ParseDate(date));

        void Flush()
        {
            if (name != null)
                fields.TryAdd(name, value.ToString());
            name = null;
        }
    }

    private static (string? Name, string? Address) SplitAddress(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
            return (null, null);
        var match = AngleAddress().Match(from);
        if (!match.Success)
            return (null, from.Trim());
        var name = DecodeWords(match.Groups["name"].Value.Trim()).Trim().Trim('"');
        return (name.Length == 0 ? null : name, match.Groups["address"].Value.Trim());
    }

    /// <summary>RFC 2047 encoded words (=?charset?B|Q?...?=), adjacent ones joined.</summary>
    internal static string DecodeWords(string text) =>
        EncodedWord().Replace(WhitespaceBetweenWords().Replace(text, "$1$2"), match =>
        {
            try
            {
                var encoding = Encoding.GetEncoding(match.Groups["charset"].Value.Split('*')[0]);
                var payload = match.Groups["text"].Value;
                var bytes = match.Groups["encoding"].Value.ToUpperInvariant() == "B"
                    ? Convert.FromBase64String(payload)
                    : QuotedPrintableWord(payload);
                return encoding.GetString(bytes);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return match.Value;
            }
        });

    private static byte[] QuotedPrintableWord(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_')
                bytes.Add((byte)' ');
            else if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
                bytes.Add((byte)text[i]);
        }

        return [.. bytes];
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>An RFC 5322 date ("Sat, 5 Jul 2025 21:50:08 +0000", obsolete zone names too).</summary>
    internal static DateTimeOffset? ParseDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
            return null;
        var text = Comment().Replace(date, " ");
        var comma = text.IndexOf(',');
        if (comma >= 0)
            text = text[(comma + 1)..];
        var parts = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || Array.IndexOf(Months, parts[1].ToLowerInvariant()[..Math.Min(3, parts[1].Length)]) is var month && month < 0
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !TimeSpan.TryParseExact(parts[3], ["h\\:mm\\:ss", "h\\:mm"], CultureInfo.InvariantCulture, out var time))
            return null;
        if (year < 50)
            year += 2000;
        else if (year < 1000)
            year += 1900;
        var offset = parts.Length > 4 ? Zone(parts[4]) : TimeSpan.Zero;
        try
        {
            return new DateTimeOffset(year, month + 1, day, 0, 0, 0, offset).Add(time);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static TimeSpan Zone(string zone)
    {
        if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
        {
            var span = new TimeSpan(hhmm / 100, hhmm % 100, 0);
            return zone[0] == '-' ? -span : span;
        }

        return zone.ToUpperInvariant() switch
        {
            "EST" => TimeSpan.FromHours(-5), "EDT" => TimeSpan.FromHours(-4), "CST" => TimeSpan.FromHours(-6), "CDT" => TimeSpan.FromHours(-5),
            "MST" => TimeSpan.FromHours(-7), "MDT" => TimeSpan.FromHours(-6), "PST" => TimeSpan.FromHours(-8), "PDT" => TimeSpan.FromHours(-7),
            _ => TimeSpan.Zero,
        };
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex WhitespaceBetweenWords();

    [GeneratedRegex(@"^(?<name>.*)<(?<address>[^>]*)>")]
    private static partial Regex AngleAddress();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Comment();
}
