using System;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Calendars
{
    /// <summary>An .ics text that is not readable iCalendar; the message names the line and what is wrong.</summary>
    public sealed class CalendarFormatException : ContentLineFormatException
    {
        public CalendarFormatException(int lineNumber, string problem, Exception? inner = null)
            : base(lineNumber, problem, inner)
        {
        }
    }
}
