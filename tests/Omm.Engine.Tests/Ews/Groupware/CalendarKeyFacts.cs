using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// What must survive a trip of events and tasks through Exchange's typed calendar items and tasks, read by Ical.Net (a
/// parser independent of Omm's): per UID and occurrence, the summary, location, start and end as instants (all-day as
/// dates), the recurrence rule, excluded dates, alarms, attendees, categories, and a task's due date and status.
/// </summary>
internal static class CalendarKeyFacts
{
    public static IReadOnlyList<(string Property, string Fact)> Of(string ics)
    {
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var facts = new List<(string, string)>();
        foreach (var item in calendar.Events.Cast<RecurringComponent>().Concat(calendar.Todos))
        {
            var key = item.Uid + (item.RecurrenceIdentifier?.StartTime is { } recurrence ? "@" + Time(recurrence) : string.Empty);
            void Add(string property, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                    facts.Add((property, $"{key} {property} {value.Trim()}"));
            }

            Add("SUMMARY", item.Summary);
            Add("DTSTART", Time(item.DtStart));
            foreach (var rule in item.RecurrenceRules)
                Add("RRULE", Rule(rule));
            foreach (var excluded in item.ExceptionDates.GetAllDates())
                Add("EXDATE", Time(excluded));
            foreach (var alarm in item.Alarms.Where(a => a.Trigger?.Duration != null))
                Add("VALARM", alarm.Trigger!.Duration.ToString());
            foreach (var attendee in item.Attendees)
                Add("ATTENDEE", attendee.Value?.ToString().ToLowerInvariant());
            foreach (var category in item.Categories)
                Add("CATEGORIES", category);
            if (item is CalendarEvent calendarEvent)
            {
                Add("DTEND", Time(calendarEvent.DtEnd ?? (calendarEvent.Duration is { } duration && calendarEvent.DtStart != null
                    ? calendarEvent.DtStart.Add(duration) : null)));
                Add("LOCATION", calendarEvent.Location);
            }

            if (item is Todo todo)
            {
                Add("DUE", Time(todo.Due));
                Add("STATUS", todo.Status);
            }
        }

        return facts.Distinct().ToList();
    }

    private static string? Time(CalDateTime? time)
    {
        if (time == null)
            return null;
        return time.HasTime ? time.AsUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) : time.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "(date)";
    }

    /// <summary>The rule's parts in a fixed order, UNTIL as an instant, WKST=MO (the default) left out.</summary>
    private static string Rule(RecurrencePattern rule)
    {
        var parts = rule.ToString().Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .Where(p => !(p[0] == "WKST" && p[1] == "MO"))
            .Select(p => p[0] == "UNTIL" && rule.Until is { } until ? "UNTIL=" + Time(until) : p[0] + "=" + p[1])
            .OrderBy(p => p, StringComparer.Ordinal);
        return string.Join(";", parts);
    }
}
