using System;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// Something in a vCard or iCalendar text that could not be read as written: a content line left out of its
    /// component, a value read another way than the text says, or a component whose BEGIN/END do not pair up.
    /// </summary>
    public sealed class ContentLineProblem
    {
        public ContentLineProblem(int lineNumber, string? property, string problem, bool dropped, int lastLineNumber = 0)
        {
            LineNumber = lineNumber;
            LastLineNumber = Math.Max(lineNumber, lastLineNumber);
            Property = string.IsNullOrEmpty(property) ? null : property;
            Problem = problem;
            Dropped = dropped;
        }

        /// <summary>1-based physical line where the content line (or the component) starts.</summary>
        public int LineNumber { get; }

        /// <summary>The last physical line it is about (<see cref="LineNumber"/> unless it spans several).</summary>
        public int LastLineNumber { get; }

        /// <summary>The property name as far as it could be read ("PHOTO"), or null.</summary>
        public string? Property { get; }

        /// <summary>What is wrong, without line or property.</summary>
        public string Problem { get; }

        /// <summary>True when the property was left out; false when it was kept, read as the problem says.</summary>
        public bool Dropped { get; }

        /// <summary>A sentence for people: "PHOTO (line 52) was not copied: the value is not valid base64."</summary>
        public override string ToString()
        {
            var lines = LastLineNumber > LineNumber ? $"lines {LineNumber}-{LastLineNumber}" : $"line {LineNumber}";
            var what = Property != null ? $"{Property} ({lines})" : char.ToUpperInvariant(lines[0]) + lines.Substring(1);
            var verb = LastLineNumber > LineNumber && Property == null ? "were" : "was";
            return Dropped ? $"{what} {verb} not copied: {Problem}." : $"{what}: {Problem}.";
        }
    }
}
