using System;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Writes content lines: CRLF line ends, lines folded at 75 octets of UTF-8 without splitting a character
    /// (a surrogate pair stays whole) and never right after '=' (so that no fold looks like a quoted-printable
    /// soft line break), continuation lines starting with one space.
    /// </summary>
    public sealed class ContentLineWriter
    {
        public const int MaximumLineOctets = 75;

        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Adds "name:value" with the value escaped as TEXT; nothing when the value is null or empty.</summary>
        public void Text(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                Raw(name, ContentLineText.Escape(value!));
        }

        /// <summary>Adds "name:value" with the value written as it is (already structured or escaped).</summary>
        public void Raw(string nameAndParameters, string value) => AppendFolded(nameAndParameters + ":" + value);

        public void Write(ContentLine line) => AppendFolded(Format(line));

        /// <summary>BEGIN, the properties, the nested components and END of a component.</summary>
        public void Write(ContentComponent component)
        {
            Raw("BEGIN", component.Name);
            foreach (var property in component.Properties)
                Write(property);
            foreach (var child in component.Components)
                Write(child);
            Raw("END", component.Name);
        }

        public override string ToString() => _text.ToString();

        /// <summary>"[group.]name[;parameters]:value", unfolded.</summary>
        public static string Format(ContentLine line)
        {
            var builder = new StringBuilder();
            if (line.Group != null)
                builder.Append(line.Group).Append('.');
            builder.Append(line.Name);
            foreach (var parameter in line.Parameters)
                builder.Append(';').Append(FormatParameter(parameter));
            return builder.Append(':').Append(line.Value).ToString();
        }

        /// <summary>NAME=value,value with each value quoted when it must be; a bare parameter as its value.</summary>
        public static string FormatParameter(ContentLineParameter parameter)
        {
            var values = new string[parameter.Values.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = ContentLineText.ParameterValue(parameter.Values[i]);
            var joined = string.Join(",", values);
            return parameter.IsBare ? joined : parameter.Name + "=" + joined;
        }

        /// <summary>One unfolded line folded at 75 octets, each physical line ended by CRLF.</summary>
        public static string Fold(string line)
        {
            var builder = new StringBuilder(line.Length + line.Length / 70 * 3 + 2);
            AppendFolded(builder, line);
            return builder.ToString();
        }

        private void AppendFolded(string line) => AppendFolded(_text, line);

        private static void AppendFolded(StringBuilder output, string line)
        {
            var octets = 0;
            var start = 0;
            var limit = MaximumLineOctets;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\r' || c == '\n')
                    throw new ArgumentException("A content line cannot hold a line break; escape the value first.", nameof(line));
                var size = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
                if (size > 0 && octets + size > limit)
                {
                    // A physical line ending in '=' would read as a quoted-printable soft line break.
                    var end = i;
                    if (line[end - 1] == '=' && end - 1 > start)
                    {
                        end--;
                        octets = 1;
                    }
                    else
                    {
                        octets = 0;
                    }

                    output.Append(line, start, end - start).Append("\r\n ");
                    start = end;
                    limit = MaximumLineOctets - 1;
                }

                octets += size;
            }

            output.Append(line, start, line.Length - start).Append("\r\n");
        }
    }
}
