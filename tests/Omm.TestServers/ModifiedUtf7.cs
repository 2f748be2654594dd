using System.Text;

namespace Omm.TestServers;

/// <summary>IMAP mailbox name encoding (RFC 3501 section 5.1.3).</summary>
public static class ModifiedUtf7
{
    public static string Encode(string name)
    {
        var result = new StringBuilder();
        var pending = new StringBuilder();
        void Flush()
        {
            if (pending.Length == 0)
                return;
            var bytes = Encoding.BigEndianUnicode.GetBytes(pending.ToString());
            result.Append('&').Append(Convert.ToBase64String(bytes).TrimEnd('=').Replace('/', ',')).Append('-');
            pending.Clear();
        }

        foreach (var c in name)
        {
            if (c >= 0x20 && c <= 0x7e)
            {
                Flush();
                result.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Append(c);
            }
        }

        Flush();
        return result.ToString();
    }

    public static string Decode(string encoded)
    {
        var result = new StringBuilder();
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '&')
            {
                result.Append(encoded[i]);
                continue;
            }

            var end = encoded.IndexOf('-', i + 1);
            var chunk = encoded.Substring(i + 1, end - i - 1);
            if (chunk.Length == 0)
            {
                result.Append('&');
            }
            else
            {
                var base64 = chunk.Replace(',', '/');
                base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
                result.Append(Encoding.BigEndianUnicode.GetString(Convert.FromBase64String(base64)));
            }

            i = end;
        }

        return result.ToString();
    }
}
