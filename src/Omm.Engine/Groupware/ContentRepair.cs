using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// What the vCard and iCalendar repairs share: reading text that holds lines no server takes (a property name
    /// with a space, a parameter without a name), rewriting such lines or dropping those that cannot be read; names
    /// in upper case; dropping properties without a value and second copies of single properties; writing the
    /// result. Each change is told in words in <see cref="Changes"/>.
    /// </summary>
    internal sealed class ContentRepair
    {
        private const int MostLineFixes = 200;
        private static readonly Regex NotNameCharacters = new Regex("[^A-Za-z0-9_-]+", RegexOptions.CultureInvariant);

        private bool upperCased;

        public List<string> Changes { get; } = new List<string>();

        /// <summary>The text's components; lines the reader cannot take are rewritten or dropped. Null when the text still cannot be read.</summary>
        public IReadOnlyList<ContentComponent>? Read(string text)
        {
            for (var fix = 0; fix < MostLineFixes; fix++)
            {
                ContentReading reading;
                try
                {
                    reading = ContentLineReader.Read(text);
                }
                catch (ContentLineFormatException)
                {
                    return null;
                }

                if (reading.Components.Any(c => c.FirstFault() != null))
                    return null;
                var unreadable = reading.Components.Select(FirstDroppedLine).FirstOrDefault(p => p != null);
                if (unreadable == null)
                    return reading.Components.Select(Clean).ToList();
                var fixedText = FixLine(text, unreadable.LineNumber);
                if (fixedText == null)
                    return null;
                text = fixedText;
            }

            return null;
        }

        /// <summary>The component written out, CRLF line ends, folded at 75 octets.</summary>
        public static string Write(ContentComponent component)
        {
            var writer = new ContentLineWriter();
            writer.Write(component);
            return writer.ToString();
        }

        /// <summary>The repair, or null when nothing was changed.</summary>
        public RepairedItem? Result(ContentComponent component) => Changes.Count == 0 ? null : new RepairedItem(Write(component), Changes.ToList());

        /// <summary>Drops properties without a value (but those in <paramref name="keep"/>), naming them in one change.</summary>
        public List<ContentLine> WithoutEmpty(IEnumerable<ContentLine> properties, string where, params string[] keep)
        {
            var kept = new List<ContentLine>();
            var dropped = new List<string>();
            foreach (var property in properties)
            {
                if (property.Value.Trim().Length == 0 && !keep.Any(property.Is))
                    dropped.Add(property.Name);
                else
                    kept.Add(property);
            }

            if (dropped.Count > 0)
                Changes.Add($"dropped the empty {string.Join(", ", dropped.Distinct())}{where}");
            return kept;
        }

        /// <summary>Keeps the first of each of the <paramref name="single"/> properties, naming each one dropped with its value.</summary>
        public List<ContentLine> WithoutSeconds(IEnumerable<ContentLine> properties, ICollection<string> single, string where)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var kept = new List<ContentLine>();
            foreach (var property in properties)
            {
                if (single.Contains(property.Name) && !seen.Add(property.Name))
                {
                    Changes.Add($"dropped a second {Excerpt(property)}{where}, which may be there once only");
                    continue;
                }

                kept.Add(property);
            }

            return kept;
        }

        /// <summary>"NAME:value" shortened for a message.</summary>
        public static string Excerpt(ContentLine property)
        {
            var text = property.Name + ":" + property.Value;
            return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
        }

        /// <summary>The first content line the reader left out of the component or a nested one, depth first; null when none.</summary>
        private static ContentLineProblem? FirstDroppedLine(ContentComponent component) =>
            component.DroppedLines.FirstOrDefault(p => p.Dropped) ?? component.Components.Select(FirstDroppedLine).FirstOrDefault(p => p != null);

        /// <summary>Names in upper case, no parameter without a name or without a value, property names made only of letters, digits and '-'.</summary>
        private ContentComponent Clean(ContentComponent component)
        {
            var name = UpperCase(component.Name);
            var properties = component.Properties.Select(CleanLine).ToList();
            return new ContentComponent(name, properties, component.Components.Select(Clean));
        }

        private ContentLine CleanLine(ContentLine line)
        {
            var name = SafeName(line.Name, out var renamed);
            if (renamed)
                Changes.Add($"renamed the property '{line.Name}' to {name}");
            var parameters = new List<ContentLineParameter>();
            foreach (var parameter in line.Parameters)
            {
                if (parameter.Name != null && parameter.Name.Trim().Length == 0)
                    Changes.Add($"dropped a parameter without a name (={parameter.Value}) of {name}");
                else if (!parameter.IsBare && parameter.Values.All(v => v.Trim().Length == 0))
                    Changes.Add($"dropped the empty parameter {parameter.Name}= of {name}");
                else
                    parameters.Add(parameter.IsBare ? parameter : new ContentLineParameter(UpperCase(parameter.Name!), parameter.Values));
            }

            return new ContentLine(UpperCase(name), line.Value, parameters, line.Group);
        }

        private string UpperCase(string name)
        {
            var upper = name.ToUpperInvariant();
            if (upper != name && !upperCased)
            {
                upperCased = true;
                Changes.Add("wrote names in upper case");
            }

            return upper;
        }

        /// <summary>A property name servers take: letters, digits, '-' (and '_', which the servers tried take); an X- name when it had to change.</summary>
        private static string SafeName(string name, out bool renamed)
        {
            var safe = NotNameCharacters.Replace(name.Trim(), "-").Trim('-');
            renamed = safe != name;
            if (!renamed)
                return name;
            if (safe.Length == 0)
                safe = "UNNAMED";
            if (safe.StartsWith("X_", StringComparison.OrdinalIgnoreCase))
                safe = "X-" + safe.Substring(2);
            return safe.StartsWith("X-", StringComparison.OrdinalIgnoreCase) ? safe : "X-" + safe;
        }

        /// <summary>
        /// The text with the content line starting at <paramref name="lineNumber"/> rewritten (its name made safe, parameters
        /// without a name dropped) or, when that does not make it readable, dropped. Null when there is nothing to fix there.
        /// </summary>
        private string? FixLine(string text, int lineNumber)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').ToList();
            var first = lineNumber - 1;
            if (first >= lines.Count)
                return null;
            var last = first;
            while (last + 1 < lines.Count && lines[last + 1].Length > 0 && (lines[last + 1][0] == ' ' || lines[last + 1][0] == '\t'))
                last++;
            var logical = new StringBuilder(lines[first]);
            for (var i = first + 1; i <= last; i++)
                logical.Append(lines[i], 1, lines[i].Length - 1);

            var original = logical.ToString();
            var rewritten = RewriteLine(original);
            lines.RemoveRange(first, last - first + 1);
            if (rewritten != null && Readable(rewritten))
            {
                lines.Insert(first, rewritten);
                Changes.AddRange(Describe(original, rewritten));
            }
            else
            {
                if (original.Trim().Length == 0)
                    return null;
                Changes.Add($"dropped the unreadable line '{Shorten(original)}'");
            }

            return string.Join("\r\n", lines);
        }

        private static IEnumerable<string> Describe(string original, string rewritten)
        {
            var before = NameOf(original);
            var after = NameOf(rewritten);
            if (before != after)
                yield return $"renamed the property '{before}' to {after}";
            if (original.Length - before.Length != rewritten.Length - after.Length)
                yield return $"dropped a parameter without a name of {after}";
        }

        private static string NameOf(string line)
        {
            var end = line.IndexOfAny(new[] { ';', ':' });
            return end < 0 ? line : line.Substring(0, end);
        }

        private static bool Readable(string line)
        {
            try
            {
                return ContentLineParser.TryParse(line, 1, 1, out _) != null;
            }
            catch (ContentLineFormatException)
            {
                return false;
            }
        }

        /// <summary>The line with a safe name and without parameters that have no name; null when it has no ':' at all.</summary>
        private static string? RewriteLine(string line)
        {
            var nameEnd = line.IndexOfAny(new[] { ';', ':' });
            if (nameEnd <= 0)
                return null;
            var fullName = line.Substring(0, nameEnd);
            var dot = fullName.LastIndexOf('.');
            var group = dot > 0 ? NotNameCharacters.Replace(fullName.Substring(0, dot), "-") + "." : string.Empty;
            var name = SafeName(dot >= 0 ? fullName.Substring(dot + 1) : fullName, out _);
            var builder = new StringBuilder(group + name);
            var position = nameEnd;
            while (position < line.Length && line[position] == ';')
            {
                var start = position + 1;
                var end = start;
                var quoted = false;
                while (end < line.Length && (quoted || (line[end] != ';' && line[end] != ':')))
                {
                    if (line[end] == '"')
                        quoted = !quoted;
                    end++;
                }

                var parameter = line.Substring(start, end - start);
                if (parameter.Trim().Length > 0 && !parameter.TrimStart().StartsWith("=", StringComparison.Ordinal))
                    builder.Append(';').Append(parameter);
                position = end;
            }

            if (position >= line.Length)
                return null;
            return builder.Append(line, position, line.Length - position).ToString();
        }

        private static string Shorten(string line) => line.Length > 60 ? line.Substring(0, 57) + "..." : line;
    }
}
