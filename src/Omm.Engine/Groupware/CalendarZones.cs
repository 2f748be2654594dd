using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// Turns local times of a TZID into UTC, for the repair of UNTIL values: by the system's time zone of that
    /// name (IANA or Windows names), else by the standard offset of the item's own VTIMEZONE, else as UTC. The last two
    /// are approximations, which <see cref="Guesses"/> names.
    /// </summary>
    internal sealed class CalendarZones
    {
        private readonly IReadOnlyList<ContentComponent> definitions;
        private readonly Dictionary<string, Func<DateTime, TimeSpan>> offsets = new Dictionary<string, Func<DateTime, TimeSpan>>(StringComparer.Ordinal);

        /// <param name="calendar">The VCALENDAR, whose VTIMEZONEs define its TZIDs.</param>
        public CalendarZones(ContentComponent calendar)
        {
            definitions = calendar.Components.Where(c => c.Is("VTIMEZONE")).ToList();
        }

        /// <summary>How zones that are not known here were read, in words; empty when every zone was.</summary>
        public List<string> Guesses { get; } = new List<string>();

        public DateTime ToUtc(string zone, DateTime local) => DateTime.SpecifyKind(local - Offset(zone)(local), DateTimeKind.Unspecified);

        private Func<DateTime, TimeSpan> Offset(string zone)
        {
            if (offsets.TryGetValue(zone, out var known))
                return known;
            var found = SystemZone(zone);
            if (found != null)
                return offsets[zone] = moment => found.GetUtcOffset(DateTime.SpecifyKind(moment, DateTimeKind.Unspecified));

            var standard = definitions.Where(d => string.Equals(d.Property("TZID")?.Value.Trim(), zone, StringComparison.Ordinal))
                .SelectMany(d => d.Components).Where(c => c.Is("STANDARD"))
                .Select(c => c.Property("TZOFFSETTO")?.Value).Select(ParseOffset).LastOrDefault(o => o.HasValue);
            if (standard is TimeSpan offset)
            {
                Guesses.Add($"the time zone '{zone}' is not known here: its standard offset {Sign(offset)} was used");
                return offsets[zone] = _ => offset;
            }

            Guesses.Add($"the time zone '{zone}' is neither known here nor defined in the item: its times were taken as UTC");
            return offsets[zone] = _ => TimeSpan.Zero;
        }

        private static TimeZoneInfo? SystemZone(string zone)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(zone.Trim().Trim('/'));
            }
            catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException || e is ArgumentException || e is System.Security.SecurityException)
            {
                return null;
            }
        }

        private static TimeSpan? ParseOffset(string? text)
        {
            var value = text?.Trim() ?? string.Empty;
            if (value.Length < 5 || (value[0] != '+' && value[0] != '-'))
                return null;
            if (!int.TryParse(value.Substring(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(value.Substring(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
                return null;
            var span = new TimeSpan(hours, minutes, 0);
            return value[0] == '-' ? -span : span;
        }

        private static string Sign(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
