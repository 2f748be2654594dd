using System;
using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Reads vCard (RFC 2425/2426/6350, vCard 2.1) and iCalendar (RFC 5545 §3.1) text into components.
    /// A physical line that starts with a space or tab continues the previous one (the one whitespace character
    /// is dropped). Two vCard 2.1 / vCalendar 1.0 rules are applied too, whatever the version: a
    /// quoted-printable value that ends in '=' continues on the next line even without leading whitespace, and
    /// an ENCODING=BASE64 value continues on following lines made only of base64 characters (2.1 writers that
    /// do not indent them end the value with a blank line).
    /// </summary>
    public static class ContentLineReader
    {
        /// <summary>The top-level components of the text, in order. Throws <see cref="ContentLineFormatException"/>.</summary>
        public static IReadOnlyList<ContentComponent> Read(string text)
        {
            if (text == null)
                throw new ArgumentNullException(nameof(text));
            var source = new SourceLines(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
            var topLevel = new List<ContentComponent>();
            var open = new Stack<OpenComponent>();
            foreach (var (line, lastLine) in LogicalLines(source))
            {
                if (line.Is("BEGIN"))
                {
                    var name = line.Value.Trim();
                    if (name.Length == 0)
                        throw new ContentLineFormatException(line.LineNumber, "BEGIN without a component name");
                    open.Push(new OpenComponent(name, line.LineNumber));
                }
                else if (line.Is("END"))
                {
                    var name = line.Value.Trim();
                    if (open.Count == 0)
                        throw new ContentLineFormatException(line.LineNumber, $"END:{name} without a BEGIN:{name}");
                    var current = open.Peek();
                    if (!string.Equals(current.Name, name, StringComparison.OrdinalIgnoreCase))
                        throw new ContentLineFormatException(line.LineNumber, $"END:{name} where END:{current.Name} was expected (BEGIN:{current.Name} at line {current.LineNumber})");
                    open.Pop();
                    var component = new ContentComponent(current.Name, current.Properties, current.Components, current.LineNumber, lastLine, source);
                    if (open.Count == 0)
                        topLevel.Add(component);
                    else
                        open.Peek().Components.Add(component);
                }
                else
                {
                    if (open.Count == 0)
                        throw new ContentLineFormatException(line.LineNumber, $"{line.Name} outside any BEGIN/END block");
                    open.Peek().Properties.Add(line);
                }
            }

            if (open.Count > 0)
            {
                var unclosed = open.Peek();
                throw new ContentLineFormatException(unclosed.LineNumber, $"BEGIN:{unclosed.Name} has no END:{unclosed.Name} (the text ends at line {source.Count})");
            }

            return topLevel;
        }

        /// <summary>The logical lines with the number of their last physical line.</summary>
        private static IEnumerable<(ContentLine Line, int LastLine)> LogicalLines(SourceLines source)
        {
            var number = 1;
            while (number <= source.Count)
            {
                var first = source[number];
                if (first.Trim().Length == 0)
                {
                    number++;
                    continue;
                }

                if (IsContinuation(first))
                    throw new ContentLineFormatException(number, "a folded continuation line with no content line before it");

                var start = number;
                var builder = new StringBuilder(first);
                number++;
                while (number <= source.Count && IsContinuation(source[number]))
                {
                    builder.Append(source[number], 1, source[number].Length - 1);
                    number++;
                }

                var line = ContentLineParser.Parse(builder.ToString(), start);
                if (line.IsQuotedPrintable)
                {
                    // Soft line breaks: after a value that ends in '=' the next line follows verbatim, leading
                    // whitespace included; otherwise only a line starting with whitespace continues (a fold).
                    var text = new StringBuilder(first);
                    number = start + 1;
                    while (number <= source.Count)
                    {
                        var next = source[number];
                        if (EndsWithSoftLineBreak(text))
                        {
                            text.Length--;
                            text.Append(next);
                        }
                        else if (IsContinuation(next))
                        {
                            text.Append(next, 1, next.Length - 1);
                        }
                        else
                        {
                            break;
                        }

                        number++;
                    }

                    line = ContentLineParser.Parse(text.ToString(), start);
                }
                else if (line.IsBase64 && !line.Is("BEGIN") && !line.Is("END"))
                {
                    var value = new StringBuilder(line.Value);
                    var extended = false;
                    while (number <= source.Count && IsBase64Text(source[number]))
                    {
                        value.Append(source[number]);
                        number++;
                        extended = true;
                    }

                    if (extended)
                        line = line.WithValue(value.ToString());
                }

                yield return (line, number - 1);
            }
        }

        /// <summary>A '=' at the end of the value (not of a parameter such as a folded "ENCODING=").</summary>
        private static bool EndsWithSoftLineBreak(StringBuilder text)
        {
            if (text.Length == 0 || text[text.Length - 1] != '=')
                return false;
            var colon = text.ToString().IndexOf(':');
            return colon >= 0 && colon < text.Length - 1;
        }

        private static bool IsContinuation(string line) => line.Length > 0 && (line[0] == ' ' || line[0] == '\t');

        private static bool IsBase64Text(string line)
        {
            if (line.Length == 0)
                return false;
            foreach (var c in line)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
                    return false;
            }

            return true;
        }

        private sealed class OpenComponent
        {
            public OpenComponent(string name, int lineNumber)
            {
                Name = name;
                LineNumber = lineNumber;
            }

            public string Name { get; }

            public int LineNumber { get; }

            public List<ContentLine> Properties { get; } = new List<ContentLine>();

            public List<ContentComponent> Components { get; } = new List<ContentComponent>();
        }
    }
}
