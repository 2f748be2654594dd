using System.Text;

namespace Omm.TestServers;

/// <summary>
/// Looks for a secret in text or bytes in every form it could leak in: as is (UTF-8 or UTF-16), and inside base64
/// at any alignment (HTTP Basic "user:password", SASL PLAIN "\0user\0password", SASL LOGIN, or any longer base64 run).
/// </summary>
public static class SecretTraces
{
    /// <summary>What form of the secret the bytes hold, or null when none.</summary>
    public static string? Find(byte[] bytes, string secret)
    {
        if (IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) >= 0)
            return "the secret in UTF-8";
        if (IndexOf(bytes, Encoding.Unicode.GetBytes(secret)) >= 0)
            return "the secret in UTF-16";
        foreach (var fragment in Base64Fragments(secret))
        {
            if (IndexOf(bytes, Encoding.ASCII.GetBytes(fragment)) >= 0)
                return $"the secret in base64 ('{fragment}')";
        }

        return null;
    }

    /// <summary>What form of the secret the text holds, or null when none.</summary>
    public static string? Find(string text, string secret) => Find(Encoding.UTF8.GetBytes(text), secret);

    /// <summary>
    /// The part of the base64 encoding of the secret that does not depend on its neighbours, for each of the three
    /// positions it can start at in a base64 run.
    /// </summary>
    public static IReadOnlyList<string> Base64Fragments(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var fragments = new List<string>();
        for (var offset = 0; offset < 3; offset++)
        {
            var shifted = new byte[offset + bytes.Length];
            bytes.CopyTo(shifted, offset);
            var encoded = Convert.ToBase64String(shifted);
            var start = offset == 0 ? 0 : offset + 1; // characters mixing bits of the bytes before
            var end = shifted.Length / 3 * 4; // characters mixing bits of the bytes after
            if (end - start >= 4)
                fragments.Add(encoded.Substring(start, end - start));
        }

        return fragments;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
