using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>TEXT values (RFC 5545 §3.3.11, RFC 2426 §4, RFC 6350 §3.4): escaping, unescaping, splitting.</summary>
    public static class ContentLineText
    {
        /// <summary>Escapes backslash, semicolon, comma and line breaks (CRLF, CR or LF become \n); other control characters are dropped.</summary>
        public static string Escape(string value) => Escape(value, escapeComma: true);

        /// <summary>As <see cref="Escape(string)"/>; with escapeComma false a comma stays as it is (a list separator).</summary>
        public static string Escape(string value, bool escapeComma)
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
                        builder.Append(escapeComma ? "\\," : ",");
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

        /// <summary>Undoes TEXT escaping: \n and \N become a line feed, a backslash before any other character is dropped.</summary>
        public static string Unescape(string value)
        {
            if (value.IndexOf('\\') < 0)
                return value;
            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '\\' && i + 1 < value.Length)
                {
                    var next = value[++i];
                    builder.Append(next == 'n' || next == 'N' ? '\n' : next);
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>Splits at each separator that is not escaped by a backslash; the parts keep their escapes.</summary>
        public static IReadOnlyList<string> Split(string value, char separator)
        {
            var parts = new List<string>();
            var start = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\')
                    i++;
                else if (value[i] == separator)
                {
                    parts.Add(value.Substring(start, i - start));
                    start = i + 1;
                }
            }

            parts.Add(value.Substring(start));
            return parts;
        }

        /// <summary>A parameter value as written: quoted when it holds ';', ':' or ','; double quotes and control characters other than tab are dropped.</summary>
        public static string ParameterValue(string value)
        {
            var clean = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if ((c >= ' ' || c == '\t') && c != '"')
                    clean.Append(c);
            }

            var text = clean.ToString();
            return text.IndexOfAny(new[] { ';', ':', ',' }) >= 0 ? "\"" + text + "\"" : text;
        }
    }
}
