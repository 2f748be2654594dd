using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>Splits one unfolded logical line into group, name, parameters and raw value.</summary>
    internal static class ContentLineParser
    {
        /// <summary>The line, or null with what is wrong (without line number or property name) when it is not a content line.</summary>
        public static ContentLine? TryParse(string line, int lineNumber, int lastLineNumber, out string? problem)
        {
            problem = null;
            var position = 0;
            while (position < line.Length && line[position] != ';' && line[position] != ':')
                position++;
            if (position == line.Length)
            {
                problem = $"it has no ':' between a property name and its value (\"{Excerpt(line)}\")";
                return null;
            }

            var fullName = line.Substring(0, position).Trim();
            if (fullName.Length == 0)
            {
                problem = $"it has no property name (\"{Excerpt(line)}\")";
                return null;
            }

            foreach (var c in fullName)
            {
                if (!IsNameCharacter(c))
                {
                    problem = $"\"{Excerpt(fullName)}\" is not a property name (it holds '{Printable(c)}')";
                    return null;
                }
            }

            var dot = fullName.LastIndexOf('.');
            var group = dot > 0 ? fullName.Substring(0, dot) : null;
            var name = dot >= 0 ? fullName.Substring(dot + 1) : fullName;
            if (name.Length == 0)
            {
                problem = $"\"{Excerpt(fullName)}\" has a group but no property name";
                return null;
            }

            var parameters = new List<ContentLineParameter>();
            while (line[position] == ';')
            {
                position++;
                var parameter = ReadParameter(line, ref position, out problem);
                if (problem != null)
                    return null;
                if (parameter != null)
                    parameters.Add(parameter);
                if (position >= line.Length)
                {
                    problem = "it has no ':' after its parameters";
                    return null;
                }
            }

            return new ContentLine(name, line.Substring(position + 1), parameters, group, lineNumber, lastLineNumber);
        }

        /// <summary>"PHOTO" of "item1.PHOTO;ENCODING=b:...", for naming a line that could not be read; null when no name can be made out.</summary>
        public static string? NameOf(string line)
        {
            var end = 0;
            while (end < line.Length && line[end] != ';' && line[end] != ':')
                end++;
            var fullName = line.Substring(0, end).Trim();
            if (fullName.Length == 0 || fullName.Length > 64 || end == line.Length)
                return null;
            foreach (var c in fullName)
            {
                if (!IsNameCharacter(c))
                    return null;
            }

            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? fullName : dot < fullName.Length - 1 ? fullName.Substring(dot + 1) : null;
        }

        /// <summary>Where the name and parameters end: the first ':' outside a quoted parameter value (the end of the text when there is none).</summary>
        public static int HeaderEnd(string line)
        {
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '"')
                    quoted = !quoted;
                else if (line[i] == ':' && !quoted)
                    return i;
            }

            // An unclosed quote: the first ':' then.
            var colon = line.IndexOf(':');
            return colon >= 0 ? colon : line.Length;
        }

        private static ContentLineParameter? ReadParameter(string line, ref int position, out string? problem)
        {
            problem = null;
            var start = position;
            while (position < line.Length && line[position] != '=' && line[position] != ';' && line[position] != ':')
                position++;
            var token = line.Substring(start, position - start).Trim();
            if (position >= line.Length || line[position] != '=')
                return token.Length == 0 ? null : new ContentLineParameter(null, token);

            if (token.Length == 0)
            {
                problem = "a parameter has a value but no name";
                return null;
            }

            position++;
            var values = new List<string>();
            while (true)
            {
                if (position < line.Length && line[position] == '"')
                {
                    var close = line.IndexOf('"', position + 1);
                    if (close < 0)
                    {
                        problem = $"the quoted value of parameter {token} has no closing '\"'";
                        return null;
                    }

                    var quoted = line.Substring(position + 1, close - position - 1);
                    foreach (var c in quoted)
                    {
                        if (c < ' ' && c != '\t')
                        {
                            problem = $"'{Printable(c)}' inside the quoted value of parameter {token}";
                            return null;
                        }
                    }

                    values.Add(quoted);
                    position = close + 1;
                    if (position < line.Length && line[position] != ',' && line[position] != ';' && line[position] != ':')
                    {
                        problem = $"'{Printable(line[position])}' after the quoted value of parameter {token}";
                        return null;
                    }
                }
                else
                {
                    var valueStart = position;
                    while (position < line.Length && line[position] != ',' && line[position] != ';' && line[position] != ':')
                    {
                        if (line[position] == '"' || (line[position] < ' ' && line[position] != '\t'))
                        {
                            problem = $"'{Printable(line[position])}' inside the unquoted value of parameter {token}";
                            return null;
                        }

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
