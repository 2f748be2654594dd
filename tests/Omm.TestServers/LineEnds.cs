namespace Omm.TestServers;

/// <summary>Line ends as IMAP carries them.</summary>
public static class LineEnds
{
    /// <summary>The bytes with every bare LF made CRLF, as a file's message is sent to the server.</summary>
    public static byte[] Crlf(byte[] bytes)
    {
        var result = new List<byte>(bytes.Length + 64);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
                result.Add((byte)'\r');
            result.Add(bytes[i]);
        }

        return result.ToArray();
    }
}
