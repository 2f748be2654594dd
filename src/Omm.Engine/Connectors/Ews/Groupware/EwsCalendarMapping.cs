using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.ContentLines;
using Omm.Engine.Groupware;
using static Omm.Engine.Connectors.Ews.Groupware.EwsItemXml;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// iCalendar events ↔ EWS t:CalendarItem. Toward Exchange: the master as a CalendarItem (times in UTC, the zone
    /// as StartTimeZone/EndTimeZone by Windows id, the RRULE as t:Recurrence), then each EXDATE and RECURRENCE-ID
    /// override as a change of the occurrence Exchange numbers the same. Back: the master, its modified occurrences
    /// and its deleted ones as one VCALENDAR with a VTIMEZONE for the zone used.
    /// </summary>
    internal static class EwsCalendarMapping
    {
        /// <summary>Fields an occurrence can clear; the others (free/busy, importance, reminder...) always have a value.</summary>
        private static bool IsMailbox(string organizer, string? mailbox) =>
            mailbox != null && string.Equals(organizer.Trim().StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? organizer.Trim().Substring(7) : organizer.Trim(),
                mailbox, StringComparison.OrdinalIgnoreCase);

        private static readonly string[] Removable = { "item:Subject", "item:Body", "item:Categories", "calendar:Location" };

        /// <param name="mailbox">The mailbox written into: Exchange makes it the organizer, so nothing is lost when it was already.</param>
        public static EwsCalendarDraft ToEws(CalendarObject calendar, IEnumerable<XElement> extendedProperties, EwsZone? floatingZone = null, string? mailbox = null)
        {
            if (calendar.Kind != CalendarItemKind.Event)
                throw new ArgumentException($"{calendar} is not an event.", nameof(calendar));
            var losses = new List<string>();
            var vcalendar = ContentLineReader.Read(calendar.Text).Components.FirstOrDefault(c => c.Is("VCALENDAR"));
            var master = calendar.Components.FirstOrDefault(c => c.Property("RECURRENCE-ID") == null);
            var overrides = calendar.Components.Where(c => c != master && c.Property("RECURRENCE-ID") != null).ToList();
            if (master == null)
            {
                master = overrides[0];
                overrides.RemoveAt(0);
                losses.Add($"UID {calendar.Uid}: the resource holds changed occurrences of a series but not the series; the first was copied as a single event.");
                foreach (var orphan in overrides)
                    losses.Add($"RECURRENCE-ID {orphan.Property("RECURRENCE-ID")!.Value}: an occurrence of a series that is not there; not copied.");
                overrides.Clear();
            }

            var start = CalendarFields.Time(master, "DTSTART") ?? throw new ArgumentException($"{calendar} has no DTSTART.", nameof(calendar));
            var clock = new CalendarClock(vcalendar, start.Value.Year, floatingZone, losses);
            var zone = clock.ZoneOf(start);
            var startUtc = clock.ToUtc(start);
            var end = EndOf(master, start);
            var endZone = clock.ZoneOf(end);
            var endUtc = clock.ToUtc(end);
            if (endUtc < startUtc)
            {
                losses.Add($"DTEND {master.Property("DTEND")?.Value}: before DTSTART; the event was given no length.");
                endUtc = startUtc;
            }

            var item = new XElement(T("CalendarItem"));
            item.Add(ItemFields(master, losses, startUtc, endUtc));
            item.Add(extendedProperties);
            item.Add(Text("UID", calendar.Uid));
            item.Add(new XElement(T("Start"), Time(startUtc)), new XElement(T("End"), Time(endUtc)));
            if (start.IsDate)
                item.Add(new XElement(T("IsAllDayEvent"), "true"));
            item.Add(Text("LegacyFreeBusyStatus", FreeBusy(master)));
            item.Add(Text("Location", CalendarFields.Text(master, "LOCATION")));
            var attendees = Attendees(master, losses);
            item.Add(attendees);
            if (attendees.Count > 0 && master.Property("ORGANIZER") is ContentLine organizer && !IsMailbox(organizer.Value, mailbox))
            {
                losses.Add($"ORGANIZER {LossNotes.Value(organizer.Value)}{(organizer.Parameter("CN") is string cn ? $" ({cn})" : "")}: Exchange makes the mailbox owner the organizer of the meetings it creates; the original organizer was not copied.");
            }

            var localStart = clock.ToLocal(start, zone);
            EwsRecurrence? recurrence = null;
            var rules = master.PropertiesNamed("RRULE").ToList();
            if (rules.Count > 0)
            {
                recurrence = EwsRecurrenceMapping.FromRule(rules[0].Value.Trim(), localStart, start.IsDate, zone, losses);
                foreach (var extra in rules.Skip(1))
                    losses.Add($"RRULE {extra.Value}: Exchange keeps one rule per series; this second rule was not copied.");
                if (recurrence != null)
                    item.Add(recurrence.ToXml());
            }

            foreach (var other in master.PropertiesNamed("RDATE").Concat(master.PropertiesNamed("EXRULE")))
                losses.Add($"{other.Name.ToUpperInvariant()} {LossNotes.Value(other.Value)}: Exchange has no extra dates or exclusion rules in a series; not copied.");
            item.Add(new XElement(T("StartTimeZone"), new XAttribute("Id", zone.WindowsId)));
            item.Add(new XElement(T("EndTimeZone"), new XAttribute("Id", endZone.WindowsId)));

            var occurrences = recurrence == null
                ? NoOccurrences(master, overrides, losses)
                : Occurrences(master, overrides, recurrence, clock, zone, localStart, start.IsDate, endUtc - startUtc, losses);
            return new EwsCalendarDraft(item, occurrences, losses);
        }

        /// <summary>
        /// A VCALENDAR of a t:CalendarItem from GetItem (a single item or a recurring master), the exceptions GetItem
        /// gave for its ModifiedOccurrences (each with Start, End, OriginalStart and its own fields), and its
        /// DeletedOccurrences as EXDATE. The UID is the item's t:UID, else <paramref name="fallbackUid"/>.
        /// </summary>
        public static EwsItemText FromEws(XElement master, IEnumerable<XElement> modifiedOccurrences, string fallbackUid)
        {
            var losses = new List<string>();
            var zone = ZoneOf(master, losses);
            var isAllDay = ChildIsTrue(master, "IsAllDayEvent");
            var uid = Child(master, "UID")?.Trim() ?? fallbackUid;
            var startUtc = ChildTime(master, "Start") ?? throw new ArgumentException("The calendar item has no Start.", nameof(master));
            var localStart = zone.ToLocal(startUtc);
            var recurrenceElement = master.Element(T("Recurrence"));
            var recurrence = recurrenceElement == null ? null : EwsRecurrence.FromXml(recurrenceElement);
            var exceptions = modifiedOccurrences.ToList();

            var lastYear = localStart.Year;
            if (recurrence?.EndDate != null)
                lastYear = recurrence.EndDate.Value.Year;
            else if (recurrence != null)
                lastYear = Math.Max(lastYear, recurrence.Dates(2000).LastOrDefault().Year);
            var calendar = new ContentLineWriter();
            calendar.Raw("BEGIN", "VCALENDAR");
            calendar.Raw("VERSION", "2.0");
            calendar.Raw("PRODID", "-//Omm//Exchange//EN");
            if (!zone.IsUtc && !isAllDay)
                calendar.Write(EwsTimeZones.ToVTimeZone(zone, localStart.Year - 1, Math.Min(lastYear, localStart.Year + 50) + 1));

            var @event = calendar;
            @event.Raw("BEGIN", "VEVENT");
            @event.Text("UID", uid);
            Stamp(@event, master);
            Times(@event, master, zone, isAllDay);
            if (recurrence != null)
            {
                @event.Raw("RRULE", EwsRecurrenceMapping.ToRule(recurrence, localStart, isAllDay, zone, losses));
                foreach (var deleted in master.Element(T("DeletedOccurrences"))?.Elements(T("DeletedOccurrence")) ?? Enumerable.Empty<XElement>())
                {
                    var when = ChildTime(deleted, "Start");
                    if (when.HasValue)
                        WriteTime(@event, "EXDATE", when.Value, zone, isAllDay);
                }
            }
            else if (recurrenceElement != null)
            {
                losses.Add("Recurrence: a pattern Omm does not know; the series was written as its first occurrence.");
            }

            Fields(@event, master, master, losses);
            @event.Raw("END", "VEVENT");

            foreach (var exception in exceptions)
            {
                var original = ChildTime(exception, "OriginalStart") ?? ChildTime(exception, "RecurrenceId");
                if (!original.HasValue)
                {
                    losses.Add($"Modified occurrence {LossNotes.Value(Child(exception, "Subject") ?? "")}: it does not say which occurrence it replaces; not copied.");
                    continue;
                }

                var changed = calendar;
                changed.Raw("BEGIN", "VEVENT");
                changed.Text("UID", uid);
                Stamp(changed, exception);
                WriteTime(changed, "RECURRENCE-ID", original.Value, zone, isAllDay);
                Times(changed, exception, zone, isAllDay);
                Fields(changed, exception, master, losses);
                changed.Raw("END", "VEVENT");
            }

            calendar.Raw("END", "VCALENDAR");
            return new EwsItemText(calendar.ToString(), losses);
        }

        /// <summary>DTEND, else DTSTART + DURATION, else DTSTART (a day later for a date).</summary>
        private static CalendarTimeValue EndOf(ContentComponent component, CalendarTimeValue start)
        {
            var end = CalendarFields.Time(component, "DTEND");
            if (end.HasValue)
                return end.Value.Like(start);
            var duration = CalendarFields.Duration(component.Property("DURATION")?.Value);
            if (duration.HasValue)
                return new CalendarTimeValue(start.Kind, start.Value + duration.Value, start.Zone);
            return start.IsDate ? new CalendarTimeValue(CalendarTimeKind.Date, start.Value.AddDays(1)) : start;
        }

        /// <summary>The ItemType part in schema order: Subject, Sensitivity, Body, Categories, Importance, ReminderIsSet, ReminderMinutesBeforeStart.</summary>
        private static IEnumerable<XElement?> ItemFields(ContentComponent component, List<string> losses, DateTime startUtc, DateTime endUtc)
        {
            yield return Text("Subject", CalendarFields.Text(component, "SUMMARY"));
            var sensitivity = CalendarFields.Sensitivity(component);
            yield return sensitivity == null ? null : new XElement(T("Sensitivity"), sensitivity);
            var description = CalendarFields.Text(component, "DESCRIPTION");
            yield return description == null ? null : Body(description);
            yield return Categories(CalendarFields.Categories(component));
            yield return Text("Importance", CalendarFields.Importance(component));
            var minutes = ReminderMinutes(component, startUtc, endUtc, losses);
            yield return new XElement(T("ReminderIsSet"), minutes.HasValue ? "true" : "false");
            if (minutes.HasValue)
                yield return new XElement(T("ReminderMinutesBeforeStart"), minutes.Value.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>Minutes before the start of the first display or sound alarm; the others are loss notes.</summary>
        private static int? ReminderMinutes(ContentComponent component, DateTime startUtc, DateTime endUtc, List<string> losses)
        {
            int? minutes = null;
            foreach (var alarm in component.Components.Where(c => c.Is("VALARM")))
            {
                var action = alarm.Property("ACTION")?.Value.Trim().ToUpperInvariant() ?? "DISPLAY";
                var trigger = alarm.Property("TRIGGER");
                int? before = null;
                if (trigger != null)
                {
                    if (string.Equals(trigger.Parameter("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase) || trigger.Value.Trim().EndsWith("Z", StringComparison.OrdinalIgnoreCase))
                    {
                        if (CalendarTimeValue.TryParse(trigger.Value, null, out var at))
                            before = (int)Math.Round((startUtc - DateTime.SpecifyKind(at.Value, DateTimeKind.Utc)).TotalMinutes);
                    }
                    else if (CalendarFields.Duration(trigger.Value) is TimeSpan offset)
                    {
                        var anchor = string.Equals(trigger.Parameter("RELATED"), "END", StringComparison.OrdinalIgnoreCase) ? endUtc : startUtc;
                        before = (int)Math.Round((startUtc - (anchor + offset)).TotalMinutes);
                    }
                }

                var what = $"VALARM {action} {trigger?.Value ?? "(no TRIGGER)"}";
                if (minutes.HasValue)
                    losses.Add($"{what}: Exchange keeps one reminder; not copied.");
                else if (action != "DISPLAY" && action != "AUDIO")
                    losses.Add($"{what}: Exchange reminders only pop up; this alarm was not copied.");
                else if (!before.HasValue || before.Value < 0)
                    losses.Add($"{what}: Exchange reminders come before the start; this alarm was not copied.");
                else
                    minutes = before.Value;
            }

            return minutes;
        }

        /// <summary>LegacyFreeBusyStatus of Outlook's X-MICROSOFT-CDO-BUSYSTATUS, else of TRANSP.</summary>
        private static string? FreeBusy(ContentComponent component)
        {
            switch (component.Property("X-MICROSOFT-CDO-BUSYSTATUS")?.Value.Trim().ToUpperInvariant())
            {
                case "FREE":
                    return "Free";
                case "TENTATIVE":
                    return "Tentative";
                case "BUSY":
                    return "Busy";
                case "OOF":
                    return "OOF";
                case "WORKINGELSEWHERE":
                    return "WorkingElsewhere";
            }

            var transparency = component.Property("TRANSP")?.Value.Trim().ToUpperInvariant();
            return transparency == "TRANSPARENT" ? "Free" : transparency == "OPAQUE" ? "Busy" : null;
        }

        private static List<XElement> Attendees(ContentComponent component, List<string> losses)
        {
            var required = new List<XElement>();
            var optional = new List<XElement>();
            var resources = new List<XElement>();
            foreach (var attendee in component.PropertiesNamed("ATTENDEE"))
            {
                var address = attendee.Value.Trim();
                if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                    address = address.Substring(7);
                if (address.IndexOf('@') <= 0)
                {
                    losses.Add($"ATTENDEE {LossNotes.Value(attendee.Value)}: not an e-mail address; not copied.");
                    continue;
                }

                var role = attendee.Parameter("ROLE")?.Trim().ToUpperInvariant();
                var type = attendee.Parameter("CUTYPE")?.Trim().ToUpperInvariant();
                var response = attendee.Parameter("PARTSTAT")?.Trim().ToUpperInvariant() switch
                {
                    "ACCEPTED" => "Accept",
                    "DECLINED" => "Decline",
                    "TENTATIVE" => "Tentative",
                    "NEEDS-ACTION" => "NoResponseReceived",
                    null => null,
                    _ => "Unknown",
                };
                var element = new XElement(T("Attendee"),
                    new XElement(T("Mailbox"), Text("Name", attendee.Parameter("CN")?.Trim()), new XElement(T("EmailAddress"), Clean(address)), new XElement(T("RoutingType"), "SMTP")),
                    response == null ? null : new XElement(T("ResponseType"), response));
                if (type == "RESOURCE" || type == "ROOM")
                    resources.Add(element);
                else if (role == "OPT-PARTICIPANT" || role == "NON-PARTICIPANT")
                    optional.Add(element);
                else
                    required.Add(element);
            }

            var lists = new List<XElement>();
            if (required.Count > 0)
                lists.Add(new XElement(T("RequiredAttendees"), required));
            if (optional.Count > 0)
                lists.Add(new XElement(T("OptionalAttendees"), optional));
            if (resources.Count > 0)
                lists.Add(new XElement(T("Resources"), resources));
            return lists;
        }

        private static IReadOnlyList<EwsOccurrenceChange> NoOccurrences(ContentComponent master, List<ContentComponent> overrides, List<string> losses)
        {
            foreach (var changed in overrides)
                losses.Add($"RECURRENCE-ID {changed.Property("RECURRENCE-ID")!.Value}: the event was copied without its series, so this changed occurrence has none to change; not copied.");
            foreach (var exdate in master.PropertiesNamed("EXDATE"))
            {
                if (master.Property("RRULE") == null)
                    losses.Add($"EXDATE {exdate.Value}: an exception date of an event that does not repeat; not copied.");
            }

            return Array.Empty<EwsOccurrenceChange>();
        }

        private static IReadOnlyList<EwsOccurrenceChange> Occurrences(ContentComponent master, List<ContentComponent> overrides, EwsRecurrence recurrence, CalendarClock clock, EwsZone zone,
            DateTime localStart, bool isDate, TimeSpan length, List<string> losses)
        {
            var wanted = new List<(DateTime LocalDate, ContentComponent? Override, string What)>();
            foreach (var exdate in CalendarFields.Times(master, "EXDATE"))
                wanted.Add((clock.ToLocal(exdate, zone).Date, null, "EXDATE " + exdate.Text));
            foreach (var changed in overrides)
            {
                var id = CalendarFields.Time(changed, "RECURRENCE-ID");
                if (!id.HasValue)
                    continue;
                wanted.Add((clock.ToLocal(id.Value, zone).Date, changed, "RECURRENCE-ID " + id.Value.Text));
            }

            if (wanted.Count == 0)
                return Array.Empty<EwsOccurrenceChange>();
            var last = wanted.Max(w => w.LocalDate);
            var dates = new List<DateTime>();
            foreach (var date in recurrence.Dates(100000))
            {
                dates.Add(date);
                if (date > last)
                    break;
            }

            var changes = new Dictionary<int, EwsOccurrenceChange>();
            var masterFields = FieldValues(master, losses: null);
            foreach (var (localDate, changed, what) in wanted.OrderBy(w => w.Override == null ? 0 : 1))
            {
                var index = dates.IndexOf(localDate);
                if (index < 0)
                {
                    losses.Add($"{what}: not an occurrence of the series as Exchange has it; not copied.");
                    continue;
                }

                var originalLocal = localDate + (isDate ? TimeSpan.Zero : localStart.TimeOfDay);
                var originalUtc = zone.ToUtc(originalLocal);
                if (changes.TryGetValue(index + 1, out var existing) && existing.Deleted)
                    continue;
                if (changed == null || string.Equals(changed.Property("STATUS")?.Value.Trim(), "CANCELLED", StringComparison.OrdinalIgnoreCase))
                {
                    changes[index + 1] = new EwsOccurrenceChange(index + 1, originalUtc, true, Array.Empty<XElement>());
                    continue;
                }

                var updates = new List<XElement>();
                var start = CalendarFields.Time(changed, "DTSTART");
                if (start.HasValue)
                {
                    var startUtc = clock.ToUtc(start.Value);
                    var endUtc = clock.ToUtc(EndOf(changed, start.Value));
                    var newLocal = zone.ToLocal(startUtc).Date;
                    var previous = index > 0 ? dates[index - 1] : DateTime.MinValue;
                    var next = index + 1 < dates.Count ? dates[index + 1] : DateTime.MaxValue;
                    if (startUtc != originalUtc || endUtc != originalUtc + length)
                    {
                        if (newLocal <= previous || newLocal >= next)
                        {
                            losses.Add($"{what}: moved to {newLocal:yyyy-MM-dd}, on or past a neighbouring occurrence, which Exchange refuses; it keeps its original time.");
                        }
                        else
                        {
                            updates.Add(SetField("calendar:Start", new XElement(T("Start"), Time(startUtc))));
                            updates.Add(SetField("calendar:End", new XElement(T("End"), Time(endUtc))));
                        }
                    }
                }

                var fields = FieldValues(changed, losses);
                foreach (var field in fields)
                {
                    if (!masterFields.TryGetValue(field.Key, out var old) || !XNode.DeepEquals(old, field.Value))
                        updates.Add(SetField(field.Key, field.Value));
                }

                foreach (var removed in masterFields.Keys.Where(k => !fields.ContainsKey(k) && Removable.Contains(k)))
                    updates.Add(new XElement(T("DeleteItemField"), FieldUri(removed)));
                var attendees = string.Join("|", changed.PropertiesNamed("ATTENDEE").Select(a => a.Value.Trim().ToLowerInvariant()).OrderBy(a => a, StringComparer.Ordinal));
                var masterAttendees = string.Join("|", master.PropertiesNamed("ATTENDEE").Select(a => a.Value.Trim().ToLowerInvariant()).OrderBy(a => a, StringComparer.Ordinal));
                if (attendees != masterAttendees)
                    losses.Add($"{what}: its attendees differ from the series'; Exchange occurrences are changed without inviting anyone, so they were not copied.");
                changes[index + 1] = new EwsOccurrenceChange(index + 1, originalUtc, false, updates);
            }

            return changes.Values.OrderBy(c => c.InstanceIndex).ToList();
        }

        /// <summary>The fields an occurrence may change, by FieldURI, as their CalendarItem elements (reminders against the occurrence's own start).</summary>
        private static Dictionary<string, XElement> FieldValues(ContentComponent component, List<string>? losses)
        {
            var fields = new Dictionary<string, XElement>(StringComparer.Ordinal);
            void Add(string uri, XElement? element)
            {
                if (element != null)
                    fields[uri] = element;
            }

            Add("item:Subject", Text("Subject", CalendarFields.Text(component, "SUMMARY")));
            var sensitivity = CalendarFields.Sensitivity(component);
            Add("item:Sensitivity", sensitivity == null ? null : new XElement(T("Sensitivity"), sensitivity));
            var description = CalendarFields.Text(component, "DESCRIPTION");
            Add("item:Body", description == null ? null : Body(description));
            Add("item:Categories", Categories(CalendarFields.Categories(component)));
            Add("item:Importance", Text("Importance", CalendarFields.Importance(component)));
            Add("calendar:Location", Text("Location", CalendarFields.Text(component, "LOCATION")));
            Add("calendar:LegacyFreeBusyStatus", Text("LegacyFreeBusyStatus", FreeBusy(component)));
            var reminder = ReminderMinutes(component, DateTime.MinValue.AddYears(1), DateTime.MinValue.AddYears(1), losses ?? new List<string>());
            Add("item:ReminderIsSet", new XElement(T("ReminderIsSet"), reminder.HasValue ? "true" : "false"));
            if (reminder.HasValue)
                Add("item:ReminderMinutesBeforeStart", new XElement(T("ReminderMinutesBeforeStart"), reminder.Value.ToString(CultureInfo.InvariantCulture)));
            return fields;
        }

        private static XElement SetField(string uri, XElement value) => new XElement(T("SetItemField"), FieldUri(uri), new XElement(T("CalendarItem"), value));

        private static EwsZone ZoneOf(XElement item, List<string> losses)
        {
            var id = (string?)item.Element(T("StartTimeZone"))?.Attribute("Id") ?? Child(item, "StartTimeZoneId");
            if (id != null)
            {
                var zone = EwsTimeZones.Find(id);
                if (zone != null)
                    return zone;
                losses.Add($"StartTimeZone {id}: not a time zone Omm knows; the times were written in UTC.");
                return EwsZone.Utc;
            }

            // Exchange 2007's display name ("(UTC+00:00) Monrovia, Reykjavik", "UTC"): only an offset of zero can be read from it.
            var name = Child(item, "TimeZone");
            if (name != null && !(name == "UTC" || name.StartsWith("(UTC)", StringComparison.Ordinal) || name.StartsWith("(UTC+00:00)", StringComparison.Ordinal) || name.StartsWith("(GMT)", StringComparison.Ordinal))
                && item.Element(T("Recurrence")) != null)
                losses.Add($"TimeZone {name}: the series' zone is only named for display; its times were written in UTC.");
            return EwsZone.Utc;
        }

        private static void Stamp(ContentLineWriter lines, XElement item)
        {
            var stamp = ChildTime(item, "DateTimeStamp") ?? ChildTime(item, "LastModifiedTime") ?? ChildTime(item, "DateTimeCreated") ?? ChildTime(item, "Start") ?? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            lines.Raw("DTSTAMP", CalendarTimeText.Utc(new DateTimeOffset(stamp)));
        }

        private static void Times(ContentLineWriter lines, XElement item, EwsZone zone, bool isAllDay)
        {
            var start = ChildTime(item, "Start");
            var end = ChildTime(item, "End");
            if (start.HasValue)
                WriteTime(lines, "DTSTART", start.Value, zone, isAllDay);
            if (end.HasValue)
                WriteTime(lines, "DTEND", end.Value, zone, isAllDay);
        }

        internal static void WriteTime(ContentLineWriter lines, string name, DateTime utc, EwsZone zone, bool isDate)
        {
            if (isDate)
                lines.Raw(name + ";VALUE=DATE", CalendarTimeText.Date(zone.ToLocal(utc)));
            else if (zone.IsUtc)
                lines.Raw(name, CalendarTimeText.Utc(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))));
            else
                lines.Raw(name + ";TZID=" + ContentLineText.ParameterValue(zone.IanaId), CalendarTimeText.Local(zone.ToLocal(utc)));
        }

        /// <summary>SUMMARY, DESCRIPTION, LOCATION, CATEGORIES, CLASS, PRIORITY, TRANSP, ORGANIZER, ATTENDEE, VALARM of an item (an exception falls back on nothing: GetItem gives it whole).</summary>
        private static void Fields(ContentLineWriter lines, XElement item, XElement master, List<string> losses)
        {
            lines.Text("SUMMARY", Child(item, "Subject"));
            var body = BodyText(item, out var isHtml);
            if (isHtml && item == master)
                losses.Add("Body: HTML; written as plain text in DESCRIPTION.");
            lines.Text("DESCRIPTION", body);
            lines.Text("LOCATION", Child(item, "Location"));
            var categories = ChildCategories(item);
            if (categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.Select(ContentLineText.Escape)));
            lines.Raw("CLASS", CalendarFields.ClassOf(Child(item, "Sensitivity"), losses));
            var priority = CalendarFields.Priority(Child(item, "Importance"));
            if (priority != null && priority != "5")
                lines.Raw("PRIORITY", priority);
            var freeBusy = Child(item, "LegacyFreeBusyStatus");
            if (freeBusy != null)
            {
                lines.Raw("TRANSP", freeBusy == "Free" ? "TRANSPARENT" : "OPAQUE");
                if (freeBusy != "NoData")
                    lines.Raw("X-MICROSOFT-CDO-BUSYSTATUS", freeBusy.ToUpperInvariant());
            }

            var attendees = new[] { ("RequiredAttendees", ";ROLE=REQ-PARTICIPANT"), ("OptionalAttendees", ";ROLE=OPT-PARTICIPANT"), ("Resources", ";CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT") }
                .SelectMany(list => (item.Element(T(list.Item1))?.Elements(T("Attendee")) ?? Enumerable.Empty<XElement>()).Select(a => (Attendee: a, Role: list.Item2))).ToList();
            var organizer = item.Element(T("Organizer"))?.Element(T("Mailbox"));
            if (organizer != null && attendees.Count > 0)
            {
                var address = Child(organizer, "EmailAddress");
                if (address != null && address.IndexOf('@') > 0)
                    lines.Raw("ORGANIZER" + CommonName(Child(organizer, "Name")), "mailto:" + address.Trim());
                else if (item == master)
                    losses.Add($"Organizer {LossNotes.Value(Child(organizer, "Name") ?? address ?? "")}: an Exchange-internal address, not an Internet one; ORGANIZER was not written.");
            }

            foreach (var (attendee, role) in attendees)
            {
                var mailbox = attendee.Element(T("Mailbox"));
                var address = mailbox == null ? null : Child(mailbox, "EmailAddress");
                if (address == null || address.IndexOf('@') <= 0)
                {
                    losses.Add($"Attendee {LossNotes.Value((mailbox == null ? null : Child(mailbox, "Name")) ?? address ?? "")}: no Internet address; not copied.");
                    continue;
                }

                var partstat = Child(attendee, "ResponseType") switch
                {
                    "Accept" => "ACCEPTED",
                    "Decline" => "DECLINED",
                    "Tentative" => "TENTATIVE",
                    "Organizer" => "ACCEPTED",
                    _ => "NEEDS-ACTION",
                };
                lines.Raw("ATTENDEE" + CommonName(mailbox == null ? null : Child(mailbox, "Name")) + role + ";PARTSTAT=" + partstat, "mailto:" + address.Trim());
            }

            if (ChildIsTrue(item, "ReminderIsSet") && int.TryParse(Child(item, "ReminderMinutesBeforeStart"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes))
            {
                lines.Raw("BEGIN", "VALARM");
                lines.Raw("ACTION", "DISPLAY");
                lines.Text("DESCRIPTION", "Reminder");
                lines.Raw("TRIGGER;RELATED=START", CalendarFields.Duration(TimeSpan.FromMinutes(-minutes)));
                lines.Raw("END", "VALARM");
            }
        }

        private static string CommonName(string? name) => string.IsNullOrWhiteSpace(name) ? "" : ";CN=" + ContentLineText.ParameterValue(name!.Trim());
    }
}
