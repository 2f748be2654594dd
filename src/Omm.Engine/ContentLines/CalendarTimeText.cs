using System;
using System.Globalization;

namespace Omm.Engine.ContentLines
{
    /// <summary>DATE and DATE-TIME values of iCalendar (RFC 5545 §3.3.4, §3.3.5).</summary>
    public static class CalendarTimeText
    {
        public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        public static string Local(DateTime value) => value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

        public static string Date(DateTime value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }
}
