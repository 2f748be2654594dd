using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// Writes a VTIMEZONE from a zone's transitions over a range of years. Transitions that keep one rule (same
    /// month, same n-th or last weekday, same wall-clock time, same offsets) become one onset with a yearly RRULE;
    /// others are written one onset each. A zone without transitions gets one STANDARD onset.
    /// </summary>
    internal static class VTimeZoneWriter
    {
        public static ContentComponent Write(EwsZone zone, int fromYear, int toYear)
        {
            var transitions = new List<ZoneTransition>();
            for (var year = fromYear; year <= Math.Max(fromYear, toYear); year++)
                transitions.AddRange(ZoneTransition.InYear(zone.OffsetAt, year));

            var onsets = new List<ContentComponent>();
            if (transitions.Count == 0)
            {
                var offset = Offset(zone.OffsetAt(new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
                onsets.Add(new ContentComponent("STANDARD", new[]
                {
                    new ContentLine("DTSTART", "19700101T000000"),
                    new ContentLine("TZOFFSETFROM", offset),
                    new ContentLine("TZOFFSETTO", offset),
                }));
            }
            else
            {
                foreach (var group in transitions.GroupBy(t => (t.Before, t.After)))
                    onsets.AddRange(Onsets(group.ToList(), Math.Max(fromYear, toYear)));
            }

            return new ContentComponent("VTIMEZONE", new[] { new ContentLine("TZID", zone.IanaId) }, onsets);
        }

        private static IEnumerable<ContentComponent> Onsets(List<ZoneTransition> group, int lastYear)
        {
            var name = group[0].After > group[0].Before ? "DAYLIGHT" : "STANDARD";
            var rule = YearlyRule(group);

            // A rule the zone stopped following within the range must not go on forever.
            var last = group[group.Count - 1];
            if (rule != null && last.Utc.Year < lastYear)
                rule += ";UNTIL=" + CalendarTimeText.Utc(new DateTimeOffset(DateTime.SpecifyKind(last.Utc, DateTimeKind.Utc)));
            if (rule != null)
            {
                yield return Onset(name, group[0], rule);
                yield break;
            }

            foreach (var transition in group)
                yield return Onset(name, transition, null);
        }

        private static ContentComponent Onset(string name, ZoneTransition transition, string? rule)
        {
            var lines = new List<ContentLine>
            {
                new ContentLine("DTSTART", CalendarTimeText.Local(transition.LocalBefore)),
                new ContentLine("TZOFFSETFROM", Offset(transition.Before)),
                new ContentLine("TZOFFSETTO", Offset(transition.After)),
            };
            if (rule != null)
                lines.Add(new ContentLine("RRULE", rule));
            return new ContentComponent(name, lines);
        }

        /// <summary>FREQ=YEARLY;BYMONTH=m;BYDAY=nDD when every transition of the group, one a year, follows it; else null.</summary>
        private static string? YearlyRule(List<ZoneTransition> group)
        {
            var years = group.Select(t => t.LocalBefore.Year).ToList();
            if (years.Distinct().Count() != years.Count || years.Max() - years.Min() != years.Count - 1)
                return null;
            var first = group[0].LocalBefore;
            var ordinal = Ordinal(first);
            foreach (var transition in group)
            {
                var local = transition.LocalBefore;
                if (local.Month != first.Month || local.DayOfWeek != first.DayOfWeek || local.TimeOfDay != first.TimeOfDay || Ordinal(local) != ordinal)
                    return null;
            }

            return "FREQ=YEARLY;BYMONTH=" + first.Month.ToString(CultureInfo.InvariantCulture) + ";BYDAY="
                   + ordinal.ToString(CultureInfo.InvariantCulture) + WeekdayNames.Code(first.DayOfWeek);
        }

        /// <summary>-1 for the last such weekday of its month (so that "last Sunday" stays one rule), else 1..4.</summary>
        private static int Ordinal(DateTime date) =>
            date.Day + 7 > DateTime.DaysInMonth(date.Year, date.Month) ? -1 : (date.Day - 1) / 7 + 1;

        internal static string Offset(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
