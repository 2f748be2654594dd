using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Omm.Engine.Groupware
{
    /// <summary>What a DATE or DATE-TIME value is (RFC 5545 §3.3.4, §3.3.5): a date, a floating local time, a UTC time, or a local time in a TZID's zone.</summary>
    internal enum CalendarTimeKind
    {
        Date,
        Floating,
        Utc,
        Zoned,
    }

    /// <summary>
    /// One DATE or DATE-TIME value, read from the basic form (20240105, 20240105T100000, 20240105T100000Z) or from the
    /// ISO 8601 extended forms some writers use (2024-01-05, 2024-01-05T10:00:00Z, 2024-01-05 10:00, with an offset such
    /// as +01:00, which is turned into UTC).
    /// </summary>
    internal readonly struct CalendarTimeValue
    {
        private static readonly Regex Pattern = new Regex(
            @"^(?<y>\d{4})-?(?<mo>\d{2})-?(?<d>\d{2})(?:[T ](?<h>\d{2}):?(?<mi>\d{2})(?::?(?<s>\d{2}))?(?:\.\d+)?(?<zone>Z|[+-]\d{2}:?\d{2})?)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public CalendarTimeValue(CalendarTimeKind kind, DateTime value, string? zone = null)
        {
            Kind = kind;
            Value = value;
            Zone = kind == CalendarTimeKind.Zoned ? zone : null;
        }

        public CalendarTimeKind Kind { get; }

        /// <summary>The date (at midnight), the local time, or the UTC time.</summary>
        public DateTime Value { get; }

        /// <summary>The TZID of a zoned time.</summary>
        public string? Zone { get; }

        public bool IsDate => Kind == CalendarTimeKind.Date;

        /// <param name="text">One value.</param>
        /// <param name="zone">The property's TZID parameter, if any: a local time with it is zoned.</param>
        public static bool TryParse(string text, string? zone, out CalendarTimeValue value)
        {
            value = default;
            var match = Pattern.Match(text.Trim());
            if (!match.Success)
                return false;
            int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
            DateTime moment;
            try
            {
                moment = new DateTime(Part("y"), Part("mo"), Part("d"), 0, 0, 0, DateTimeKind.Unspecified);
                if (!match.Groups["h"].Success)
                {
                    value = new CalendarTimeValue(CalendarTimeKind.Date, moment);
                    return true;
                }

                moment = moment.Add(new TimeSpan(Part("h"), Part("mi"), Part("s")));
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }

            var offset = match.Groups["zone"].Value;
            if (offset.Length == 0)
                value = zone != null ? new CalendarTimeValue(CalendarTimeKind.Zoned, moment, zone) : new CalendarTimeValue(CalendarTimeKind.Floating, moment);
            else if (offset.Equals("Z", StringComparison.OrdinalIgnoreCase))
                value = new CalendarTimeValue(CalendarTimeKind.Utc, moment);
            else
            {
                var digits = offset.Replace(":", string.Empty);
                var span = new TimeSpan(int.Parse(digits.Substring(1, 2), CultureInfo.InvariantCulture), int.Parse(digits.Substring(3, 2), CultureInfo.InvariantCulture), 0);
                value = new CalendarTimeValue(CalendarTimeKind.Utc, digits[0] == '-' ? moment + span : moment - span);
            }

            return true;
        }

        /// <summary>The basic form: 20240105, 20240105T100000 (floating or zoned), 20240105T100000Z.</summary>
        public string Text => Kind switch
        {
            CalendarTimeKind.Date => Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            CalendarTimeKind.Utc => Value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            _ => Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
        };

        public bool IsAware => Kind == CalendarTimeKind.Utc || Kind == CalendarTimeKind.Zoned;

        /// <summary>
        /// This value made the same type as <paramref name="reference"/> (a DTSTART), as servers need for DTEND, DUE, EXDATE
        /// and RDATE: a date stays a date and a time a time, a floating time floats and a time in a zone or in UTC stays
        /// fixed. A time becomes its date; a date gets the reference's time of day; a floating time gets the reference's
        /// zone; a fixed time becomes its own wall clock, floating. Otherwise (another zone, UTC for a zoned start) it is
        /// left as it is, which RFC 5545 allows.
        /// </summary>
        public CalendarTimeValue Like(CalendarTimeValue reference)
        {
            if (reference.IsDate)
                return IsDate ? this : new CalendarTimeValue(CalendarTimeKind.Date, Value.Date);
            if (IsDate)
                return new CalendarTimeValue(reference.Kind, Value.Date + reference.Value.TimeOfDay, reference.Zone);
            if (reference.IsAware && !IsAware)
                return new CalendarTimeValue(reference.Kind, Value, reference.Zone);
            if (!reference.IsAware && IsAware)
                return new CalendarTimeValue(CalendarTimeKind.Floating, Value);
            return this;
        }

        /// <summary>
        /// This value as an RRULE's UNTIL for a rule starting at <paramref name="start"/> (RFC 5545 §3.3.10): a date for a
        /// date, floating for a floating time, else UTC. A date that becomes a time is the end of that day (every
        /// occurrence on it stays in); a local time for a zoned start is read in the start's zone.
        /// </summary>
        public CalendarTimeValue UntilFor(CalendarTimeValue start, CalendarZones zones)
        {
            if (start.IsDate)
                return IsDate ? this : new CalendarTimeValue(CalendarTimeKind.Date, Value.Date);
            var local = IsDate ? Value.Date + new TimeSpan(23, 59, 59) : Value;
            if (start.Kind == CalendarTimeKind.Floating)
                return new CalendarTimeValue(CalendarTimeKind.Floating, local);
            if (Kind == CalendarTimeKind.Utc)
                return this;
            var utc = start.Kind == CalendarTimeKind.Zoned ? zones.ToUtc(start.Zone!, local) : local;
            return new CalendarTimeValue(CalendarTimeKind.Utc, utc);
        }
    }
}
