using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>Quoted-printable values of vCard 2.1 and vCalendar 1.0 (RFC 2045 §6.7), after the soft line breaks were joined.</summary>
    public static class QuotedPrintable
    {
        /// <summary>
        /// The bytes. A '=' not followed by two hex digits is kept as written, with what follows it (the robust
        /// reading RFC 2045 §6.7 suggests: writers that did not encode an '=' are commoner than ones that meant
        /// something else); <paramref name="badSequence"/> then gives the first such sequence, else null.
        /// </summary>
        public static byte[] Decode(string value, out string? badSequence)
        {
            badSequence = null;
            var bytes = new List<byte>(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '=')
                {
                    if (i == value.Length - 1)
                        break; // a soft line break at the very end of the text
                    var high = Hex(value[i + 1]);
                    var low = i + 2 < value.Length ? Hex(value[i + 2]) : -1;
                    if (high >= 0 && low >= 0)
                    {
                        bytes.Add((byte)(high * 16 + low));
                        i += 2;
                        continue;
                    }

                    badSequence ??= value.Substring(i, System.Math.Min(3, value.Length - i));
                    bytes.Add((byte)'=');
                }
                else if (c >= 0x80)
                {
                    // Not quoted-printable at all (text the file already held as characters): keep it as UTF-8.
                    var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                    bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
                    i += length - 1;
                }
                else
                {
                    bytes.Add((byte)c);
                }
            }

            return bytes.ToArray();
        }

        private static int Hex(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
