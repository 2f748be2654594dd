using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>Days of the week as iCalendar (MO) and EWS (Monday) write them, and the n-th of a weekday in a month.</summary>
    internal static class WeekdayNames
    {
        private static readonly string[] Codes = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

        public static string Code(DayOfWeek day) => Codes[(int)day];

        public static DayOfWeek? FromCode(string code)
        {
            var index = Array.IndexOf(Codes, code.Trim().ToUpperInvariant());
            return index < 0 ? null : (DayOfWeek?)index;
        }

        /// <summary>"Monday"; the enum's name is the EWS DayOfWeekType value.</summary>
        public static string Ews(DayOfWeek day) => day.ToString();

        public static DayOfWeek? FromEws(string name) =>
            Enum.TryParse<DayOfWeek>(name.Trim(), false, out var day) && Enum.IsDefined(typeof(DayOfWeek), day) ? day : (DayOfWeek?)null;

        /// <summary>
        /// The <paramref name="ordinal"/>-th day of the month that is one of <paramref name="days"/> (1..5 from the
        /// start, -1..-5 from the end); null when the month has no such day.
        /// </summary>
        public static DateTime? Nth(int year, int month, ICollection<DayOfWeek> days, int ordinal)
        {
            var length = DateTime.DaysInMonth(year, month);
            var seen = 0;
            if (ordinal > 0)
            {
                for (var d = 1; d <= length; d++)
                {
                    var date = new DateTime(year, month, d);
                    if (days.Contains(date.DayOfWeek) && ++seen == ordinal)
                        return date;
                }
            }
            else
            {
                for (var d = length; d >= 1; d--)
                {
                    var date = new DateTime(year, month, d);
                    if (days.Contains(date.DayOfWeek) && ++seen == -ordinal)
                        return date;
                }
            }

            return null;
        }
    }
}
