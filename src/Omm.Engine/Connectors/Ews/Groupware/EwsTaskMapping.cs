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
    /// VTODO ↔ EWS t:Task. Outlook tasks are dated, not timed: StartDate and DueDate are written as the date at
    /// midnight UTC and read back as the nearest midnight's date (a time of day on DTSTART or DUE is a loss note);
    /// the VTODO's UID goes in the caller's extended property.
    /// </summary>
    internal static class EwsTaskMapping
    {
        public static EwsTaskDraft ToEws(CalendarObject todo, IEnumerable<XElement> extendedProperties, EwsZone? floatingZone = null)
        {
            if (todo.Kind != CalendarItemKind.Todo)
                throw new ArgumentException($"{todo} is not a task.", nameof(todo));
            var losses = new List<string>();
            var task = todo.Components.FirstOrDefault(c => c.Property("RECURRENCE-ID") == null) ?? todo.Components[0];
            foreach (var changed in todo.Components.Where(c => c != task))
                losses.Add($"RECURRENCE-ID {changed.Property("RECURRENCE-ID")?.Value}: Exchange tasks have no changed occurrences; not copied.");
            var vcalendar = ContentLineReader.Read(todo.Text).Components.FirstOrDefault(c => c.Is("VCALENDAR"));
            var start = CalendarFields.Time(task, "DTSTART");
            var due = CalendarFields.Time(task, "DUE");
            if (!due.HasValue && start.HasValue && CalendarFields.Duration(task.Property("DURATION")?.Value) is TimeSpan duration)
                due = new CalendarTimeValue(start.Value.Kind, start.Value.Value + duration, start.Value.Zone);
            var year = (start ?? due)?.Value.Year ?? 2000;
            var clock = new CalendarClock(vcalendar, year, floatingZone ?? EwsZone.Utc, losses);
            DateTime? Day(CalendarTimeValue? value, string name)
            {
                if (!value.HasValue)
                    return null;
                if (!value.Value.IsDate)
                    losses.Add($"{name} {value.Value.Text}: Exchange tasks keep a date; the time of day was not copied.");
                return clock.ToLocal(value.Value, clock.ZoneOf(value.Value)).Date;
            }

            var startDay = Day(start, "DTSTART");
            var dueDay = Day(due, "DUE");

            var item = new XElement(T("Task"));
            item.Add(Text("Subject", CalendarFields.Text(task, "SUMMARY")));
            var sensitivity = CalendarFields.Sensitivity(task);
            if (sensitivity != null)
                item.Add(new XElement(T("Sensitivity"), sensitivity));
            var description = CalendarFields.Text(task, "DESCRIPTION");
            if (description != null)
                item.Add(Body(description));
            item.Add(Categories(CalendarFields.Categories(task)));
            item.Add(Text("Importance", CalendarFields.Importance(task)));
            var reminder = Reminder(task, start.HasValue ? clock.ToUtc(start.Value) : (DateTime?)null, due.HasValue ? clock.ToUtc(due.Value) : (DateTime?)null, losses);
            if (reminder.HasValue)
                item.Add(new XElement(T("ReminderDueBy"), Time(reminder.Value)));
            item.Add(new XElement(T("ReminderIsSet"), reminder.HasValue ? "true" : "false"));
            item.Add(extendedProperties);

            var completed = CalendarFields.Time(task, "COMPLETED");
            if (completed.HasValue)
                item.Add(new XElement(T("CompleteDate"), Time(clock.ToUtc(completed.Value))));
            if (dueDay.HasValue)
                item.Add(new XElement(T("DueDate"), Time(DateTime.SpecifyKind(dueDay.Value, DateTimeKind.Utc))));
            if (int.TryParse(task.Property("PERCENT-COMPLETE")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                item.Add(new XElement(T("PercentComplete"), Math.Min(100, percent).ToString(CultureInfo.InvariantCulture)));
            var rule = task.Property("RRULE");
            if (rule != null)
            {
                var anchor = startDay ?? dueDay;
                if (anchor.HasValue)
                {
                    var recurrence = EwsRecurrenceMapping.FromRule(rule.Value.Trim(), anchor.Value, true, EwsZone.Utc, losses, "the task");
                    if (recurrence != null)
                        item.Add(recurrence.ToXml());
                }
                else
                {
                    losses.Add($"RRULE {rule.Value}: a task without DTSTART or DUE has no first occurrence for Exchange to repeat; not copied.");
                }
            }

            if (startDay.HasValue)
                item.Add(new XElement(T("StartDate"), Time(DateTime.SpecifyKind(startDay.Value, DateTimeKind.Utc))));
            var status = task.Property("STATUS")?.Value.Trim().ToUpperInvariant();
            switch (status)
            {
                case "NEEDS-ACTION":
                    item.Add(new XElement(T("Status"), "NotStarted"));
                    break;
                case "IN-PROCESS":
                    item.Add(new XElement(T("Status"), "InProgress"));
                    break;
                case "COMPLETED":
                    item.Add(new XElement(T("Status"), "Completed"));
                    break;
                case "CANCELLED":
                    item.Add(new XElement(T("Status"), "Deferred"));
                    losses.Add("STATUS:CANCELLED: Exchange tasks cannot be cancelled; the task was marked Deferred.");
                    break;
                case null:
                    if (completed.HasValue)
                        item.Add(new XElement(T("Status"), "Completed"));
                    break;
                default:
                    losses.Add($"STATUS:{status}: not a task status; not copied.");
                    break;
            }

            return new EwsTaskDraft(item, losses);
        }

        /// <summary>A VCALENDAR with the VTODO of a t:Task from GetItem; UID from the caller's extended property, else <paramref name="fallbackUid"/>.</summary>
        public static EwsItemText FromEws(XElement task, string fallbackUid, XElement? uidField = null)
        {
            var losses = new List<string>();
            var lines = new ContentLineWriter();
            lines.Raw("BEGIN", "VCALENDAR");
            lines.Raw("VERSION", "2.0");
            lines.Raw("PRODID", "-//Omm//Exchange//EN");
            lines.Raw("BEGIN", "VTODO");
            var uid = uidField == null ? null : ExtendedValue(task, uidField);
            lines.Text("UID", string.IsNullOrWhiteSpace(uid) ? fallbackUid : uid!.Trim());
            var stamp = ChildTime(task, "LastModifiedTime") ?? ChildTime(task, "DateTimeCreated") ?? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            lines.Raw("DTSTAMP", CalendarTimeText.Utc(new DateTimeOffset(stamp)));
            lines.Text("SUMMARY", Child(task, "Subject"));
            var body = BodyText(task, out var isHtml);
            if (isHtml)
                losses.Add("Body: HTML; written as plain text in DESCRIPTION.");
            lines.Text("DESCRIPTION", body);
            var categories = ChildCategories(task);
            if (categories.Count > 0)
                lines.Raw("CATEGORIES", string.Join(",", categories.Select(ContentLineText.Escape)));
            lines.Raw("CLASS", CalendarFields.ClassOf(Child(task, "Sensitivity"), losses));
            var priority = CalendarFields.Priority(Child(task, "Importance"));
            if (priority != null)
                lines.Raw("PRIORITY", priority);
            var start = Day(ChildTime(task, "StartDate"));
            var due = Day(ChildTime(task, "DueDate"));
            if (start.HasValue)
                lines.Raw("DTSTART;VALUE=DATE", CalendarTimeText.Date(start.Value));
            if (due.HasValue)
                lines.Raw("DUE;VALUE=DATE", CalendarTimeText.Date(due.Value));
            var completed = ChildTime(task, "CompleteDate");
            if (completed.HasValue)
                lines.Raw("COMPLETED", CalendarTimeText.Utc(new DateTimeOffset(completed.Value)));
            if (double.TryParse(Child(task, "PercentComplete"), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
                lines.Raw("PERCENT-COMPLETE", ((int)Math.Round(percent)).ToString(CultureInfo.InvariantCulture));
            var status = Child(task, "Status");
            switch (status)
            {
                case "NotStarted":
                    lines.Raw("STATUS", "NEEDS-ACTION");
                    break;
                case "InProgress":
                    lines.Raw("STATUS", "IN-PROCESS");
                    break;
                case "Completed":
                    lines.Raw("STATUS", "COMPLETED");
                    break;
                case "WaitingOnOthers":
                    lines.Raw("STATUS", "IN-PROCESS");
                    losses.Add("Status WaitingOnOthers: iCalendar has no such status; written as IN-PROCESS.");
                    break;
                case "Deferred":
                    lines.Raw("STATUS", "NEEDS-ACTION");
                    losses.Add("Status Deferred: iCalendar has no such status; written as NEEDS-ACTION.");
                    break;
            }

            var recurrenceElement = task.Element(T("Recurrence"));
            var recurrence = recurrenceElement == null ? null : EwsRecurrence.FromXml(recurrenceElement);
            if (recurrence != null)
                lines.Raw("RRULE", EwsRecurrenceMapping.ToRule(recurrence, start ?? due ?? recurrence.StartDate, true, EwsZone.Utc, losses));
            else if (recurrenceElement != null)
                losses.Add("Recurrence: a pattern Omm does not know; the task was written once.");
            var reminder = ChildTime(task, "ReminderDueBy");
            if (ChildIsTrue(task, "ReminderIsSet") && reminder.HasValue)
            {
                lines.Raw("BEGIN", "VALARM");
                lines.Raw("ACTION", "DISPLAY");
                lines.Text("DESCRIPTION", "Reminder");
                lines.Raw("TRIGGER;VALUE=DATE-TIME", CalendarTimeText.Utc(new DateTimeOffset(reminder.Value)));
                lines.Raw("END", "VALARM");
            }

            lines.Raw("END", "VTODO");
            lines.Raw("END", "VCALENDAR");
            return new EwsItemText(lines.ToString(), losses);
        }

        /// <summary>When the first display or sound alarm fires, UTC: at its DATE-TIME, or relative to DTSTART (or DUE when it says RELATED=END or there is no DTSTART).</summary>
        private static DateTime? Reminder(ContentComponent task, DateTime? start, DateTime? due, List<string> losses)
        {
            DateTime? when = null;
            foreach (var alarm in task.Components.Where(c => c.Is("VALARM")))
            {
                var action = alarm.Property("ACTION")?.Value.Trim().ToUpperInvariant() ?? "DISPLAY";
                var trigger = alarm.Property("TRIGGER");
                DateTime? at = null;
                if (trigger != null)
                {
                    if (string.Equals(trigger.Parameter("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase) && CalendarTimeValue.TryParse(trigger.Value, null, out var absolute))
                        at = DateTime.SpecifyKind(absolute.Value, DateTimeKind.Utc);
                    else if (CalendarFields.Duration(trigger.Value) is TimeSpan offset)
                    {
                        var anchor = string.Equals(trigger.Parameter("RELATED"), "END", StringComparison.OrdinalIgnoreCase) ? due ?? start : start ?? due;
                        if (anchor.HasValue)
                            at = anchor.Value + offset;
                    }
                }

                var what = $"VALARM {action} {trigger?.Value ?? "(no TRIGGER)"}";
                if (when.HasValue)
                    losses.Add($"{what}: Exchange keeps one reminder; not copied.");
                else if (action != "DISPLAY" && action != "AUDIO")
                    losses.Add($"{what}: Exchange reminders only pop up; this alarm was not copied.");
                else if (!at.HasValue)
                    losses.Add($"{what}: it fires relative to a date the task does not have; not copied.");
                else
                    when = at;
            }

            return when;
        }

        /// <summary>Exchange keeps a task's dates as midnight of the owner's zone, in UTC; the nearest midnight gives the date.</summary>
        private static DateTime? Day(DateTime? value) => value.HasValue ? value.Value.AddHours(12).Date : (DateTime?)null;
    }
}
