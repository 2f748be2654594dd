using System.IO;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Text of a .vcf or .ics file from its bytes: a UTF-8 or UTF-16 byte order mark decides; without one the
    /// bytes are UTF-8 when they are valid UTF-8, else windows-1252 (old Outlook exports).
    /// </summary>
    public static class TextDecoding
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        static TextDecoding()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }

        public static string Read(Stream stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return Decode(buffer.ToArray());
        }

        public static string Decode(byte[] bytes)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
                return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            return DecodeUtf8OrWindows1252(bytes);
        }

        /// <summary>UTF-8 when the bytes are valid UTF-8, else windows-1252.</summary>
        public static string DecodeUtf8OrWindows1252(byte[] bytes)
        {
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return Windows1252.GetString(bytes);
            }
        }

        public static Encoding Windows1252 => Encoding.GetEncoding(1252);

        /// <summary>The encoding a CHARSET parameter names, or null when there is none or it is unknown.</summary>
        public static Encoding? ForCharset(string? charset)
        {
            if (string.IsNullOrWhiteSpace(charset))
                return null;
            try
            {
                return Encoding.GetEncoding(charset!.Trim());
            }
            catch (System.ArgumentException)
            {
                return null;
            }
            catch (System.NotSupportedException)
            {
                return null;
            }
        }
    }
}
