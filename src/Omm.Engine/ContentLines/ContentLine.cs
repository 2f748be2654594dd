using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// One logical line of vCard or iCalendar text: [group.]name[;parameters]:value. The value is the raw text
    /// after unfolding (and after joining quoted-printable soft line breaks), not unescaped or decoded.
    /// </summary>
    public sealed class ContentLine
    {
        public ContentLine(string name, string value, IEnumerable<ContentLineParameter>? parameters = null, string? group = null, int lineNumber = 0, int lastLineNumber = 0)
        {
            LastLineNumber = Math.Max(lineNumber, lastLineNumber);
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Parameters = parameters?.ToList() ?? new List<ContentLineParameter>();
            Group = string.IsNullOrEmpty(group) ? null : group;
            LineNumber = lineNumber;
        }

        /// <summary>The vCard group ("item1" of "item1.EMAIL"), or null.</summary>
        public string? Group { get; }

        /// <summary>The property name as written (compare it case-insensitively, see <see cref="Is"/>).</summary>
        public string Name { get; }

        public IReadOnlyList<ContentLineParameter> Parameters { get; }

        public string Value { get; }

        /// <summary>1-based physical line where this content line starts in the text it was read from; 0 when built in code.</summary>
        public int LineNumber { get; }

        /// <summary>The physical line where it ends (folded or continued values span several); <see cref="LineNumber"/> otherwise.</summary>
        public int LastLineNumber { get; }

        public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The first value of the first parameter with that name, or null.</summary>
        public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Is(name) && p.Values.Count > 0)?.Values[0];

        /// <summary>Every value of every parameter with that name, in order.</summary>
        public IEnumerable<string> ParameterValues(string name) => Parameters.Where(p => p.Is(name)).SelectMany(p => p.Values);

        public bool HasParameter(string name) => Parameters.Any(p => p.Is(name));

        /// <summary>ENCODING=QUOTED-PRINTABLE, or the bare vCard 2.1 form "QUOTED-PRINTABLE".</summary>
        public bool IsQuotedPrintable => HasEncoding("QUOTED-PRINTABLE");

        /// <summary>ENCODING=BASE64 as vCard 2.1 and vCalendar 1.0 write it (vCard 3.0 and iCalendar write ENCODING=b / BASE64 too).</summary>
        public bool IsBase64 => HasEncoding("BASE64") || HasEncoding("B");

        public ContentLine WithValue(string value) => new ContentLine(Name, value, Parameters, Group, LineNumber, LastLineNumber);

        public ContentLine WithParameters(IEnumerable<ContentLineParameter> parameters) => new ContentLine(Name, Value, parameters, Group, LineNumber, LastLineNumber);

        /// <summary>The line as it would be written, unfolded, without a line end.</summary>
        public override string ToString() => ContentLineWriter.Format(this);

        private bool HasEncoding(string encoding) =>
            Parameters.Any(p => (p.Is("ENCODING") || p.IsBare) && p.Values.Any(v => string.Equals(v.Trim(), encoding, StringComparison.OrdinalIgnoreCase)));
    }
}
