using System;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// A calendar resource rewritten, keeping what it means, into the form that CalDAV servers take, for a second PUT
    /// after the first was refused. What Radicale 3.1 and Xandikos 0.2.8 were seen to refuse, and what RFC 5545 requires
    /// that stricter servers check, is fixed: see docs/bad-input-dav.md for the list and which server refused what.
    /// </summary>
    internal static class CalendarRepair
    {
        private static readonly string[] DateProperties = { "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED" };
        private static readonly string[] Bookkeeping = { "DTSTAMP", "CREATED", "LAST-MODIFIED" };

        /// <summary>Properties RFC 5545 §3.6 allows once per component.</summary>
        private static readonly Dictionary<string, string[]> Single = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["VCALENDAR"] = new[] { "VERSION", "PRODID", "CALSCALE" },
            ["VEVENT"] = new[]
            {
                "CLASS", "CREATED", "DESCRIPTION", "DTSTART", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY", "DTSTAMP", "SEQUENCE",
                "STATUS", "SUMMARY", "TRANSP", "UID", "URL", "RECURRENCE-ID", "DTEND", "DURATION",
            },
            ["VTODO"] = new[]
            {
                "CLASS", "COMPLETED", "CREATED", "DESCRIPTION", "DTSTAMP", "DTSTART", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER",
                "PERCENT-COMPLETE", "PRIORITY", "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "UID", "URL", "DUE", "DURATION",
            },
            ["VJOURNAL"] = new[] { "CLASS", "CREATED", "DTSTART", "DTSTAMP", "LAST-MODIFIED", "ORGANIZER", "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "UID", "URL" },
            ["VALARM"] = new[] { "ACTION", "TRIGGER", "DURATION", "REPEAT", "DESCRIPTION", "SUMMARY" },
        };

        /// <returns>The repaired resource, or null when nothing in it could be repaired.</returns>
        public static RepairedItem? Repair(string text)
        {
            var repair = new ContentRepair();
            var read = repair.Read(text);
            if (read == null || read.Count != 1 || !read[0].Is("VCALENDAR"))
                return null;
            var calendar = read[0];
            var zones = new CalendarZones(calendar);

            var properties = calendar.Properties.Where(p => !p.Is("METHOD")).ToList();
            foreach (var method in calendar.PropertiesNamed("METHOD"))
                repair.Changes.Add($"dropped {ContentRepair.Excerpt(method)}, which CalDAV does not allow in a stored item");
            properties = repair.WithoutSeconds(repair.WithoutEmpty(properties, " of the VCALENDAR"), Single["VCALENDAR"], " of the VCALENDAR");
            if (!properties.Any(p => p.Is("PRODID")))
            {
                properties.Insert(0, new ContentLine("PRODID", "-//Omm//Omm//EN"));
                repair.Changes.Add("added PRODID, which RFC 5545 requires");
            }

            if (!properties.Any(p => p.Is("VERSION")))
            {
                properties.Insert(0, new ContentLine("VERSION", "2.0"));
                repair.Changes.Add("added VERSION:2.0, which RFC 5545 requires");
            }

            var components = calendar.Components.Select(c => CalendarObjectKinds.Contains(c.Name) ? Item(c, zones, repair) : c).ToList();
            components = WithoutOrphanRecurrenceId(components, repair);
            repair.Changes.AddRange(zones.Guesses);
            return repair.Result(new ContentComponent(calendar.Name, properties, components));
        }

        private static readonly HashSet<string> CalendarObjectKinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "VEVENT", "VTODO", "VJOURNAL" };

        private static ContentComponent Item(ContentComponent item, CalendarZones zones, ContentRepair repair)
        {
            var properties = repair.WithoutEmpty(item.Properties, string.Empty);
            properties = properties.Select(p => DateProperties.Any(p.Is) ? BasicDates(p, repair) : p).Where(p => p != null).Select(p => p!).ToList();
            properties = repair.WithoutSeconds(properties, Single[item.Name], string.Empty);

            var startLine = properties.FirstOrDefault(p => p.Is("DTSTART"));
            CalendarTimeValue? start = null;
            if (startLine != null && CalendarTimeValue.TryParse(startLine.Value, startLine.Parameter("TZID"), out var parsed))
                start = parsed;

            var ends = item.Is("VTODO") ? "DUE" : "DTEND";
            if (properties.Any(p => p.Is(ends)))
            {
                foreach (var duration in properties.Where(p => p.Is("DURATION")).ToList())
                {
                    properties.Remove(duration);
                    repair.Changes.Add($"dropped {ContentRepair.Excerpt(duration)}, as the {item.Name} has {ends} (RFC 5545 allows one of them)");
                }
            }

            var rewritten = new List<ContentLine>();
            foreach (var property in properties)
            {
                if (start is CalendarTimeValue reference && (property.Is("DTEND") || property.Is("DUE") || property.Is("EXDATE") || property.Is("RDATE")))
                    rewritten.Add(LikeStart(property, reference, repair));
                else if (property.Is("RRULE") || property.Is("EXRULE"))
                    rewritten.Add(Rule(property, start, zones, repair));
                else
                    rewritten.Add(property);
            }

            if (!rewritten.Any(p => p.Is("DTSTAMP")))
                rewritten.Add(Stamp(rewritten, repair));

            var alarms = new List<ContentComponent>();
            foreach (var child in item.Components)
            {
                if (!child.Is("VALARM"))
                {
                    alarms.Add(child);
                    continue;
                }

                var alarm = repair.WithoutSeconds(repair.WithoutEmpty(child.Properties, " of an alarm"), Single["VALARM"], " of an alarm");
                if (alarm.Any(p => p.Is("TRIGGER")))
                    alarms.Add(new ContentComponent(child.Name, alarm, child.Components));
                else
                    repair.Changes.Add("dropped an alarm without TRIGGER, which could never go off");
            }

            return new ContentComponent(item.Name, rewritten, alarms);
        }

        /// <summary>DATE and DATE-TIME values in the basic form; a bookkeeping date that cannot be read is dropped (null).</summary>
        private static ContentLine? BasicDates(ContentLine property, ContentRepair repair)
        {
            if (string.Equals(property.Parameter("VALUE"), "PERIOD", StringComparison.OrdinalIgnoreCase))
                return property;
            var values = property.Value.Split(',');
            var basic = new string[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (!CalendarTimeValue.TryParse(values[i], property.Parameter("TZID"), out var value))
                {
                    if (!Bookkeeping.Any(property.Is))
                        return property;
                    repair.Changes.Add($"dropped {ContentRepair.Excerpt(property)}, which is no date-time");
                    return null;
                }

                basic[i] = value.Text;
            }

            var joined = string.Join(",", basic);
            if (joined == property.Value)
                return property;
            repair.Changes.Add($"wrote {property.Name}:{property.Value} as {joined}");
            return property.WithValue(joined);
        }

        /// <summary>DTEND, DUE, EXDATE or RDATE of the same type as DTSTART (see <see cref="CalendarTimeValue.Like"/>).</summary>
        private static ContentLine LikeStart(ContentLine property, CalendarTimeValue start, ContentRepair repair)
        {
            if (string.Equals(property.Parameter("VALUE"), "PERIOD", StringComparison.OrdinalIgnoreCase))
                return property;
            var values = new List<CalendarTimeValue>();
            foreach (var text in property.Value.Split(','))
            {
                if (!CalendarTimeValue.TryParse(text, property.Parameter("TZID"), out var value))
                    return property;
                values.Add(value.Like(start));
            }

            var first = values[0];
            if (values.Any(v => v.Kind != first.Kind || v.Zone != first.Zone))
                return property;
            var parameters = property.Parameters.Where(p => !p.Is("TZID") && !p.Is("VALUE")).ToList();
            if (first.Kind == CalendarTimeKind.Zoned)
                parameters.Insert(0, new ContentLineParameter("TZID", first.Zone!));
            if (first.IsDate)
                parameters.Insert(0, new ContentLineParameter("VALUE", "DATE"));
            var line = new ContentLine(property.Name, string.Join(",", values.Select(v => v.Text)), parameters, property.Group);
            if (line.ToString() == property.ToString())
                return property;
            repair.Changes.Add($"wrote {property} as {line}, the type of value DTSTART has");
            return line;
        }

        private static ContentLine Rule(ContentLine property, CalendarTimeValue? start, CalendarZones zones, ContentRepair repair)
        {
            var rule = RecurrenceRuleRepair.Repair(property.Value, start, zones);
            if (rule == null || rule == property.Value)
                return property;
            repair.Changes.Add($"wrote {property.Name}:{property.Value} as {rule}");
            return property.WithValue(rule);
        }

        /// <summary>A DTSTAMP (RFC 5545 requires one): LAST-MODIFIED or CREATED when the item has them in UTC, else now.</summary>
        private static ContentLine Stamp(IReadOnlyList<ContentLine> properties, ContentRepair repair)
        {
            foreach (var name in new[] { "LAST-MODIFIED", "CREATED" })
            {
                var line = properties.FirstOrDefault(p => p.Is(name));
                if (line != null && CalendarTimeValue.TryParse(line.Value, null, out var value) && value.Kind == CalendarTimeKind.Utc)
                {
                    repair.Changes.Add($"added DTSTAMP:{value.Text} (from {name}), which RFC 5545 requires");
                    return new ContentLine("DTSTAMP", value.Text);
                }
            }

            var now = new CalendarTimeValue(CalendarTimeKind.Utc, new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond));
            repair.Changes.Add($"added DTSTAMP:{now.Text} (the time of the copy), which RFC 5545 requires");
            return new ContentLine("DTSTAMP", now.Text);
        }

        /// <summary>
        /// One moved occurrence without its series (a RECURRENCE-ID and no master component with the UID): servers refuse
        /// it ("Main component missing"), so it goes as the single event it describes.
        /// </summary>
        private static List<ContentComponent> WithoutOrphanRecurrenceId(List<ContentComponent> components, ContentRepair repair)
        {
            var items = components.Where(c => CalendarObjectKinds.Contains(c.Name)).ToList();
            if (items.Count != 1 || items[0].Property("RECURRENCE-ID") is not ContentLine recurrence)
                return components;
            repair.Changes.Add($"dropped {ContentRepair.Excerpt(recurrence)}: the item is one moved occurrence of a series that is not there, and goes as a single {items[0].Name}");
            var single = new ContentComponent(items[0].Name, items[0].Properties.Where(p => !p.Is("RECURRENCE-ID")), items[0].Components);
            return components.Select(c => ReferenceEquals(c, items[0]) ? single : c).ToList();
        }
    }
}
