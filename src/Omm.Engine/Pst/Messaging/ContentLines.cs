using System;
using System.Globalization;
using System.Text;

namespace Omm.Engine.Pst.Messaging
{
    /// <summary>Content lines of vCard (RFC 2426) and iCalendar (RFC 5545): escaping, folding at 75 octets, CRLF.</summary>
    internal sealed class ContentLines
    {
        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Adds "name:value" with the value escaped as TEXT.</summary>
        public void Text(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                Raw(name, Escape(value!));
        }

        /// <summary>Adds "name:value" with the value written as it is (already structured or escaped).</summary>
        public void Raw(string name, string value)
        {
            var line = name + ":" + value;
            var octets = 0;
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                var size = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
                if (octets + size > (start == 0 ? 75 : 74) && size > 0)
                {
                    _text.Append(line, start, i - start).Append("\r\n ");
                    start = i;
                    octets = 0;
                }

                octets += size;
            }

            _text.Append(line, start, line.Length - start).Append("\r\n");
        }

        public override string ToString() => _text.ToString();

        /// <summary>TEXT escaping: backslash, semicolon, comma and line breaks; other control characters are dropped.</summary>
        public static string Escape(string value)
        {
            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    case ';':
                        builder.Append("\\;");
                        break;
                    case ',':
                        builder.Append("\\,");
                        break;
                    case '\r':
                        if (i + 1 < value.Length && value[i + 1] == '\n')
                            i++;
                        builder.Append("\\n");
                        break;
                    case '\n':
                        builder.Append("\\n");
                        break;
                    default:
                        if (c >= ' ' || c == '\t')
                            builder.Append(c);
                        break;
                }
            }

            return builder.ToString();
        }

        /// <summary>A parameter value: quoted when it holds characters a bare parameter value may not.</summary>
        public static string Parameter(string value)
        {
            var clean = new StringBuilder();
            foreach (var c in value)
            {
                if (c >= ' ' && c != '"')
                    clean.Append(c);
            }

            var text = clean.ToString();
            return text.IndexOfAny(new[] { ';', ':', ',' }) >= 0 ? "\"" + text + "\"" : text;
        }

        public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        public static string Local(DateTime value) => value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

        public static string Date(DateTime value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }
}
