using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Omm.Engine.Groupware;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// RRULE ↔ EWS recurrence. EWS has six patterns (daily, weekly, absolute and relative monthly and yearly; tasks
    /// also regeneration) and three ranges (count, end date, none); a rule that needs more (BYHOUR, several
    /// BYMONTHDAY or BYMONTH, a 5th or 2nd-to-last weekday, FREQ=HOURLY...) is not approximated by another series:
    /// the item is copied as a single event and a loss note names the rule.
    /// </summary>
    internal static class EwsRecurrenceMapping
    {
        private static readonly DayOfWeek[] Weekdays = { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        private static readonly DayOfWeek[] WeekendDays = { DayOfWeek.Saturday, DayOfWeek.Sunday };

        private static readonly HashSet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST",
        };

        /// <summary>
        /// The EWS recurrence of an RRULE whose series starts at <paramref name="localStart"/> (wall clock in
        /// <paramref name="zone"/>, or a date); null, with a loss note, when EWS cannot express it.
        /// </summary>
        public static EwsRecurrence? FromRule(string rule, DateTime localStart, bool isDate, EwsZone zone, List<string> losses, string what = "the event")
        {
            var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in rule.Split(';'))
            {
                var pair = part.Split(new[] { '=' }, 2);
                if (pair.Length == 2 && pair[0].Trim().Length > 0 && !parts.ContainsKey(pair[0].Trim()))
                    parts[pair[0].Trim().ToUpperInvariant()] = pair[1].Trim();
            }

            EwsRecurrence? Unsupported(string reason)
            {
                losses.Add($"RRULE {rule}: {reason}, which Exchange cannot express; {what} was copied as a single occurrence (its first).");
                return null;
            }

            var unknown = parts.Keys.FirstOrDefault(k => !Known.Contains(k));
            if (unknown != null)
                return Unsupported($"it uses {unknown}");
            var frequency = parts.TryGetValue("FREQ", out var f) ? f.ToUpperInvariant() : "";
            var interval = parts.TryGetValue("INTERVAL", out var intervalText) && int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0 ? i : 1;
            var months = List("BYMONTH");
            var monthDays = List("BYMONTHDAY");
            var setPositions = List("BYSETPOS");
            var byDay = parts.TryGetValue("BYDAY", out var dayText) ? dayText.Split(',').Select(d => d.Trim()).Where(d => d.Length > 0).ToList() : new List<string>();
            var days = new List<(int Ordinal, DayOfWeek Day)>();
            foreach (var entry in byDay)
            {
                var day = entry.Length >= 2 ? WeekdayNames.FromCode(entry.Substring(entry.Length - 2)) : null;
                var ordinalText = entry.Substring(0, Math.Max(0, entry.Length - 2));
                if (day == null || (ordinalText.Length > 0 && !int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                    return Unsupported($"BYDAY {entry} is not a day");
                days.Add((ordinalText.Length == 0 ? 0 : int.Parse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), day.Value));
            }

            if (months == null || monthDays == null || setPositions == null)
                return Unsupported("a BY part is not a list of numbers");
            var result = new EwsRecurrence { Interval = interval, StartDate = localStart.Date };
            switch (frequency)
            {
                case "DAILY":
                    if (months.Count > 0 || monthDays.Count > 0 || setPositions.Count > 0)
                        return Unsupported("a daily rule limited by month, day of month or position");
                    if (days.Count > 0)
                    {
                        if (interval != 1 || days.Any(d => d.Ordinal != 0))
                            return Unsupported("a daily rule every few days limited to weekdays");
                        result.Kind = EwsPatternKind.Weekly;
                        result.Days = Ordered(days.Select(d => d.Day));
                        result.FirstDayOfWeek = Wkst() ?? DayOfWeek.Monday;
                    }
                    else
                    {
                        result.Kind = EwsPatternKind.Daily;
                    }

                    break;
                case "WEEKLY":
                    if (months.Count > 0 || monthDays.Count > 0 || setPositions.Count > 0 || days.Any(d => d.Ordinal != 0))
                        return Unsupported("a weekly rule limited by month, day of month or position");
                    result.Kind = EwsPatternKind.Weekly;
                    result.Days = days.Count > 0 ? Ordered(days.Select(d => d.Day)) : new[] { localStart.DayOfWeek };
                    result.FirstDayOfWeek = Wkst() ?? DayOfWeek.Monday;
                    break;
                case "MONTHLY":
                case "YEARLY":
                {
                    var yearly = frequency == "YEARLY";
                    if (months.Count > 1 || (!yearly && months.Count > 0))
                        return Unsupported(yearly ? "a yearly rule in several months" : "a monthly rule limited to some months");
                    var month = months.Count == 1 ? months[0] : localStart.Month;
                    if (month < 1 || month > 12)
                        return Unsupported($"BYMONTH={month} is not a month");
                    if (days.Count > 0)
                    {
                        if (monthDays.Count > 0)
                            return Unsupported("a rule on weekdays that are also given days of the month");
                        if (days.Count == 1 && days[0].Ordinal != 0 && setPositions.Count == 0)
                        {
                            if (!IsIndex(days[0].Ordinal))
                                return Unsupported($"the {Position(days[0].Ordinal)} {days[0].Day} of the month");
                            result.Days = new[] { days[0].Day };
                            result.DayOfWeekIndex = days[0].Ordinal;
                        }
                        else if (days.All(d => d.Ordinal == 0) && setPositions.Count == 1)
                        {
                            var set = new HashSet<DayOfWeek>(days.Select(d => d.Day));
                            if (!IsIndex(setPositions[0]) || !(set.Count == 1 || set.Count == 7 || set.SetEquals(Weekdays) || set.SetEquals(WeekendDays)))
                                return Unsupported($"BYSETPOS={setPositions[0]} over {string.Join(",", byDay)}");
                            result.Days = Ordered(set);
                            result.DayOfWeekIndex = setPositions[0];
                        }
                        else if (days.All(d => d.Ordinal == 0) && setPositions.Count == 0 && !yearly && interval == 1)
                        {
                            // Every Monday of every month is every Monday.
                            result.Kind = EwsPatternKind.Weekly;
                            result.Days = Ordered(days.Select(d => d.Day));
                            result.FirstDayOfWeek = Wkst() ?? DayOfWeek.Monday;
                            break;
                        }
                        else
                        {
                            return Unsupported($"BYDAY={string.Join(",", byDay)}{(setPositions.Count > 0 ? ";BYSETPOS=" + string.Join(",", setPositions) : "")}");
                        }

                        result.Kind = yearly ? EwsPatternKind.RelativeYearly : EwsPatternKind.RelativeMonthly;
                    }
                    else if (monthDays.Count == 1 && setPositions.Count == 0 && monthDays[0] >= 1 && monthDays[0] <= 31)
                    {
                        result.Kind = yearly ? EwsPatternKind.AbsoluteYearly : EwsPatternKind.AbsoluteMonthly;
                        result.DayOfMonth = monthDays[0];
                        if (monthDays[0] > 28)
                            losses.Add($"RRULE {rule}: in months without a {LossNotes.Ordinal(monthDays[0])} Exchange puts the occurrence on the month's last day, where iCalendar has none.");
                    }
                    else if (monthDays.Count == 1 && monthDays[0] == -1 && setPositions.Count == 0)
                    {
                        result.Kind = yearly ? EwsPatternKind.RelativeYearly : EwsPatternKind.RelativeMonthly;
                        result.Days = Ordered(Enum.GetValues(typeof(DayOfWeek)).Cast<DayOfWeek>());
                        result.DayOfWeekIndex = -1;
                    }
                    else if (monthDays.Count > 1 && setPositions.Count == 1 && setPositions[0] == -1 && monthDays.Min() == 28 && monthDays.Max() <= 31
                             && monthDays.Count == monthDays.Max() - 27 && monthDays.Distinct().Count() == monthDays.Count)
                    {
                        // BYMONTHDAY=28,29,30,31;BYSETPOS=-1: "the 31st, or the month's last day", which is Exchange's own day 31.
                        result.Kind = yearly ? EwsPatternKind.AbsoluteYearly : EwsPatternKind.AbsoluteMonthly;
                        result.DayOfMonth = monthDays.Max();
                    }
                    else if (monthDays.Count == 0 && setPositions.Count == 0)
                    {
                        result.Kind = yearly ? EwsPatternKind.AbsoluteYearly : EwsPatternKind.AbsoluteMonthly;
                        result.DayOfMonth = localStart.Day;
                    }
                    else
                    {
                        return Unsupported($"BYMONTHDAY={string.Join(",", monthDays)}{(setPositions.Count > 0 ? ";BYSETPOS=" + string.Join(",", setPositions) : "")}");
                    }

                    if (yearly)
                    {
                        result.Month = month;
                        if (interval > 1)
                        {
                            // EWS yearly patterns have no interval; every n years is every 12n months from the start's month.
                            if (month != localStart.Month)
                                return Unsupported($"every {interval} years in another month than the first occurrence's");
                            result.Kind = result.Kind == EwsPatternKind.AbsoluteYearly ? EwsPatternKind.AbsoluteMonthly : EwsPatternKind.RelativeMonthly;
                            result.Interval = 12 * interval;
                        }
                    }

                    break;
                }

                default:
                    return Unsupported(frequency.Length == 0 ? "it has no FREQ" : $"FREQ={frequency}");
            }

            if (parts.TryGetValue("COUNT", out var countText) && int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                result.NumberOfOccurrences = count;
            }
            else if (parts.TryGetValue("UNTIL", out var untilText) && CalendarTimeValue.TryParse(untilText, null, out var until))
            {
                var local = until.Kind == CalendarTimeKind.Utc ? zone.ToLocal(until.Value) : until.Value;
                var end = local.Date;
                if (!isDate && !until.IsDate && local.TimeOfDay < localStart.TimeOfDay)
                    end = end.AddDays(-1);
                result.EndDate = end;
            }

            if (!result.Matches(localStart.Date))
            {
                losses.Add($"RRULE {rule}: the first occurrence ({localStart:yyyy-MM-dd}) is not on a day of the rule; iCalendar counts it, Exchange starts the series on the rule's first day, so it was not copied.");
                if (result.NumberOfOccurrences > 1)
                    result.NumberOfOccurrences--;
            }

            return result;

            List<int>? List(string name)
            {
                var values = new List<int>();
                if (!parts.TryGetValue(name, out var text))
                    return values;
                foreach (var item in text.Split(','))
                {
                    if (!int.TryParse(item.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                        return null;
                    values.Add(value);
                }

                return values;
            }

            DayOfWeek? Wkst() => parts.TryGetValue("WKST", out var w) ? WeekdayNames.FromCode(w) : null;
        }

        /// <summary>
        /// The RRULE of an EWS recurrence whose occurrences start at <paramref name="localStart"/>'s time of day in
        /// <paramref name="zone"/> (all-day series: UNTIL is a date). Regeneration (tasks) has no iCalendar form: it
        /// becomes the plain rule with a loss note.
        /// </summary>
        public static string ToRule(EwsRecurrence recurrence, DateTime localStart, bool isDate, EwsZone zone, List<string> losses)
        {
            var parts = new List<string>();
            var interval = recurrence.Interval > 1 ? ";INTERVAL=" + recurrence.Interval.ToString(CultureInfo.InvariantCulture) : "";
            string Days(IEnumerable<DayOfWeek> days) => string.Join(",", days.Select(WeekdayNames.Code));
            string RelativeDay() => recurrence.Days.Count == 1
                ? "BYDAY=" + recurrence.DayOfWeekIndex.ToString(CultureInfo.InvariantCulture) + WeekdayNames.Code(recurrence.Days[0])
                : "BYDAY=" + Days(Ordered(recurrence.Days)) + ";BYSETPOS=" + recurrence.DayOfWeekIndex.ToString(CultureInfo.InvariantCulture);
            string MonthDay(int day) => day <= 28
                ? "BYMONTHDAY=" + day.ToString(CultureInfo.InvariantCulture)
                : "BYMONTHDAY=" + string.Join(",", Enumerable.Range(28, day - 27).Select(d => d.ToString(CultureInfo.InvariantCulture))) + ";BYSETPOS=-1";
            switch (recurrence.Kind)
            {
                case EwsPatternKind.Daily:
                    parts.Add("FREQ=DAILY" + interval);
                    break;
                case EwsPatternKind.Weekly:
                    parts.Add("FREQ=WEEKLY" + interval + ";BYDAY=" + Days(recurrence.Days.Count > 0 ? Ordered(recurrence.Days) : new[] { localStart.DayOfWeek })
                              + (recurrence.FirstDayOfWeek.HasValue ? ";WKST=" + WeekdayNames.Code(recurrence.FirstDayOfWeek.Value) : ""));
                    break;
                case EwsPatternKind.AbsoluteMonthly:
                    parts.Add("FREQ=MONTHLY" + interval + ";" + MonthDay(recurrence.DayOfMonth));
                    break;
                case EwsPatternKind.RelativeMonthly:
                    parts.Add("FREQ=MONTHLY" + interval + ";" + RelativeDay());
                    break;
                case EwsPatternKind.AbsoluteYearly:
                    parts.Add("FREQ=YEARLY;BYMONTH=" + recurrence.Month.ToString(CultureInfo.InvariantCulture) + ";"
                              + MonthDay(recurrence.Month == 2 ? Math.Min(recurrence.DayOfMonth, 29) : recurrence.DayOfMonth));
                    break;
                case EwsPatternKind.RelativeYearly:
                    parts.Add("FREQ=YEARLY;BYMONTH=" + recurrence.Month.ToString(CultureInfo.InvariantCulture) + ";" + RelativeDay());
                    break;
                default:
                {
                    var unit = recurrence.Kind.ToString().Replace("Regeneration", "");
                    parts.Add("FREQ=" + unit.ToUpperInvariant() + interval);
                    losses.Add($"Recurrence {recurrence.Kind} every {recurrence.Interval}: the task comes back that long after each completion, which iCalendar cannot say; written as a fixed {unit.ToLowerInvariant()} rule.");
                    break;
                }
            }

            if (recurrence.NumberOfOccurrences.HasValue)
                parts.Add("COUNT=" + recurrence.NumberOfOccurrences.Value.ToString(CultureInfo.InvariantCulture));
            else if (recurrence.EndDate.HasValue)
                parts.Add("UNTIL=" + (isDate ? recurrence.EndDate.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : EwsItemXml.Time(zone.ToUtc(recurrence.EndDate.Value.Date + localStart.TimeOfDay)).Replace("-", "").Replace(":", "")));
            return string.Join(";", parts);
        }

        private static bool IsIndex(int ordinal) => ordinal == -1 || (ordinal >= 1 && ordinal <= 4);

        private static string Position(int ordinal) => ordinal > 0 ? LossNotes.Ordinal(ordinal) : ordinal == -1 ? "last" : LossNotes.Ordinal(-ordinal) + "-to-last";

        /// <summary>Monday first, as EWS lists them.</summary>
        private static IReadOnlyList<DayOfWeek> Ordered(IEnumerable<DayOfWeek> days) => days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
    }
}
