using System;
using System.IO;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Text of a .vcf or .ics file from its bytes: a UTF-8, UTF-16 or UTF-32 byte order mark decides; without
    /// one, UTF-16 is recognised by its zero bytes (ASCII text in UTF-16 has one in every pair), else the bytes
    /// are UTF-8 line by line where they are valid UTF-8 and windows-1252 where not (old Outlook exports, and
    /// files joined from exports of both kinds).
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
            if (StartsWith(bytes, 0xFF, 0xFE, 0x00, 0x00))
                return new UTF32Encoding(false, false).GetString(bytes, 4, bytes.Length - 4);
            if (StartsWith(bytes, 0x00, 0x00, 0xFE, 0xFF))
                return new UTF32Encoding(true, false).GetString(bytes, 4, bytes.Length - 4);
            if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
                return DecodeUtf8OrWindows1252(bytes, 3);
            if (StartsWith(bytes, 0xFF, 0xFE))
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            if (StartsWith(bytes, 0xFE, 0xFF))
                return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0)
                return Encoding.Unicode.GetString(bytes);
            if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0)
                return Encoding.BigEndianUnicode.GetString(bytes);
            return DecodeUtf8OrWindows1252(bytes, 0);
        }

        /// <summary>UTF-8 when the bytes are valid UTF-8, else windows-1252.</summary>
        public static string DecodeUtf8OrWindows1252(byte[] bytes)
        {
            TryDecodeUtf8(bytes, out var text);
            return text;
        }

        /// <summary>True with the text when the bytes are valid UTF-8; false with the text read as windows-1252.</summary>
        public static bool TryDecodeUtf8(byte[] bytes, out string text)
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                text = Windows1252.GetString(bytes);
                return false;
            }
        }

        public static Encoding Windows1252 => Encoding.GetEncoding(1252);

        /// <summary>
        /// The encoding a CHARSET parameter names, or null when there is none or it is unknown. Names are taken as
        /// clients write them, not only as registered: "UTF8", "utf_8", "iso8859-1", "windows1252", "win-1252",
        /// "cp1252", "1252", "x-mac-roman".
        /// </summary>
        public static Encoding? ForCharset(string? charset)
        {
            if (string.IsNullOrWhiteSpace(charset))
                return null;
            var name = charset!.Trim().Trim('"');
            var known = ByName(name);
            if (known != null)
                return known;

            var key = new StringBuilder(name.Length);
            foreach (var c in name.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c))
                    key.Append(c);
            }

            var simple = key.ToString();
            switch (simple)
            {
                case "utf8":
                    return Encoding.UTF8;
                case "utf16":
                case "utf16le":
                case "ucs2":
                    return Encoding.Unicode;
                case "utf16be":
                    return Encoding.BigEndianUnicode;
                case "ascii":
                case "usascii":
                    return Encoding.ASCII;
                case "latin1":
                    return ByName("iso-8859-1");
                case "latin9":
                    return ByName("iso-8859-15");
                case "macroman":
                case "xmacroman":
                case "mac":
                    return ByName("macintosh");
            }

            if (simple.StartsWith("iso8859", StringComparison.Ordinal) && simple.Length > 7)
                return ByName("iso-8859-" + simple.Substring(7));
            foreach (var prefix in new[] { "windows", "win", "cp", "ms", "ibm", "" })
            {
                if (simple.StartsWith(prefix, StringComparison.Ordinal) && simple.Length > prefix.Length
                    && int.TryParse(simple.Substring(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var codePage))
                    return ByCodePage(codePage);
            }

            return null;
        }

        private static Encoding? ByName(string name) => Known(() => Encoding.GetEncoding(name));

        private static Encoding? ByCodePage(int codePage) => Known(() => Encoding.GetEncoding(codePage));

        /// <summary>The encoding, or null when the name or number is not one .NET (with the code pages provider) knows.</summary>
        private static Encoding? Known(Func<Encoding> lookUp)
        {
            try
            {
                return lookUp();
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>The text from <paramref name="offset"/>, line by line UTF-8 where valid, else windows-1252.</summary>
        private static string DecodeUtf8OrWindows1252(byte[] bytes, int offset)
        {
            try
            {
                return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
            }
            catch (DecoderFallbackException)
            {
            }

            var text = new StringBuilder(bytes.Length);
            var start = offset;
            while (start < bytes.Length)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                end = end < 0 ? bytes.Length : end + 1;
                try
                {
                    text.Append(StrictUtf8.GetString(bytes, start, end - start));
                }
                catch (DecoderFallbackException)
                {
                    text.Append(Windows1252.GetString(bytes, start, end - start));
                }

                start = end;
            }

            return text.ToString();
        }

        private static bool StartsWith(byte[] bytes, params byte[] prefix)
        {
            if (bytes.Length < prefix.Length)
                return false;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i])
                    return false;
            }

            return true;
        }
    }
}
