using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Calendars
{
    /// <summary>
    /// A .ics file split into CalDAV resources (RFC 4791 §4.1), with what could not become one. Decisions:
    /// components without UID get a UID made from their content (the same on every read); a UID shared by
    /// components of different kinds, or by two different masters or two different overrides of the same
    /// instance, keeps the first and gives the others the UID with a suffix ("-vtodo", "-2"); a component
    /// identical to one already taken is dropped; VFREEBUSY, VAVAILABILITY and unknown components are skipped;
    /// an item whose BEGIN/END do not pair up is unreadable and the others are read; items outside any
    /// VCALENDAR are read as if in one. Each of these is listed in <see cref="CalendarObject.Warnings"/>,
    /// <see cref="Skipped"/>, <see cref="Unreadable"/> or <see cref="Warnings"/>.
    /// </summary>
    public sealed class CalendarFile
    {
        private const string DefaultProductId = "-//Omm//Omm//EN";

        private CalendarFile(List<CalendarObject> objects, List<SkippedComponent> skipped, List<UnreadableComponent> unreadable, List<ContentLineProblem> warnings,
            IReadOnlyList<ContentLine> calendarProperties)
        {
            Objects = objects;
            Skipped = skipped;
            Unreadable = unreadable;
            Warnings = warnings;
            CalendarProperties = calendarProperties;
        }

        /// <summary>The resources, in the order their UIDs first appear.</summary>
        public IReadOnlyList<CalendarObject> Objects { get; }

        /// <summary>Components that are not calendar items and became no resource.</summary>
        public IReadOnlyList<SkippedComponent> Skipped { get; }

        /// <summary>Events, tasks and journal entries that could not be read at all (their BEGIN/END do not pair up), in file order.</summary>
        public IReadOnlyList<UnreadableComponent> Unreadable { get; }

        /// <summary>
        /// What was left out or changed outside the items, one each, with its line: lines outside any component, a
        /// VCALENDAR without END, calendar properties that could not be read, a VCALENDAR without items. (What
        /// concerns one item is in its <see cref="CalendarObject.Warnings"/>.)
        /// </summary>
        public IReadOnlyList<ContentLineProblem> Warnings { get; }

        /// <summary>The properties of the (first) VCALENDAR as read: VERSION, PRODID, METHOD, X-WR-CALNAME, ...</summary>
        public IReadOnlyList<ContentLine> CalendarProperties { get; }

        /// <summary>X-WR-CALNAME, the calendar's display name some exporters (Google, Outlook) write; null if none.</summary>
        public string? CalendarName
        {
            get
            {
                var name = CalendarProperties.FirstOrDefault(p => p.Is("X-WR-CALNAME"))?.Value;
                return string.IsNullOrWhiteSpace(name) ? null : ContentLineText.Unescape(name!).Trim();
            }
        }

        /// <summary>From bytes: UTF-8, UTF-16 or UTF-32 by their byte order mark, UTF-16 by its zero bytes, else UTF-8 or windows-1252 line by line.</summary>
        public static CalendarFile Read(Stream stream) => Read(TextDecoding.Read(stream));

        /// <summary>Reads and splits an .ics text. Throws <see cref="CalendarFormatException"/> only when it holds no iCalendar at all.</summary>
        public static CalendarFile Read(string ics)
        {
            var reading = ContentLineReader.Read(ics);
            var calendars = new List<ContentComponent>();
            var outside = new List<ContentComponent>();
            var splitter = new Splitter();
            foreach (var component in reading.Components)
            {
                if (component.Is("VCALENDAR"))
                    calendars.Add(component);
                else if (CalendarObject.KindOf(component) != null || component.Is("VTIMEZONE"))
                    outside.Add(component);
                else
                    splitter.Unreadable.Add(new UnreadableComponent(component.Name, component.LineNumber, null, null, component.LineNumber,
                        $"BEGIN:{component.Name} in an iCalendar file is not a calendar item", component.SourceText ?? ""));
            }

            if (calendars.Count == 0 && outside.Count == 0)
            {
                var other = reading.Components.FirstOrDefault();
                throw new CalendarFormatException(other?.LineNumber ?? 0, other != null
                    ? $"the text holds no iCalendar data: BEGIN:{other.Name} at line {other.LineNumber} where BEGIN:VCALENDAR was expected"
                    : $"the text holds no iCalendar data (no BEGIN:VCALENDAR line): {ForeignText.Describe(ics)}");
            }

            // Events and tasks written without the VCALENDAR around them (some exporters do): read as if in one.
            if (outside.Count > 0)
                calendars.Add(new ContentComponent("VCALENDAR", Array.Empty<ContentLine>(), outside));
            foreach (var calendar in calendars)
                splitter.Add(calendar);
            foreach (var stray in reading.StrayText)
            {
                var ended = stray.EndedComponent;
                if (ended != null && CalendarObject.KindOf(ended) != null)
                    splitter.Unreadable.Add(new UnreadableComponent(ended, stray.FirstLine, null, null, stray.FirstLine, stray.ToProblem().Problem, ""));
                else
                    splitter.Warnings.Add(stray.ToProblem());
            }

            var first = calendars.FirstOrDefault(c => c.LineNumber > 0) ?? calendars[0];
            return new CalendarFile(splitter.Build(), splitter.Skipped, splitter.Unreadable.OrderBy(u => u.LineNumber).ToList(),
                splitter.Warnings.OrderBy(w => w.LineNumber).ToList(), first.Properties);
        }

        private sealed class Splitter
        {
            private readonly List<Resource> _resources = new List<Resource>();
            private readonly Dictionary<string, Resource> _byUid = new Dictionary<string, Resource>(StringComparer.Ordinal);
            private readonly List<(string Id, ContentComponent Component, ContentComponent Calendar)> _timeZones = new List<(string, ContentComponent, ContentComponent)>();

            public List<SkippedComponent> Skipped { get; } = new List<SkippedComponent>();

            public List<UnreadableComponent> Unreadable { get; } = new List<UnreadableComponent>();

            public List<ContentLineProblem> Warnings { get; } = new List<ContentLineProblem>();

            public void Add(ContentComponent calendar)
            {
                if (calendar.Fault != null)
                    Warnings.Add(calendar.Fault);
                Warnings.AddRange(calendar.DroppedLines);
                var items = 0;
                foreach (var component in calendar.Components)
                {
                    var kind = CalendarObject.KindOf(component);
                    var fault = component.FirstFault();
                    if (kind != null)
                    {
                        items++;
                        if (fault != null)
                        {
                            var summary = component.Property("SUMMARY")?.Value;
                            Unreadable.Add(new UnreadableComponent(component.Name, component.LineNumber, summary == null ? null : ContentLineText.Unescape(summary),
                                component.Property("UID")?.Value, fault.LineNumber, fault.Problem, component.SourceText ?? ""));
                        }
                        else
                        {
                            AddItem(component, kind.Value, calendar);
                        }
                    }
                    else if (component.Is("VTIMEZONE"))
                    {
                        var id = component.Property("TZID")?.Value.Trim();
                        if (fault != null)
                            Skipped.Add(new SkippedComponent(component.Name, id, component.LineNumber, $"it cannot be read: line {fault.LineNumber}: {fault.Problem}"));
                        else if (string.IsNullOrEmpty(id))
                            Skipped.Add(new SkippedComponent(component.Name, null, component.LineNumber, "a VTIMEZONE without TZID cannot be referred to"));
                        else
                            _timeZones.Add((id!, component, calendar));
                    }
                    else
                    {
                        var reason = component.Is("VFREEBUSY") ? "free/busy time is not a calendar item" : "not an event, task or journal entry";
                        Skipped.Add(new SkippedComponent(component.Name, component.Property("UID")?.Value.Trim(), component.LineNumber, reason));
                    }
                }

                if (items == 0)
                    Warnings.Add(new ContentLineProblem(calendar.LineNumber, null, "the VCALENDAR holds no event, task or journal entry", false));
            }

            public List<CalendarObject> Build() => _resources.Select(Build).ToList();

            private void AddItem(ContentComponent component, CalendarItemKind kind, ContentComponent calendar)
            {
                var source = component.Property("UID")?.Value.Trim();
                var assigned = string.IsNullOrEmpty(source);
                var uid = assigned ? FreeUid(StableUid.FromContent(component.SourceText ?? "")) : source!;
                var recurrenceId = RecurrenceKey(component);

                var original = uid;
                Resource? resource;
                while (_byUid.TryGetValue(uid, out resource))
                {
                    if (resource.Kind != kind)
                    {
                        uid += "-" + CalendarObject.ComponentName(kind).ToLowerInvariant();
                        assigned = true;
                        continue;
                    }

                    var taken = recurrenceId == null ? resource.Master : resource.Overrides.FirstOrDefault(o => RecurrenceKey(o) == recurrenceId);
                    if (taken == null)
                        break;
                    if (taken.SourceText == component.SourceText)
                    {
                        resource.Warnings.Add(new ContentLineProblem(component.LineNumber, null,
                            $"{component.Name} {uid} repeats the one at line {taken.LineNumber} exactly; the copy was left out", false));
                        return;
                    }

                    uid += "-2";
                    assigned = true;
                }

                if (resource == null)
                {
                    resource = new Resource(uid, assigned, kind, calendar);
                    _byUid.Add(uid, resource);
                    _resources.Add(resource);
                }

                if (uid != original && !string.IsNullOrEmpty(source))
                {
                    resource.Warnings.Add(new ContentLineProblem(component.LineNumber, null,
                        $"{component.Name} with UID {original}{(recurrenceId != null ? " RECURRENCE-ID " + recurrenceId : "")} clashes with another component of that UID; it became UID {uid}", false));
                }

                if (recurrenceId == null)
                    resource.Master = component;
                else
                    resource.Overrides.Add(component);
            }

            /// <summary>The UID itself when no resource has it, else the first of UID-2, UID-3, ... that is free.</summary>
            private string FreeUid(string uid)
            {
                if (!_byUid.ContainsKey(uid))
                    return uid;
                for (var n = 2; ; n++)
                {
                    var candidate = uid + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!_byUid.ContainsKey(candidate))
                        return candidate;
                }
            }

            private CalendarObject Build(Resource resource)
            {
                var components = new List<ContentComponent>();
                if (resource.Master != null)
                    components.Add(resource.Master);
                components.AddRange(resource.Overrides);

                var used = new List<string>();
                foreach (var component in components)
                    CollectTimeZoneIds(component, used);
                var missing = new List<string>();
                var timeZones = new List<ContentComponent>();
                foreach (var id in used)
                {
                    var found = FindTimeZone(id, resource.Calendar);
                    if (found == null)
                        missing.Add(id);
                    else if (!timeZones.Contains(found))
                        timeZones.Add(found);
                }

                var writer = new ContentLineWriter();
                writer.Raw("BEGIN", "VCALENDAR");
                var calendar = resource.Calendar;
                writer.Write(calendar.Property("VERSION") ?? new ContentLine("VERSION", "2.0"));
                writer.Write(calendar.Property("PRODID") ?? new ContentLine("PRODID", DefaultProductId));
                var scale = calendar.Property("CALSCALE");
                if (scale != null)
                    writer.Write(scale);
                foreach (var timeZone in _timeZones.Select(t => t.Component).Where(timeZones.Contains))
                    writer.Write(timeZone);
                foreach (var component in components)
                    WriteItem(writer, component, resource.Uid);
                writer.Raw("END", "VCALENDAR");

                var summaryLine = (resource.Master ?? components[0]).Property("SUMMARY");
                var summary = summaryLine == null ? "" : ContentLineText.Unescape(summaryLine.Value);
                var warnings = new List<ContentLineProblem>(resource.Warnings);
                foreach (var component in components.Concat(timeZones))
                    CollectDroppedLines(component, warnings);
                var clean = components.Concat(timeZones).All(c => c.IsClean);
                return new CalendarObject(resource.Uid, resource.UidWasAssigned, resource.Kind, summary, writer.ToString(), missing, components,
                    warnings.OrderBy(w => w.LineNumber).ToList(), clean && warnings.Count == 0);
            }

            /// <summary>The component as read, with UID set to the resource's (added when it had none).</summary>
            private static void WriteItem(ContentLineWriter writer, ContentComponent component, string uid)
            {
                writer.Raw("BEGIN", component.Name);
                if (string.IsNullOrEmpty(component.Property("UID")?.Value.Trim()))
                    writer.Raw("UID", uid);
                foreach (var property in component.Properties)
                {
                    if (property.Is("UID"))
                    {
                        if (property.Value.Trim().Length == 0)
                            continue;
                        writer.Write(property.Value.Trim() == uid ? property : property.WithValue(uid));
                    }
                    else
                    {
                        writer.Write(property);
                    }
                }

                foreach (var child in component.Components)
                    writer.Write(child);
                writer.Raw("END", component.Name);
            }

            private ContentComponent? FindTimeZone(string id, ContentComponent calendar)
            {
                var candidates = _timeZones.Where(t => t.Id == id).ToList();
                if (candidates.Count == 0)
                    candidates = _timeZones.Where(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
                return candidates.FirstOrDefault(t => t.Calendar == calendar).Component ?? candidates.FirstOrDefault().Component;
            }

            private static void CollectDroppedLines(ContentComponent component, List<ContentLineProblem> lines)
            {
                lines.AddRange(component.DroppedLines);
                foreach (var child in component.Components)
                    CollectDroppedLines(child, lines);
            }

            private static void CollectTimeZoneIds(ContentComponent component, List<string> ids)
            {
                foreach (var property in component.Properties)
                {
                    foreach (var id in property.ParameterValues("TZID"))
                    {
                        var trimmed = id.Trim();
                        if (trimmed.Length > 0 && !ids.Contains(trimmed))
                            ids.Add(trimmed);
                    }
                }

                foreach (var child in component.Components)
                    CollectTimeZoneIds(child, ids);
            }

            /// <summary>RECURRENCE-ID with its TZID and RANGE, or null for a master.</summary>
            private static string? RecurrenceKey(ContentComponent component)
            {
                var line = component.Property("RECURRENCE-ID");
                if (line == null)
                    return null;
                var zone = line.Parameter("TZID");
                return (zone != null ? zone.Trim() + ":" : "") + line.Value.Trim();
            }
        }

        private sealed class Resource
        {
            public Resource(string uid, bool uidWasAssigned, CalendarItemKind kind, ContentComponent calendar)
            {
                Uid = uid;
                UidWasAssigned = uidWasAssigned;
                Kind = kind;
                Calendar = calendar;
            }

            public string Uid { get; }

            public bool UidWasAssigned { get; }

            public CalendarItemKind Kind { get; }

            public ContentComponent Calendar { get; }

            public ContentComponent? Master { get; set; }

            public List<ContentComponent> Overrides { get; } = new List<ContentComponent>();

            public List<ContentLineProblem> Warnings { get; } = new List<ContentLineProblem>();
        }
    }
}
