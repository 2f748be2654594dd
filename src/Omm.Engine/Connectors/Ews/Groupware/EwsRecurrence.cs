using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using static Omm.Engine.Connectors.Ews.Groupware.EwsItemXml;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    internal enum EwsPatternKind
    {
        Daily,
        Weekly,
        AbsoluteMonthly,
        RelativeMonthly,
        AbsoluteYearly,
        RelativeYearly,

        // Tasks only: the next one is due an interval after the last was completed.
        DailyRegeneration,
        WeeklyRegeneration,
        MonthlyRegeneration,
        YearlyRegeneration,
    }

    /// <summary>
    /// An EWS t:Recurrence (pattern and range) as values, and its dates as Exchange counts them: in the item's own
    /// zone, from the range's StartDate on, a day of month past the month's end taken as its last day.
    /// </summary>
    internal sealed class EwsRecurrence
    {
        private static readonly DayOfWeek[] Weekdays = { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        private static readonly DayOfWeek[] WeekendDays = { DayOfWeek.Saturday, DayOfWeek.Sunday };
        private static readonly DayOfWeek[] EveryDay = { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday };
        private static readonly string[] OrdinalNames = { "First", "Second", "Third", "Fourth" };

        public EwsPatternKind Kind { get; set; }

        public int Interval { get; set; } = 1;

        /// <summary>Weekly: the days; relative patterns: the set counted in (one day, or all days, weekdays, weekend days).</summary>
        public IReadOnlyList<DayOfWeek> Days { get; set; } = Array.Empty<DayOfWeek>();

        /// <summary>Relative patterns: 1..4, or -1 for the last.</summary>
        public int DayOfWeekIndex { get; set; }

        public int DayOfMonth { get; set; }

        public int Month { get; set; }

        public DayOfWeek? FirstDayOfWeek { get; set; }

        /// <summary>The range's StartDate: the local date of the first occurrence or before it.</summary>
        public DateTime StartDate { get; set; }

        public DateTime? EndDate { get; set; }

        public int? NumberOfOccurrences { get; set; }

        public bool IsRegeneration => Kind >= EwsPatternKind.DailyRegeneration;

        /// <summary>The t:Recurrence element (name "Recurrence" in the types namespace), pattern then range.</summary>
        public XElement ToXml()
        {
            XElement pattern;
            var interval = new XElement(T("Interval"), Interval.ToString(CultureInfo.InvariantCulture));
            switch (Kind)
            {
                case EwsPatternKind.Daily:
                    pattern = new XElement(T("DailyRecurrence"), interval);
                    break;
                case EwsPatternKind.Weekly:
                    pattern = new XElement(T("WeeklyRecurrence"), interval, new XElement(T("DaysOfWeek"), string.Join(" ", Days.Select(WeekdayNames.Ews))),
                        FirstDayOfWeek.HasValue ? new XElement(T("FirstDayOfWeek"), WeekdayNames.Ews(FirstDayOfWeek.Value)) : null);
                    break;
                case EwsPatternKind.AbsoluteMonthly:
                    pattern = new XElement(T("AbsoluteMonthlyRecurrence"), interval, new XElement(T("DayOfMonth"), DayOfMonth.ToString(CultureInfo.InvariantCulture)));
                    break;
                case EwsPatternKind.RelativeMonthly:
                    pattern = new XElement(T("RelativeMonthlyRecurrence"), interval, new XElement(T("DaysOfWeek"), DaySetName()), new XElement(T("DayOfWeekIndex"), IndexName()));
                    break;
                case EwsPatternKind.AbsoluteYearly:
                    pattern = new XElement(T("AbsoluteYearlyRecurrence"), new XElement(T("DayOfMonth"), DayOfMonth.ToString(CultureInfo.InvariantCulture)), new XElement(T("Month"), MonthName(Month)));
                    break;
                case EwsPatternKind.RelativeYearly:
                    pattern = new XElement(T("RelativeYearlyRecurrence"), new XElement(T("DaysOfWeek"), DaySetName()), new XElement(T("DayOfWeekIndex"), IndexName()),
                        new XElement(T("Month"), MonthName(Month)));
                    break;
                default:
                    pattern = new XElement(T(Kind.ToString()), interval);
                    break;
            }

            var start = new XElement(T("StartDate"), StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            XElement range;
            if (NumberOfOccurrences.HasValue)
                range = new XElement(T("NumberedRecurrence"), start, new XElement(T("NumberOfOccurrences"), NumberOfOccurrences.Value.ToString(CultureInfo.InvariantCulture)));
            else if (EndDate.HasValue)
                range = new XElement(T("EndDateRecurrence"), start, new XElement(T("EndDate"), EndDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            else
                range = new XElement(T("NoEndRecurrence"), start);
            return new XElement(T("Recurrence"), pattern, range);
        }

        /// <summary>A t:Recurrence from GetItem; null when it holds no pattern or range Omm knows.</summary>
        public static EwsRecurrence? FromXml(XElement recurrence)
        {
            var pattern = recurrence.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Recurrence", StringComparison.Ordinal) || e.Name.LocalName.EndsWith("Regeneration", StringComparison.Ordinal));
            var range = recurrence.Elements().FirstOrDefault(e => e.Name.LocalName == "NoEndRecurrence" || e.Name.LocalName == "EndDateRecurrence" || e.Name.LocalName == "NumberedRecurrence");
            if (pattern == null || range == null || pattern == range)
                return null;
            var kindName = pattern.Name.LocalName.Replace("Recurrence", "");
            if (!Enum.TryParse<EwsPatternKind>(kindName, out var kind))
                return null;
            var result = new EwsRecurrence { Kind = kind };
            if (int.TryParse(Child(pattern, "Interval"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval) && interval > 0)
                result.Interval = interval;
            var days = Child(pattern, "DaysOfWeek");
            if (days != null)
                result.Days = days.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).SelectMany(DaySet).Distinct().ToList();
            var index = Child(pattern, "DayOfWeekIndex");
            if (index != null)
                result.DayOfWeekIndex = index == "Last" ? -1 : Array.IndexOf(OrdinalNames, index) + 1;
            if (int.TryParse(Child(pattern, "DayOfMonth"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var dayOfMonth))
                result.DayOfMonth = dayOfMonth;
            var month = Child(pattern, "Month");
            if (month != null)
                result.Month = Array.IndexOf(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames, month) + 1;
            var first = Child(pattern, "FirstDayOfWeek");
            if (first != null)
                result.FirstDayOfWeek = WeekdayNames.FromEws(first);
            var startText = Child(range, "StartDate");
            if (startText == null || !TryDate(startText, out var start))
                return null;
            result.StartDate = start;
            if (range.Name.LocalName == "EndDateRecurrence" && TryDate(Child(range, "EndDate") ?? "", out var end))
                result.EndDate = end;
            if (range.Name.LocalName == "NumberedRecurrence" && int.TryParse(Child(range, "NumberOfOccurrences"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                result.NumberOfOccurrences = count;
            return result;
        }

        /// <summary>
        /// The local dates of the series in order, as Exchange expands it, from <see cref="StartDate"/> to the end of
        /// its range (at most <paramref name="limit"/> dates, for series without end).
        /// </summary>
        public IEnumerable<DateTime> Dates(int limit = 5000)
        {
            var produced = 0;
            foreach (var date in Candidates())
            {
                if (date < StartDate)
                    continue;
                if (EndDate.HasValue && date > EndDate.Value)
                    yield break;
                if (NumberOfOccurrences.HasValue && produced >= NumberOfOccurrences.Value)
                    yield break;
                if (produced >= limit)
                    yield break;
                produced++;
                yield return date;
            }
        }

        /// <summary>Whether the date is one the pattern gives (range left aside).</summary>
        public bool Matches(DateTime date)
        {
            foreach (var candidate in Candidates())
            {
                if (candidate >= date)
                    return candidate == date;
            }

            return false;
        }

        private IEnumerable<DateTime> Candidates()
        {
            var start = StartDate.Date;
            var interval = Math.Max(1, Interval);
            switch (Kind)
            {
                case EwsPatternKind.Daily:
                case EwsPatternKind.DailyRegeneration:
                    for (var date = start; date.Year < 9000; date = date.AddDays(interval))
                        yield return date;
                    break;
                case EwsPatternKind.Weekly:
                case EwsPatternKind.WeeklyRegeneration:
                {
                    var days = Kind == EwsPatternKind.Weekly && Days.Count > 0 ? Days : new[] { start.DayOfWeek };
                    var firstDay = FirstDayOfWeek ?? DayOfWeek.Sunday;
                    var week = start.AddDays(-(((int)start.DayOfWeek - (int)firstDay + 7) % 7));
                    for (; week.Year < 9000; week = week.AddDays(7 * interval))
                    {
                        for (var d = 0; d < 7; d++)
                        {
                            var date = week.AddDays(d);
                            if (days.Contains(date.DayOfWeek))
                                yield return date;
                        }
                    }

                    break;
                }

                case EwsPatternKind.AbsoluteMonthly:
                case EwsPatternKind.RelativeMonthly:
                case EwsPatternKind.MonthlyRegeneration:
                    for (var month = new DateTime(start.Year, start.Month, 1); month.Year < 9000; month = month.AddMonths(interval))
                    {
                        var date = InMonth(month.Year, month.Month, Kind == EwsPatternKind.MonthlyRegeneration ? start.Day : 0);
                        if (date.HasValue)
                            yield return date.Value;
                    }

                    break;
                default:
                {
                    var month = Kind == EwsPatternKind.YearlyRegeneration || Month < 1 || Month > 12 ? start.Month : Month;
                    for (var year = start.Year; year < 9000; year += Kind == EwsPatternKind.YearlyRegeneration ? interval : 1)
                    {
                        var date = InMonth(year, month, Kind == EwsPatternKind.YearlyRegeneration ? start.Day : 0);
                        if (date.HasValue)
                            yield return date.Value;
                    }

                    break;
                }
            }
        }

        /// <summary>The pattern's day in one month: the day of month (the last day when the month is shorter) or the n-th of the day set.</summary>
        private DateTime? InMonth(int year, int month, int fallbackDay)
        {
            if (Kind == EwsPatternKind.RelativeMonthly || Kind == EwsPatternKind.RelativeYearly)
                return WeekdayNames.Nth(year, month, Days.Count > 0 ? Days.ToList() : EveryDay.ToList(), DayOfWeekIndex == 0 ? 1 : DayOfWeekIndex);
            var day = DayOfMonth > 0 ? DayOfMonth : fallbackDay;
            return new DateTime(year, month, Math.Min(Math.Max(1, day), DateTime.DaysInMonth(year, month)));
        }

        private string DaySetName()
        {
            var set = new HashSet<DayOfWeek>(Days);
            if (set.SetEquals(EveryDay))
                return "Day";
            if (set.SetEquals(Weekdays))
                return "Weekday";
            if (set.SetEquals(WeekendDays))
                return "WeekendDay";
            return WeekdayNames.Ews(Days[0]);
        }

        private string IndexName() => DayOfWeekIndex == -1 ? "Last" : OrdinalNames[Math.Max(1, Math.Min(4, DayOfWeekIndex)) - 1];

        private static IEnumerable<DayOfWeek> DaySet(string name) => name switch
        {
            "Day" => EveryDay,
            "Weekday" => Weekdays,
            "WeekendDay" => WeekendDays,
            _ => WeekdayNames.FromEws(name) is DayOfWeek day ? new[] { day } : Array.Empty<DayOfWeek>(),
        };

        private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[Math.Max(1, Math.Min(12, month)) - 1];

        /// <summary>xs:date as Exchange writes it: "2025-07-02", "2025-07-02Z" or with an offset.</summary>
        private static bool TryDate(string text, out DateTime date)
        {
            var value = text.Trim();
            if (value.Length >= 10)
                value = value.Substring(0, 10);
            return DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }
    }
}
