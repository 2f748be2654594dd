using System;
using System.Globalization;
using Omm.Engine.ContentLines;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// PidLidTimeZoneStruct ([MS-OXOCAL] 2.2.1.39): a bias and, optionally, yearly standard/daylight
    /// transitions (month, weekday, week 1-5 with 5 = last, time). Converts between UTC and the zone's local
    /// time and writes the matching VTIMEZONE.
    /// </summary>
    internal sealed class TimeZoneRule
    {
        private TimeZoneRule(string id, int bias, int standardBias, int daylightBias, Transition? standard, Transition? daylight)
        {
            Id = id;
            Bias = bias;
            StandardBias = standardBias;
            DaylightBias = daylightBias;
            Standard = standard;
            Daylight = daylight;
        }

        /// <summary>The TZID: the zone's description without its "(UTC+hh:mm)" prefix.</summary>
        public string Id { get; }

        /// <summary>Minutes: UTC = local + bias (+ the standard or daylight bias).</summary>
        public int Bias { get; }

        public int StandardBias { get; }

        public int DaylightBias { get; }

        private Transition? Standard { get; }

        private Transition? Daylight { get; }

        public static TimeZoneRule Utc { get; } = new TimeZoneRule("UTC", 0, 0, 0, null, null);

        /// <summary>Reads the 48-byte structure; null when it is missing or makes no sense.</summary>
        public static TimeZoneRule? Parse(byte[]? data, string? description)
        {
            if (data == null || data.Length < 48)
                return null;
            var bias = (int)Le.U32(data, 0);
            var standardBias = (int)Le.U32(data, 4);
            var daylightBias = (int)Le.U32(data, 8);
            if (Math.Abs(bias) > 24 * 60 || Math.Abs(standardBias) > 24 * 60 || Math.Abs(daylightBias) > 24 * 60)
                return null;
            var standard = Transition.Parse(data, 14);
            var daylight = Transition.Parse(data, 32);
            if (standard == null || daylight == null)
                standard = daylight = null;
            return new TimeZoneRule(CleanId(description, bias + standardBias), bias, standardBias, daylightBias, standard, daylight);
        }

        public bool HasDaylightTime => Standard != null && Daylight != null;

        public DateTime ToLocal(DateTime utc)
        {
            if (utc.Year < 2 || utc.Year > 9998)
                return utc;
            var standard = utc.AddMinutes(-(Bias + StandardBias));
            if (!HasDaylightTime)
                return standard;
            var daylight = utc.AddMinutes(-(Bias + DaylightBias));
            return IsDaylight(daylight) ? daylight : standard;
        }

        public DateTime ToUtc(DateTime local)
        {
            if (local.Year < 2 || local.Year > 9998)
                return DateTime.SpecifyKind(local, DateTimeKind.Utc);
            var bias = Bias + (HasDaylightTime && IsDaylight(local) ? DaylightBias : StandardBias);
            return DateTime.SpecifyKind(local.AddMinutes(bias), DateTimeKind.Utc);
        }

        public void WriteVTimeZone(ContentLineWriter lines)
        {
            lines.Raw("BEGIN", "VTIMEZONE");
            lines.Text("TZID", Id);
            var standardOffset = Offset(-(Bias + StandardBias));
            if (!HasDaylightTime)
            {
                lines.Raw("BEGIN", "STANDARD");
                lines.Raw("DTSTART", "16010101T000000");
                lines.Raw("TZOFFSETFROM", standardOffset);
                lines.Raw("TZOFFSETTO", standardOffset);
                lines.Raw("END", "STANDARD");
            }
            else
            {
                var daylightOffset = Offset(-(Bias + DaylightBias));
                WriteObservance(lines, "STANDARD", Standard!, daylightOffset, standardOffset);
                WriteObservance(lines, "DAYLIGHT", Daylight!, standardOffset, daylightOffset);
            }

            lines.Raw("END", "VTIMEZONE");
        }

        private static void WriteObservance(ContentLineWriter lines, string kind, Transition transition, string from, string to)
        {
            lines.Raw("BEGIN", kind);
            var first = transition.In(1601);
            lines.Raw("DTSTART", CalendarTimeText.Local(first));
            var week = transition.Week >= 5 ? "-1" : transition.Week.ToString(CultureInfo.InvariantCulture);
            lines.Raw("RRULE", $"FREQ=YEARLY;BYMONTH={transition.Month};BYDAY={week}{RecurrencePattern.DayCodes[transition.DayOfWeek]}");
            lines.Raw("TZOFFSETFROM", from);
            lines.Raw("TZOFFSETTO", to);
            lines.Raw("END", kind);
        }

        private bool IsDaylight(DateTime local)
        {
            var daylightStart = Daylight!.In(local.Year);
            var standardStart = Standard!.In(local.Year);
            return daylightStart < standardStart
                ? local >= daylightStart && local < standardStart
                : local >= daylightStart || local < standardStart;
        }

        private static string Offset(int minutes)
        {
            var sign = minutes < 0 ? "-" : "+";
            minutes = Math.Abs(minutes);
            return $"{sign}{minutes / 60:D2}{minutes % 60:D2}";
        }

        private static string CleanId(string? description, int bias)
        {
            var text = description?.Trim() ?? "";
            if (text.StartsWith("(", StringComparison.Ordinal) && text.IndexOf(')') > 0)
                text = text.Substring(text.IndexOf(')') + 1).Trim();
            var clean = new System.Text.StringBuilder();
            foreach (var c in text)
                clean.Append(c < ' ' || c == '"' || c == ';' || c == ':' || c == ',' ? ' ' : c);
            text = clean.ToString().Trim();
            if (text.Length > 0)
                return text;
            var offset = -bias;
            return $"UTC{(offset < 0 ? "-" : "+")}{Math.Abs(offset) / 60:D2}{Math.Abs(offset) % 60:D2}";
        }

        /// <summary>A SYSTEMTIME used as a yearly rule: month, day of week, week of month (5 = last), time.</summary>
        private sealed class Transition
        {
            public int Month { get; private set; }

            public int DayOfWeek { get; private set; }

            public int Week { get; private set; }

            public int Hour { get; private set; }

            public int Minute { get; private set; }

            public static Transition? Parse(byte[] data, int offset)
            {
                var month = Le.U16(data, offset + 2);
                var dayOfWeek = Le.U16(data, offset + 4);
                var week = Le.U16(data, offset + 6);
                var hour = Le.U16(data, offset + 8);
                var minute = Le.U16(data, offset + 10);
                if (month < 1 || month > 12 || dayOfWeek > 6 || week < 1 || week > 5 || hour > 23 || minute > 59)
                    return null;
                return new Transition { Month = month, DayOfWeek = dayOfWeek, Week = week, Hour = hour, Minute = minute };
            }

            public DateTime In(int year)
            {
                var first = new DateTime(year, Month, 1);
                var day = 1 + ((DayOfWeek - (int)first.DayOfWeek + 7) % 7) + 7 * (Week - 1);
                var days = DateTime.DaysInMonth(year, Month);
                while (day > days)
                    day -= 7;
                return new DateTime(year, Month, day, Hour, Minute, 0);
            }
        }
    }
}
