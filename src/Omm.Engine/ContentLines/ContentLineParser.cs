using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>Splits one unfolded logical line into group, name, parameters and raw value.</summary>
    internal static class ContentLineParser
    {
        public static ContentLine Parse(string line, int lineNumber)
        {
            var position = 0;
            while (position < line.Length && line[position] != ';' && line[position] != ':')
                position++;
            if (position == line.Length)
                throw new ContentLineFormatException(lineNumber, $"no ':' between a property name and its value in \"{Excerpt(line)}\"");

            var fullName = line.Substring(0, position).Trim();
            if (fullName.Length == 0)
                throw new ContentLineFormatException(lineNumber, $"a content line without a property name: \"{Excerpt(line)}\"");
            foreach (var c in fullName)
            {
                if (!IsNameCharacter(c))
                    throw new ContentLineFormatException(lineNumber, $"\"{Excerpt(fullName)}\" is not a property name (it holds '{Printable(c)}')");
            }

            var dot = fullName.LastIndexOf('.');
            var group = dot > 0 ? fullName.Substring(0, dot) : null;
            var name = dot >= 0 ? fullName.Substring(dot + 1) : fullName;
            if (name.Length == 0)
                throw new ContentLineFormatException(lineNumber, $"\"{Excerpt(fullName)}\" has a group but no property name");

            var parameters = new List<ContentLineParameter>();
            while (line[position] == ';')
            {
                position++;
                var parameter = ReadParameter(line, ref position, lineNumber, name);
                if (parameter != null)
                    parameters.Add(parameter);
                if (position >= line.Length)
                    throw new ContentLineFormatException(lineNumber, $"{name}: no ':' after the parameters");
            }

            return new ContentLine(name, line.Substring(position + 1), parameters, group, lineNumber);
        }

        private static ContentLineParameter? ReadParameter(string line, ref int position, int lineNumber, string propertyName)
        {
            var start = position;
            while (position < line.Length && line[position] != '=' && line[position] != ';' && line[position] != ':')
                position++;
            var token = line.Substring(start, position - start).Trim();
            if (position >= line.Length || line[position] != '=')
                return token.Length == 0 ? null : new ContentLineParameter(null, token);

            if (token.Length == 0)
                throw new ContentLineFormatException(lineNumber, $"{propertyName}: a parameter with a value but no name");
            position++;
            var values = new List<string>();
            while (true)
            {
                if (position < line.Length && line[position] == '"')
                {
                    var close = line.IndexOf('"', position + 1);
                    if (close < 0)
                        throw new ContentLineFormatException(lineNumber, $"{propertyName}: the quoted value of parameter {token} has no closing '\"'");
                    var quoted = line.Substring(position + 1, close - position - 1);
                    foreach (var c in quoted)
                    {
                        if (c < ' ' && c != '\t')
                            throw new ContentLineFormatException(lineNumber, $"{propertyName}: '{Printable(c)}' inside the quoted value of parameter {token}");
                    }

                    values.Add(quoted);
                    position = close + 1;
                    if (position < line.Length && line[position] != ',' && line[position] != ';' && line[position] != ':')
                        throw new ContentLineFormatException(lineNumber, $"{propertyName}: '{Printable(line[position])}' after the quoted value of parameter {token}");
                }
                else
                {
                    var valueStart = position;
                    while (position < line.Length && line[position] != ',' && line[position] != ';' && line[position] != ':')
                    {
                        if (line[position] == '"' || (line[position] < ' ' && line[position] != '\t'))
                            throw new ContentLineFormatException(lineNumber, $"{propertyName}: '{Printable(line[position])}' inside the unquoted value of parameter {token}");
                        position++;
                    }

                    values.Add(line.Substring(valueStart, position - valueStart));
                }

                if (position < line.Length && line[position] == ',')
                {
                    position++;
                    continue;
                }

                return new ContentLineParameter(token, values);
            }
        }

        private static bool IsNameCharacter(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';

        private static string Printable(char c) => c < ' ' ? "\\u" + ((int)c).ToString("X4") : c.ToString();

        internal static string Excerpt(string text)
        {
            var builder = new StringBuilder();
            foreach (var c in text.Length > 60 ? text.Substring(0, 60) : text)
                builder.Append(c < ' ' ? '?' : c);
            return text.Length > 60 ? builder + "..." : builder.ToString();
        }
    }
}
