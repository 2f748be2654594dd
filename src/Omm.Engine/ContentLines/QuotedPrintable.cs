namespace Omm.Engine.ContentLines
{
    /// <summary>Quoted-printable values of vCard 2.1 and vCalendar 1.0 (RFC 2045 §6.7), after the soft line breaks were joined.</summary>
    public static class QuotedPrintable
    {
        /// <summary>The bytes; throws <see cref="ContentLineFormatException"/> naming the line for '=' not followed by two hex digits.</summary>
        public static byte[] Decode(string value, int lineNumber)
        {
            var bytes = new System.Collections.Generic.List<byte>(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '=')
                {
                    if (i == value.Length - 1)
                        break; // a soft line break at the very end of the text
                    var high = i + 1 < value.Length ? Hex(value[i + 1]) : -1;
                    var low = i + 2 < value.Length ? Hex(value[i + 2]) : -1;
                    if (high < 0 || low < 0)
                        throw new ContentLineFormatException(lineNumber, $"bad quoted-printable sequence \"{value.Substring(i, System.Math.Min(3, value.Length - i))}\" at character {i + 1} of the value");
                    bytes.Add((byte)(high * 16 + low));
                    i += 2;
                }
                else if (c >= 0x80)
                {
                    // Not quoted-printable at all (text the file already held as characters): keep it as UTF-8.
                    var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                    bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value.Substring(i, length)));
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
