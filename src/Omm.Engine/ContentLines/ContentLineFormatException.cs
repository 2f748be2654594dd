using System;

namespace Omm.Engine.ContentLines
{
    /// <summary>Text that is not valid vCard or iCalendar content; the message names the line and what is wrong.</summary>
    public class ContentLineFormatException : FormatException
    {
        public ContentLineFormatException(int lineNumber, string problem, Exception? inner = null)
            : base(lineNumber > 0 ? $"line {lineNumber}: {problem}" : problem, inner)
        {
            LineNumber = lineNumber;
            Problem = problem;
        }

        /// <summary>1-based physical line where the faulty content line starts; 0 when no line applies.</summary>
        public int LineNumber { get; }

        /// <summary>What is wrong, without the line number.</summary>
        public string Problem { get; }
    }
}
