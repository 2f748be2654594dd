using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// The physical lines of a text. A line ends at LF, CRLF, any run of CRs before an LF (the CR CR LF that
    /// some iPhone exports write) or a lone CR. A byte order mark that starts a line is left out (files joined
    /// with their marks, or the text's own).
    /// </summary>
    internal sealed class SourceLines
    {
        private readonly List<string> _lines;

        public SourceLines(string text)
        {
            _lines = new List<string>();
            var start = 0;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    Add(text, start, i);
                    start = ++i;
                }
                else if (c == '\r')
                {
                    Add(text, start, i);
                    var next = i + 1;
                    while (next < text.Length && text[next] == '\r')
                        next++;
                    i = next < text.Length && text[next] == '\n' ? next + 1 : i + 1;
                    start = i;
                }
                else
                {
                    i++;
                }
            }

            if (start < text.Length)
                Add(text, start, text.Length);
        }

        public int Count => _lines.Count;

        /// <summary>The line with that 1-based number.</summary>
        public string this[int lineNumber] => _lines[lineNumber - 1];

        private void Add(string text, int start, int end)
        {
            if (start < end && text[start] == '\uFEFF')
                start++;
            _lines.Add(text.Substring(start, end - start));
        }

        /// <summary>Lines first..last (1-based, inclusive), each ended by CRLF.</summary>
        public string Join(int first, int last)
        {
            var builder = new StringBuilder();
            for (var n = first; n <= last && n <= _lines.Count; n++)
                builder.Append(_lines[n - 1]).Append("\r\n");
            return builder.ToString();
        }
    }
}
