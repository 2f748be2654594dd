using System.Collections.Generic;
using System.Text;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// The physical lines of a text. A line ends at LF, CRLF, any run of CRs before an LF (the CR CR LF that
    /// some iPhone exports write) or a lone CR.
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
                    _lines.Add(text.Substring(start, i - start));
                    start = ++i;
                }
                else if (c == '\r')
                {
                    _lines.Add(text.Substring(start, i - start));
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
                _lines.Add(text.Substring(start));
        }

        public int Count => _lines.Count;

        /// <summary>The line with that 1-based number.</summary>
        public string this[int lineNumber] => _lines[lineNumber - 1];

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
