using System;
using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Reads vCard (RFC 2425/2426/6350, vCard 2.1) and iCalendar (RFC 5545 §3.1) text into components, giving
    /// up as little as it can (docs/bad-input-vcard-icalendar.md):
    /// <list type="bullet">
    /// <item>A physical line that starts with a space or tab continues the previous one (the one whitespace
    /// character is dropped). Two vCard 2.1 / vCalendar 1.0 rules apply too, whatever the version: a
    /// quoted-printable value that ends in '=' continues on the next line even without leading whitespace, and
    /// a base64 value continues on the following lines that hold no ':' up to a blank line (2.1 writers that
    /// do not indent base64 end it with a blank line).</item>
    /// <item>A content line that cannot be read (no ':', a bad name, broken parameter quoting) is left out of
    /// its component and listed in its <see cref="ContentComponent.DroppedLines"/>.</item>
    /// <item>BEGIN/END that do not pair up cost the component they are in (<see cref="ContentComponent.Fault"/>),
    /// not the text: a BEGIN of a component while one of the same name is open, or of a calendar item (VEVENT,
    /// VTODO, VTIMEZONE, ...) while another one is open, ends the open one there (except a VCARD right after an
    /// empty AGENT, a vCard 2.1 embedded card); an END closes the innermost open component of its name; an END that
    /// matches none is a fault of the open component; the end of the text ends what is still open.</item>
    /// <item>Lines outside any component are collected in <see cref="ContentReading.StrayText"/>.</item>
    /// </list>
    /// </summary>
    public static class ContentLineReader
    {
        /// <summary>Components that never hold one another: the items of an .ics file.</summary>
        private static readonly HashSet<string> Items = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY",
        };

        /// <summary>How deep components may nest (VCALENDAR, VEVENT, PARTICIPANT, VLOCATION is four).</summary>
        public const int MaximumDepth = 32;

        public static ContentReading Read(string text)
        {
            if (text == null)
                throw new ArgumentNullException(nameof(text));
            var source = new SourceLines(text);
            var topLevel = new List<ContentComponent>();
            var stray = new List<StrayText>();
            var open = new List<OpenComponent>();
            StrayRun? run = null;
            var lastLine = 0;

            void Close(int index, int endLine, Func<OpenComponent, string>? fault)
            {
                for (var i = open.Count - 1; i >= index; i--)
                {
                    var current = open[i];
                    open.RemoveAt(i);
                    var problem = current.Fault ?? (fault == null ? null : new ContentLineProblem(current.LineNumber, null, fault(current), false));
                    var component = new ContentComponent(current.Name, current.Properties, current.Components, current.LineNumber, Math.Max(endLine, current.LineNumber), source,
                        current.Dropped, problem, current.HasUnindentedContinuations);
                    if (i == 0)
                        topLevel.Add(component);
                    else
                        open[i - 1].Components.Add(component);
                }
            }

            foreach (var logical in LogicalLines(source))
            {
                var line = logical.Line;
                if (open.Count == 0 && !(line != null && line.Is("BEGIN") && line.Value.Trim().Length > 0))
                {
                    run ??= new StrayRun(logical.FirstLine, ContentLineParser.Excerpt(source[logical.FirstLine]));
                    run.LastLine = logical.LastLine;
                    if (line != null && line.Is("END") && run.EndedComponent == null)
                        run.EndedComponent = line.Value.Trim();
                    lastLine = logical.LastLine;
                    continue;
                }

                if (run != null)
                {
                    stray.Add(new StrayText(run.FirstLine, run.LastLine, run.Excerpt, run.EndedComponent));
                    run = null;
                }

                var current = open.Count > 0 ? open[open.Count - 1] : null;
                if (line == null)
                {
                    current!.Dropped.Add(new ContentLineProblem(logical.FirstLine, logical.Name, logical.Problem!, true, logical.LastLine));
                }
                else if (line.Is("BEGIN"))
                {
                    var name = line.Value.Trim();
                    if (name.Length == 0)
                    {
                        current!.Dropped.Add(new ContentLineProblem(line.LineNumber, "BEGIN", "it names no component", true));
                    }
                    else
                    {
                        var clash = Clash(open, name);
                        if (clash >= 0)
                            Close(clash, lastLine, o => $"BEGIN:{o.Name} has no END:{o.Name} (BEGIN:{name} at line {line.LineNumber} comes first)");
                        if (open.Count < MaximumDepth)
                        {
                            open.Add(new OpenComponent(name, line.LineNumber));
                        }
                        else
                        {
                            // No real file nests this deep; what reads components recursively must not run out of stack.
                            current!.Fault ??= new ContentLineProblem(current.LineNumber, null,
                                $"BEGIN:{name} at line {line.LineNumber} would nest components more than {MaximumDepth} deep", false);
                        }
                    }
                }
                else if (line.Is("END"))
                {
                    var name = line.Value.Trim();
                    var match = open.FindLastIndex(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (match < 0)
                    {
                        current!.Fault ??= new ContentLineProblem(current.LineNumber, null,
                            $"END:{name} at line {line.LineNumber} does not match BEGIN:{current.Name} at line {current.LineNumber}", false);
                    }
                    else
                    {
                        Close(match + 1, lastLine, o => $"BEGIN:{o.Name} has no END:{o.Name} (END:{name} at line {line.LineNumber} comes first)");
                        Close(match, logical.LastLine, null);
                    }
                }
                else
                {
                    current!.Properties.Add(line);
                    current.HasUnindentedContinuations |= logical.Unindented;
                }

                lastLine = logical.LastLine;
            }

            if (run != null)
                stray.Add(new StrayText(run.FirstLine, run.LastLine, run.Excerpt, run.EndedComponent));
            if (open.Count > 0)
                Close(0, source.Count, o => $"BEGIN:{o.Name} has no END:{o.Name} (the text ends at line {source.Count})");
            return new ContentReading(topLevel, stray);
        }

        /// <summary>The outermost open component that cannot hold a new one of that name, or -1.</summary>
        private static int Clash(List<OpenComponent> open, string name)
        {
            if (open.Count == 0)
                return -1;
            var innermost = open[open.Count - 1];
            var embedsCard = string.Equals(name, "VCARD", StringComparison.OrdinalIgnoreCase) && string.Equals(innermost.Name, "VCARD", StringComparison.OrdinalIgnoreCase)
                && innermost.Properties.Count > 0 && innermost.Properties[innermost.Properties.Count - 1] is { } last && last.Is("AGENT") && last.Value.Trim().Length == 0;
            if (embedsCard)
                return -1;
            var isItem = Items.Contains(name);
            for (var i = 0; i < open.Count; i++)
            {
                if (string.Equals(open[i].Name, name, StringComparison.OrdinalIgnoreCase) || (isItem && Items.Contains(open[i].Name)))
                    return i;
            }

            return -1;
        }

        /// <summary>The logical lines, each read or with why it could not be.</summary>
        private static IEnumerable<LogicalLine> LogicalLines(SourceLines source)
        {
            var number = 1;
            while (number <= source.Count)
            {
                var first = source[number];
                if (IsBlank(first))
                {
                    number++;
                    continue;
                }

                var start = number;
                number++;
                var folded = first;
                if (number <= source.Count && IsContinuation(source[number]))
                {
                    var builder = new StringBuilder(first);
                    while (number <= source.Count && IsContinuation(source[number]))
                    {
                        builder.Append(source[number], 1, source[number].Length - 1);
                        number++;
                    }

                    folded = builder.ToString();
                }

                if (IsContinuation(first))
                {
                    yield return LogicalLine.Unreadable(start, number - 1, null, "it is a folded continuation line with no content line before it");
                    continue;
                }

                var headerEnd = ContentLineParser.HeaderEnd(folded);
                var encoding = EncodingOf(folded, headerEnd);
                var logical = folded;
                var unindented = false;
                if (encoding == ValueEncoding.QuotedPrintable)
                {
                    // Soft line breaks: after a value that ends in '=' the next line follows verbatim, leading
                    // whitespace included; otherwise only a line starting with whitespace continues (a fold).
                    var text = new StringBuilder(first);
                    number = start + 1;
                    while (number <= source.Count)
                    {
                        var next = source[number];
                        if (text.Length > headerEnd + 1 && text[text.Length - 1] == '=' && !IsBoundary(next))
                        {
                            text.Length--;
                            text.Append(next);
                            unindented |= !IsContinuation(next);
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

                    logical = text.ToString();
                }
                else if (encoding == ValueEncoding.Base64 && number <= source.Count && !IsBlank(source[number]) && source[number].IndexOf(':') < 0)
                {
                    var text = new StringBuilder(folded);
                    while (number <= source.Count && !IsBlank(source[number]) && source[number].IndexOf(':') < 0)
                    {
                        text.Append(source[number].Trim());
                        number++;
                    }

                    logical = text.ToString();
                    unindented = true;
                }

                var line = ContentLineParser.TryParse(logical, start, number - 1, out var problem);
                yield return line != null
                    ? new LogicalLine(line, null, null, start, number - 1, unindented)
                    : LogicalLine.Unreadable(start, number - 1, ContentLineParser.NameOf(logical), problem!);
            }
        }

        /// <summary>
        /// The encoding its parameters give a value (ENCODING=QUOTED-PRINTABLE, ENCODING=B or BASE64, also in a
        /// list or quoted, or the bare vCard 2.1 parameter), from "NAME;...;...", read without copying it: every
        /// content line goes through here.
        /// </summary>
        private static ValueEncoding EncodingOf(string line, int headerEnd)
        {
            var segment = headerEnd > 0 ? line.IndexOf(';', 0, headerEnd) : -1;
            if (segment < 0)
                return ValueEncoding.None;
            var found = ValueEncoding.None;
            while (segment < headerEnd)
            {
                var start = segment + 1;
                var end = line.IndexOf(';', start);
                if (end < 0 || end > headerEnd)
                    end = headerEnd;
                var equals = line.IndexOf('=', start, end - start);
                if (equals < 0)
                {
                    found = Max(found, EncodingNamed(line, start, end));
                }
                else if (Is(line, start, equals, "ENCODING"))
                {
                    var value = equals + 1;
                    while (value <= end)
                    {
                        var comma = line.IndexOf(',', value, end - value);
                        var valueEnd = comma < 0 ? end : comma;
                        found = Max(found, EncodingNamed(line, value, valueEnd));
                        value = valueEnd + 1;
                    }
                }

                segment = end;
            }

            return found;
        }

        private static ValueEncoding Max(ValueEncoding a, ValueEncoding b) => a > b ? a : b;

        private static ValueEncoding EncodingNamed(string line, int start, int end) =>
            Is(line, start, end, "QUOTED-PRINTABLE") ? ValueEncoding.QuotedPrintable
            : Is(line, start, end, "BASE64") || Is(line, start, end, "B") ? ValueEncoding.Base64
            : ValueEncoding.None;

        /// <summary>Whether line[start..end), without surrounding whitespace and double quotes, is that word (any case).</summary>
        private static bool Is(string line, int start, int end, string word)
        {
            while (start < end && (line[start] == ' ' || line[start] == '\t' || line[start] == '"'))
                start++;
            while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '"'))
                end--;
            return end - start == word.Length && string.Compare(line, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        /// <summary>BEGIN: or END:, which a quoted-printable soft line break does not swallow.</summary>
        private static bool IsBoundary(string line) =>
            line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("END:", StringComparison.OrdinalIgnoreCase);

        private static bool IsContinuation(string line) => line.Length > 0 && (line[0] == ' ' || line[0] == '\t');

        /// <summary>Empty, or only whitespace and control characters (a DOS end-of-file mark, stray NULs).</summary>
        private static bool IsBlank(string line)
        {
            foreach (var c in line)
            {
                if (!char.IsWhiteSpace(c) && !char.IsControl(c))
                    return false;
            }

            return true;
        }

        /// <summary>What joins a value's lines beyond folding; quoted-printable wins over base64 when a line claims both.</summary>
        private enum ValueEncoding
        {
            None,
            Base64,
            QuotedPrintable,
        }

        private readonly struct LogicalLine
        {
            public LogicalLine(ContentLine? line, string? name, string? problem, int firstLine, int lastLine, bool unindented)
            {
                Line = line;
                Name = name;
                Problem = problem;
                FirstLine = firstLine;
                LastLine = lastLine;
                Unindented = unindented;
            }

            /// <summary>The line as read; null when it could not be.</summary>
            public ContentLine? Line { get; }

            /// <summary>The property name of a line that could not be read, as far as it can be made out.</summary>
            public string? Name { get; }

            public string? Problem { get; }

            public int FirstLine { get; }

            public int LastLine { get; }

            /// <summary>The value went on over lines without the leading whitespace of folding.</summary>
            public bool Unindented { get; }

            public static LogicalLine Unreadable(int firstLine, int lastLine, string? name, string problem) => new LogicalLine(null, name, problem, firstLine, lastLine, false);
        }

        private sealed class StrayRun
        {
            public StrayRun(int firstLine, string excerpt)
            {
                FirstLine = firstLine;
                LastLine = firstLine;
                Excerpt = excerpt;
            }

            public int FirstLine { get; }

            public int LastLine { get; set; }

            public string Excerpt { get; }

            public string? EndedComponent { get; set; }
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

            public List<ContentLineProblem> Dropped { get; } = new List<ContentLineProblem>();

            public ContentLineProblem? Fault { get; set; }

            public bool HasUnindentedContinuations { get; set; }
        }
    }
}
