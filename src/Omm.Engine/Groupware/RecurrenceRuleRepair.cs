using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// An RRULE or EXRULE value (RFC 5545 §3.3.10) rewritten the way every server reads it: parts in upper case without
    /// spaces, empty parts (";;", a trailing ';') gone, FREQ first, three-letter weekdays (FRI) as two (FR), a WKST that is
    /// no weekday dropped, and UNTIL of the type DTSTART requires (a date, a floating time, or UTC). A rule whose FREQ is
    /// missing or unknown is left as it is: what it means cannot be told.
    /// </summary>
    internal static class RecurrenceRuleRepair
    {
        private static readonly string[] Frequencies = { "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };
        private static readonly string[] Weekdays = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

        private static readonly HashSet<string> Parts = new HashSet<string>(StringComparer.Ordinal)
        {
            "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
        };

        /// <param name="rule">The value as written.</param>
        /// <param name="start">The component's DTSTART, when it has a readable one.</param>
        /// <returns>The rewritten value (the same text when nothing needed a change), or null when the rule cannot be read.</returns>
        public static string? Repair(string rule, CalendarTimeValue? start, CalendarZones zones)
        {
            var parts = new List<KeyValuePair<string, string>>();
            foreach (var piece in rule.Replace("\\", string.Empty).Split(';'))
            {
                var equals = piece.IndexOf('=');
                if (equals <= 0)
                    continue; // empty, or no value: carries nothing
                var key = piece.Substring(0, equals).Trim().ToUpperInvariant();
                var value = string.Concat(piece.Substring(equals + 1).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
                if (value.Length == 0 || (!Parts.Contains(key) && !key.StartsWith("X-", StringComparison.Ordinal)))
                    continue;
                parts.Add(new KeyValuePair<string, string>(key, value));
            }

            var frequency = parts.FirstOrDefault(p => p.Key == "FREQ").Value;
            if (frequency == null || !Frequencies.Contains(frequency))
                return null;

            var repaired = new List<string> { "FREQ=" + frequency };
            foreach (var part in parts.Where(p => p.Key != "FREQ"))
            {
                var value = part.Key switch
                {
                    "BYDAY" => Days(part.Value),
                    "WKST" => Weekday(part.Value),
                    "UNTIL" => Until(part.Value, start, zones),
                    _ => part.Value,
                };
                if (value != null)
                    repaired.Add(part.Key + "=" + value);
            }

            return string.Join(";", repaired);
        }

        private static string Days(string list) =>
            string.Join(",", list.Split(',').Where(d => d.Length > 0).Select(day =>
            {
                var digits = day.TakeWhile(c => c == '+' || c == '-' || char.IsDigit(c)).Count();
                return day.Substring(0, digits) + (Weekday(day.Substring(digits)) ?? day.Substring(digits));
            }));

        /// <summary>MO..SU, also from MON..SUN and MONDAY..SUNDAY; null when it is no weekday.</summary>
        private static string? Weekday(string text)
        {
            var names = new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY" };
            for (var i = 0; i < Weekdays.Length; i++)
            {
                if (text == Weekdays[i] || (text.Length >= 3 && names[i].StartsWith(text, StringComparison.Ordinal)))
                    return Weekdays[i];
            }

            return null;
        }

        private static string Until(string value, CalendarTimeValue? start, CalendarZones zones)
        {
            if (!CalendarTimeValue.TryParse(value, null, out var until))
                return value;
            return (start is CalendarTimeValue dtstart ? until.UntilFor(dtstart, zones) : until).Text;
        }
    }
}
