using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Omm.Engine.ContentLines;
using Omm.Engine.Groupware;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// The offsets a VTIMEZONE defines, read far enough to compare it with a known zone: each STANDARD and DAYLIGHT
    /// onset from its DTSTART, its RDATEs and a yearly RRULE (BYMONTH with BYDAY such as 2SU or -1SU, or BYMONTHDAY),
    /// which is how every client writes them. Other rules are not read.
    /// </summary>
    internal sealed class VTimeZoneRules
    {
        private readonly List<Onset> _onsets;

        private VTimeZoneRules(List<Onset> onsets)
        {
            _onsets = onsets;
        }

        public static VTimeZoneRules? Read(ContentComponent vtimezone)
        {
            var onsets = new List<Onset>();
            foreach (var part in vtimezone.Components.Where(c => c.Is("STANDARD") || c.Is("DAYLIGHT")))
            {
                var from = ParseOffset(part.Property("TZOFFSETFROM")?.Value);
                var to = ParseOffset(part.Property("TZOFFSETTO")?.Value);
                var start = part.Property("DTSTART");
                if (from == null || to == null || start == null || !CalendarTimeValue.TryParse(start.Value, null, out var first))
                    continue;
                var dates = part.PropertiesNamed("RDATE").SelectMany(r => r.Value.Split(','))
                    .Select(v => CalendarTimeValue.TryParse(v, null, out var d) ? d.Value : (DateTime?)null).Where(d => d.HasValue).Select(d => d!.Value).ToList();
                onsets.Add(new Onset(from.Value, to.Value, first.Value, part.Property("RRULE")?.Value, dates));
            }

            return onsets.Count == 0 ? null : new VTimeZoneRules(onsets);
        }

        /// <summary>The offset changes it defines in one UTC year, in time order (an onset that changes nothing left out).</summary>
        public List<ZoneTransition> InYear(int year)
        {
            var found = new List<ZoneTransition>();
            foreach (var onset in _onsets)
            {
                foreach (var local in onset.LocalTimes(year))
                {
                    var utc = DateTime.SpecifyKind(local - onset.From, DateTimeKind.Utc);
                    if (utc.Year == year && onset.From != onset.To)
                        found.Add(new ZoneTransition(utc, onset.From, onset.To));
                }
            }

            return found.Distinct().OrderBy(t => t.Utc).ToList();
        }

        /// <summary>The offset in force at a UTC instant: that of the latest onset before it.</summary>
        public TimeSpan OffsetAt(DateTime utc)
        {
            var first = _onsets.Min(o => o.Start.Year);
            for (var year = utc.Year; year >= Math.Max(first, utc.Year - 200); year--)
            {
                var latest = InYear(year).LastOrDefault(t => t.Utc <= utc);
                if (latest.Utc != default)
                    return latest.After;
            }

            // Before any change: the onset with the earliest start says what came before it.
            var earliest = _onsets.OrderBy(o => o.Start).First();
            return earliest.From == earliest.To || utc >= earliest.Start - earliest.From ? earliest.To : earliest.From;
        }

        internal static TimeSpan? ParseOffset(string? text)
        {
            var value = text?.Trim() ?? "";
            if (value.Length < 5 || (value[0] != '+' && value[0] != '-'))
                return null;
            if (!int.TryParse(value.Substring(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(value.Substring(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
                return null;
            var span = new TimeSpan(hours, minutes, 0);
            return value[0] == '-' ? -span : span;
        }

        private sealed class Onset
        {
            private readonly string? _rule;
            private readonly List<DateTime> _dates;

            public Onset(TimeSpan from, TimeSpan to, DateTime start, string? rule, List<DateTime> dates)
            {
                From = from;
                To = to;
                Start = start;
                _rule = rule;
                _dates = dates;
            }

            public TimeSpan From { get; }

            public TimeSpan To { get; }

            public DateTime Start { get; }

            /// <summary>Local onsets that may fall in the UTC year (the year before and after included, for offsets that cross it).</summary>
            public IEnumerable<DateTime> LocalTimes(int year)
            {
                for (var y = year - 1; y <= year + 1; y++)
                {
                    if (Start.Year == y)
                        yield return Start;
                    foreach (var date in _dates.Where(d => d.Year == y))
                        yield return date;
                    var ruled = _rule == null ? null : RuleDate(y);
                    if (ruled.HasValue && ruled.Value > Start)
                        yield return ruled.Value;
                }
            }

            private DateTime? RuleDate(int year)
            {
                var parts = _rule!.Split(';').Select(p => p.Split(new[] { '=' }, 2)).Where(p => p.Length == 2)
                    .GroupBy(p => p[0].Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
                if (!parts.TryGetValue("FREQ", out var frequency) || !frequency.Equals("YEARLY", StringComparison.OrdinalIgnoreCase))
                    return null;
                DateTime? until = parts.TryGetValue("UNTIL", out var untilText) && CalendarTimeValue.TryParse(untilText, null, out var u) ? u.Value : (DateTime?)null;
                if (until.HasValue && until.Value.Year < year)
                    return null;
                var month = parts.TryGetValue("BYMONTH", out var monthText) && int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 1 && m <= 12 ? m : Start.Month;
                DateTime? date = null;
                if (parts.TryGetValue("BYDAY", out var byDay))
                {
                    var text = byDay.Split(',')[0].Trim();
                    var day = text.Length >= 2 ? WeekdayNames.FromCode(text.Substring(text.Length - 2)) : null;
                    var ordinalText = text.Substring(0, Math.Max(0, text.Length - 2));
                    if (day == null || !int.TryParse(ordinalText.Length == 0 ? "1" : ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ordinal) || ordinal == 0)
                        return null;
                    if (parts.TryGetValue("BYMONTHDAY", out var sinceText) && int.TryParse(sinceText.Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var since))
                    {
                        // "the first Sunday on or after the 8th" form: BYDAY=SU;BYMONTHDAY=8,9,...,14
                        var candidate = new DateTime(year, month, Math.Min(since, DateTime.DaysInMonth(year, month)));
                        while (candidate.DayOfWeek != day.Value)
                            candidate = candidate.AddDays(1);
                        date = candidate;
                    }
                    else
                    {
                        date = WeekdayNames.Nth(year, month, new[] { day.Value }, Math.Max(-5, Math.Min(5, ordinal)))
                               ?? WeekdayNames.Nth(year, month, new[] { day.Value }, ordinal > 0 ? 4 : -1);
                    }
                }
                else if (parts.TryGetValue("BYMONTHDAY", out var dayText) && int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth))
                {
                    date = new DateTime(year, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(year, month)));
                }
                else
                {
                    date = new DateTime(year, month, Math.Min(Start.Day, DateTime.DaysInMonth(year, month)));
                }

                var onset = date + Start.TimeOfDay;
                return until.HasValue && onset - From > until.Value ? null : onset;
            }
        }
    }
}
