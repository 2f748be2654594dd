using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// The recurrence blob of appointments (PidLidAppointmentRecur) and tasks (PidLidTaskRecurrence),
    /// [MS-OXOCAL] 2.2.1.44: the RecurrencePattern (frequency, pattern, end, deleted and modified instance
    /// dates), followed for appointments by the start and end time offsets. Dates are local midnights in
    /// minutes since 1601-01-01.
    /// </summary>
    internal sealed class RecurrencePattern
    {
        public static readonly string[] DayCodes = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

        private const int PatternDay = 0x0;
        private const int PatternWeek = 0x1;
        private const int PatternMonth = 0x2;
        private const int PatternMonthNth = 0x3;
        private const int PatternMonthEnd = 0x4;
        private const int FrequencyYearly = 0x200D;
        private const uint EndAfterDate = 0x2021;
        private const uint EndAfterCount = 0x2022;

        public int Frequency { get; private set; }

        public int PatternType { get; private set; }

        public uint Period { get; private set; }

        public uint DaysOfWeek { get; private set; }

        public uint DayOfMonth { get; private set; }

        public uint WeekOfMonth { get; private set; }

        public uint EndType { get; private set; }

        public uint OccurrenceCount { get; private set; }

        public uint FirstDayOfWeek { get; private set; }

        public List<DateTime> DeletedDates { get; } = new List<DateTime>();

        public List<DateTime> ModifiedDates { get; } = new List<DateTime>();

        public DateTime StartDate { get; private set; }

        public DateTime EndDate { get; private set; }

        /// <summary>Minutes after local midnight at which occurrences start (appointments only).</summary>
        public int? StartTimeOffset { get; private set; }

        public static RecurrencePattern Parse(byte[] data, string what)
        {
            var reader = new Reader(data, what);
            var pattern = new RecurrencePattern();
            reader.U16(); // ReaderVersion
            reader.U16(); // WriterVersion
            pattern.Frequency = reader.U16();
            pattern.PatternType = reader.U16();
            reader.U16(); // CalendarType
            reader.U32(); // FirstDateTime
            pattern.Period = reader.U32();
            reader.U32(); // SlidingFlag
            switch (pattern.PatternType & 0x7)
            {
                case PatternDay:
                    break;
                case PatternWeek:
                    pattern.DaysOfWeek = reader.U32();
                    break;
                case PatternMonth:
                case PatternMonthEnd:
                    pattern.DayOfMonth = reader.U32();
                    break;
                case PatternMonthNth:
                    pattern.DaysOfWeek = reader.U32();
                    pattern.WeekOfMonth = reader.U32();
                    break;
                default:
                    throw new PstFormatException($"The {what} has an unknown pattern type 0x{pattern.PatternType:X}.");
            }

            pattern.EndType = reader.U32();
            pattern.OccurrenceCount = reader.U32();
            pattern.FirstDayOfWeek = reader.U32() % 7;
            var deleted = reader.Count();
            for (var i = 0; i < deleted; i++)
                pattern.DeletedDates.Add(MinutesToDate(reader.U32()));
            var modified = reader.Count();
            for (var i = 0; i < modified; i++)
                pattern.ModifiedDates.Add(MinutesToDate(reader.U32()));
            pattern.StartDate = MinutesToDate(reader.U32());
            pattern.EndDate = MinutesToDate(reader.U32());
            if (reader.Remaining >= 16)
            {
                reader.U32(); // ReaderVersion2
                reader.U32(); // WriterVersion2
                var start = reader.U32();
                if (start < 24 * 60)
                    pattern.StartTimeOffset = (int)start;
            }

            return pattern;
        }

        /// <summary>The RRULE value. <paramref name="untilTime"/> turns the local end date into the UNTIL value.</summary>
        public string ToRule(DateTime firstLocalStart, Func<DateTime, string> untilTime)
        {
            var rule = new StringBuilder();
            var interval = 1u;
            switch (PatternType & 0x7)
            {
                case PatternDay:
                    rule.Append("FREQ=DAILY");
                    interval = Math.Max(1, Period / (24 * 60));
                    break;
                case PatternWeek:
                    rule.Append("FREQ=WEEKLY");
                    interval = Math.Max(1, Period);
                    break;
                default:
                    if (Frequency == FrequencyYearly || Period % 12 == 0 && Period >= 12)
                    {
                        rule.Append("FREQ=YEARLY");
                        interval = Math.Max(1, Period / 12);
                        rule.Append(";BYMONTH=").Append(firstLocalStart.Month.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        rule.Append("FREQ=MONTHLY");
                        interval = Math.Max(1, Period);
                    }

                    break;
            }

            if (interval > 1)
                rule.Append(";INTERVAL=").Append(interval.ToString(CultureInfo.InvariantCulture));
            switch (PatternType & 0x7)
            {
                case PatternWeek:
                    rule.Append(";BYDAY=").Append(Days(DaysOfWeek));
                    if (interval > 1)
                        rule.Append(";WKST=").Append(DayCodes[FirstDayOfWeek]);
                    break;
                case PatternMonth:
                    rule.Append(";BYMONTHDAY=").Append(Math.Min(31, Math.Max(1, DayOfMonth)).ToString(CultureInfo.InvariantCulture));
                    break;
                case PatternMonthEnd:
                    rule.Append(";BYMONTHDAY=-1");
                    break;
                case PatternMonthNth:
                    rule.Append(";BYDAY=").Append(Days(DaysOfWeek));
                    rule.Append(";BYSETPOS=").Append(WeekOfMonth >= 5 || WeekOfMonth == 0 ? "-1" : WeekOfMonth.ToString(CultureInfo.InvariantCulture));
                    break;
            }

            if (EndType == EndAfterCount && OccurrenceCount > 0)
                rule.Append(";COUNT=").Append(OccurrenceCount.ToString(CultureInfo.InvariantCulture));
            else if (EndType == EndAfterDate && EndDate.Year < 4500)
                rule.Append(";UNTIL=").Append(untilTime(EndDate));
            return rule.ToString();
        }

        private static string Days(uint mask)
        {
            var days = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                if ((mask & (1u << i)) != 0)
                    days.Add(DayCodes[i]);
            }

            return days.Count == 0 ? "MO" : string.Join(",", days);
        }

        private static DateTime MinutesToDate(uint minutes)
        {
            var value = new DateTime(1601, 1, 1).AddMinutes(minutes);
            return value > DateTime.MaxValue.AddDays(-2) ? DateTime.MaxValue.Date : value;
        }

        private sealed class Reader
        {
            private readonly byte[] _data;
            private readonly string _what;
            private int _offset;

            public Reader(byte[] data, string what)
            {
                _data = data;
                _what = what;
            }

            public int Remaining => _data.Length - _offset;

            public ushort U16()
            {
                Need(2);
                var value = Le.U16(_data, _offset);
                _offset += 2;
                return value;
            }

            public uint U32()
            {
                Need(4);
                var value = Le.U32(_data, _offset);
                _offset += 4;
                return value;
            }

            public int Count()
            {
                var count = U32();
                if (count > Remaining / 4)
                    throw new PstFormatException($"The {_what} claims {count} instance dates in its last {Remaining} bytes.");
                return (int)count;
            }

            private void Need(int count)
            {
                if (count > Remaining)
                    throw new PstFormatException($"The {_what} ends at byte {_data.Length}, in the middle of its recurrence pattern.");
            }
        }
    }
}
