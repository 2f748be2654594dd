using System;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.ContentLines;
using Omm.Engine.Groupware;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// Turns the DATE and DATE-TIME values of one calendar object into UTC instants and into wall-clock times of
    /// the zone Exchange is told the item lives in, resolving each TZID once (by name, else by its VTIMEZONE) and
    /// noting the TZIDs it could not resolve.
    /// </summary>
    internal sealed class CalendarClock
    {
        private readonly Dictionary<string, ContentComponent> _definitions;
        private readonly Dictionary<string, (EwsZone? Zone, VTimeZoneRules? Rules)> _resolved = new Dictionary<string, (EwsZone?, VTimeZoneRules?)>(StringComparer.Ordinal);
        private readonly int _year;
        private readonly EwsZone? _floating;
        private readonly List<string> _losses;
        private bool _floatingNoted;

        /// <param name="calendar">The VCALENDAR, whose VTIMEZONEs define its TZIDs.</param>
        /// <param name="year">The year of the item's start, whose rules a VTIMEZONE is compared in.</param>
        /// <param name="floatingZone">The zone of floating times and all-day items (the mailbox's, when the caller knows it); UTC when null.</param>
        public CalendarClock(ContentComponent? calendar, int year, EwsZone? floatingZone, List<string> losses)
        {
            _definitions = new Dictionary<string, ContentComponent>(StringComparer.Ordinal);
            foreach (var zone in calendar?.Components.Where(c => c.Is("VTIMEZONE")) ?? Enumerable.Empty<ContentComponent>())
            {
                var id = zone.Property("TZID")?.Value.Trim();
                if (id != null && !_definitions.ContainsKey(id))
                    _definitions[id] = zone;
            }

            _year = year;
            _floating = floatingZone;
            _losses = losses;
        }

        /// <summary>The zone Exchange gets for a value: its TZID's, UTC for a UTC time, the floating zone for a floating time or a date.</summary>
        public EwsZone ZoneOf(CalendarTimeValue value)
        {
            switch (value.Kind)
            {
                case CalendarTimeKind.Zoned:
                    return Resolve(value.Zone!).Zone ?? EwsZone.Utc;
                case CalendarTimeKind.Utc:
                    return EwsZone.Utc;
                default:
                    return Floating(value);
            }
        }

        public DateTime ToUtc(CalendarTimeValue value)
        {
            if (value.Kind == CalendarTimeKind.Utc)
                return DateTime.SpecifyKind(value.Value, DateTimeKind.Utc);
            if (value.Kind == CalendarTimeKind.Zoned)
            {
                var (zone, rules) = Resolve(value.Zone!);
                if (zone != null)
                    return zone.ToUtc(value.Value);
                if (rules != null)
                    return DateTime.SpecifyKind(value.Value - rules.OffsetAt(value.Value), DateTimeKind.Utc);
            }

            return Floating(value).ToUtc(value.Value);
        }

        private EwsZone Floating(CalendarTimeValue value)
        {
            if (_floating == null && value.Kind == CalendarTimeKind.Floating && !_floatingNoted)
            {
                _floatingNoted = true;
                _losses.Add($"{value.Text}: a time without zone (floating) has no equivalent in Exchange; it was taken as UTC.");
            }

            return _floating ?? EwsZone.Utc;
        }

        /// <summary>The value as a wall-clock time of <paramref name="zone"/> (a date stays its date).</summary>
        public DateTime ToLocal(CalendarTimeValue value, EwsZone zone) =>
            value.IsDate ? value.Value.Date : zone.ToLocal(ToUtc(value));

        private (EwsZone? Zone, VTimeZoneRules? Rules) Resolve(string tzid)
        {
            if (_resolved.TryGetValue(tzid, out var known))
                return known;
            _definitions.TryGetValue(tzid, out var definition);
            var zone = EwsTimeZones.Resolve(tzid, definition, _year);
            var rules = definition == null ? null : VTimeZoneRules.Read(definition);
            if (zone == null)
            {
                _losses.Add(rules != null
                    ? $"TZID {tzid}: no Windows time zone has the offsets and changes of its VTIMEZONE in {_year}; the times were converted by its offsets and given to Exchange in UTC, so later changes to summer time do not move them."
                    : $"TZID {tzid}: neither a known time zone nor defined in the item; its times were taken as UTC.");
            }

            return _resolved[tzid] = (zone, rules);
        }
    }
}
