using System.Text;
using System.Text.RegularExpressions;

namespace Omm.TestServers;

/// <summary>Reads a header of a raw message, unfolded and with RFC 2047 encoded words decoded, without MimeKit.</summary>
public static partial class HeaderText
{
    static HeaderText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string? Get(byte[] message, string name)
    {
        var text = Encoding.Latin1.GetString(message);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
            end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = (end < 0 ? text : text[..end]).Replace("\r\n", "\n");
        var unfolded = Regex.Replace(headers, "\n[ \t]+", " ");
        foreach (var line in unfolded.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return Decode(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(line[(colon + 1)..].Trim())));
        }

        return null;
    }

    private static string Decode(string value) =>
        EncodedWord().Replace(Regex.Replace(value, @"\?=\s+=\?", "?==?"), match =>
        {
            var encoding = Encoding.GetEncoding(match.Groups[1].Value);
            var data = match.Groups[3].Value;
            var bytes = match.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(data)
                : QuotedPrintable(data);
            return encoding.GetString(bytes);
        });

    private static byte[] QuotedPrintable(string data)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '_')
                bytes.Add((byte)' ');
            else if (data[i] == '=' && i + 2 < data.Length)
            {
                bytes.Add(Convert.ToByte(data.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                bytes.Add((byte)data[i]);
        }

        return bytes.ToArray();
    }

    [GeneratedRegex(@"=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
