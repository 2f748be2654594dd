using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.ContentLines;
using TimeZoneConverter;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// Windows time zone ids (what Exchange names a zone: "W. Europe Standard Time") and IANA names (what iCalendar
    /// TZIDs mostly are: "Europe/Berlin"), both ways, by the CLDR windowsZones table that TimeZoneConverter carries;
    /// and TZIDs that are neither (Outlook's "(UTC+01:00) Amsterdam, Berlin, ..." names, a writer's own names) by
    /// the rules of their VTIMEZONE.
    /// </summary>
    internal static class EwsTimeZones
    {
        private static readonly ConcurrentDictionary<(string, int), List<ZoneTransition>> WindowsTransitions = new ConcurrentDictionary<(string, int), List<ZoneTransition>>();

        /// <summary>The IANA name of a Windows id (the zone's main city, CLDR territory 001); null for an id the table does not know.</summary>
        public static string? WindowsToIana(string windowsId) =>
            TZConvert.TryWindowsToIana(windowsId.Trim(), out var iana) ? iana : null;

        /// <summary>The Windows id of an IANA name (links and old names too); null for a name the table does not know.</summary>
        public static string? IanaToWindows(string ianaId) =>
            TZConvert.TryIanaToWindows(ianaId.Trim(), out var windows) ? windows : null;

        /// <summary>A zone by its Windows id or IANA name; null when neither table knows it or the system has no rules for it.</summary>
        public static EwsZone? Find(string id)
        {
            var name = id.Trim().Trim('/');
            if (name.Length == 0)
                return null;
            if (string.Equals(name, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Etc/UTC", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "GMT", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Z", StringComparison.Ordinal))
                return EwsZone.Utc;
            string? windows;
            string? iana;
            if (TZConvert.TryIanaToWindows(name, out var fromIana))
            {
                windows = fromIana;
                iana = name;
            }
            else if (TZConvert.TryWindowsToIana(name, out var fromWindows))
            {
                windows = name;
                iana = fromWindows;
            }
            else
            {
                return null;
            }

            if (windows == "UTC")
                return EwsZone.Utc;
            return TZConvert.TryGetTimeZoneInfo(iana, out var rules) || TZConvert.TryGetTimeZoneInfo(windows, out rules)
                ? new EwsZone(windows, iana, rules)
                : null;
        }

        /// <summary>
        /// The zone of an iCalendar TZID: a Windows id or IANA name as it is; else the Windows zone whose offsets and
        /// transitions in <paramref name="year"/> are those of the TZID's VTIMEZONE (of several, the one whose cities
        /// the TZID names). Null when there is no VTIMEZONE or no zone matches it.
        /// </summary>
        public static EwsZone? Resolve(string tzid, ContentComponent? vtimezone, int year)
        {
            var known = Find(tzid);
            if (known != null || vtimezone == null)
                return known;
            var rules = VTimeZoneRules.Read(vtimezone);
            if (rules == null)
                return null;
            var wanted = rules.InYear(year);
            var january = rules.OffsetAt(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var words = Words(tzid);
            EwsZone? best = null;
            var bestScore = -1;
            foreach (var windowsId in TZConvert.KnownWindowsTimeZoneIds.OrderBy(id => id, StringComparer.Ordinal))
            {
                var candidate = Find(windowsId);
                if (candidate == null || candidate.OffsetAt(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc)) != january)
                    continue;
                var transitions = WindowsTransitions.GetOrAdd((windowsId, year), key => ZoneTransition.InYear(candidate.OffsetAt, key.Item2));
                if (!transitions.SequenceEqual(wanted))
                    continue;
                var score = Score(words, windowsId);
                if (score > bestScore)
                {
                    best = candidate;
                    bestScore = score;
                }
            }

            return best;
        }

        /// <summary>
        /// A VTIMEZONE for the zone, named by its IANA name, good from <paramref name="fromYear"/> to
        /// <paramref name="toYear"/>: a yearly RRULE for transitions that keep one rule, else one onset each.
        /// </summary>
        public static ContentComponent ToVTimeZone(EwsZone zone, int fromYear, int toYear) => VTimeZoneWriter.Write(zone, fromYear, toYear);

        private static HashSet<string> Words(string text) =>
            new HashSet<string>(text.Split(new[] { ' ', ',', '(', ')', '/', '-', '_', '.', ':', '+' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length > 2 && !char.IsDigit(w[0])).Select(w => w.ToUpperInvariant()));

        /// <summary>How many words of the TZID name the Windows zone or one of its IANA cities.</summary>
        private static int Score(HashSet<string> words, string windowsId)
        {
            var names = new HashSet<string>(Words(windowsId));
            foreach (var iana in TZConvert.KnownIanaTimeZoneNames)
            {
                if (TZConvert.TryIanaToWindows(iana, out var mapped) && mapped == windowsId)
                    names.UnionWith(Words(iana));
            }

            return words.Count(names.Contains);
        }
    }
}
