using System.Globalization;
using Calendar = Ical.Net.Calendar;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Omm.Engine.Tests.Calendars;

/// <summary>
/// What Ical.Net (an independent parser) reads from iCalendar text: one line per VEVENT/VTODO/VJOURNAL with
/// its UID, summary, times and their zones, recurrence, overrides, alarms, attendees, organizer, categories,
/// description and location.
/// </summary>
internal static class IcalNetOracle
{
    public static List<string> Describe(string ics, bool withUid = true)
    {
        var calendar = Calendar.Load(ics)!;
        var items = calendar.Events.Cast<RecurringComponent>().Concat(calendar.Todos).Concat(calendar.Journals);
        return items.Select(item => Describe(item, withUid)).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every resource loaded on its own, the descriptions together.</summary>
    public static List<string> Describe(IEnumerable<string> resources, bool withUid = true) =>
        resources.SelectMany(r => Describe(r, withUid)).OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>The TZIDs of the item's times and the TZIDs of the VTIMEZONEs of its calendar.</summary>
    public static (HashSet<string> Used, HashSet<string> Defined) TimeZones(string ics)
    {
        var calendar = Calendar.Load(ics)!;
        var used = new HashSet<string>();
        foreach (var item in calendar.Events.Cast<RecurringComponent>().Concat(calendar.Todos).Concat(calendar.Journals))
        {
            foreach (var time in new[] { item.DtStart, item.RecurrenceIdentifier?.StartTime, (item as CalendarEvent)?.DtEnd, (item as Todo)?.Due }.Concat(item.ExceptionDates.GetAllDates()))
            {
                if (time?.TzId != null && time.TzId != "UTC")
                    used.Add(time.TzId);
            }
        }

        return (used, calendar.TimeZones.Select(z => z.TzId!).ToHashSet());
    }

    private static string Describe(RecurringComponent item, bool withUid)
    {
        var parts = new List<string>
        {
            item.Name!,
            withUid ? "uid=" + item.Uid : "",
            "summary=" + item.Summary,
            "description=" + item.Description,
            "categories=" + string.Join(",", item.Categories),
            "start=" + Time(item.DtStart),
            "recurrence-id=" + Time(item.RecurrenceIdentifier?.StartTime) + "/" + item.RecurrenceIdentifier?.Range,
            "rrule=" + item.RecurrenceRule,
            "exdate=" + string.Join(",", item.ExceptionDates.GetAllDates().Select(Time)),
            "organizer=" + item.Organizer?.Value + "/" + item.Organizer?.CommonName,
            "attendees=" + string.Join(",", item.Attendees.Select(a => $"{a.Value}/{a.CommonName}/{a.Role}/{a.Rsvp}")),
            "alarms=" + string.Join(",", item.Alarms.Select(a => $"{a.Action}/{a.Trigger?.Duration}/{Time(a.Trigger?.DateTime)}/{a.Description}")),
        };
        if (item is CalendarEvent calendarEvent)
            parts.AddRange(new[] { "end=" + Time(calendarEvent.DtEnd), "duration=" + calendarEvent.Duration, "location=" + calendarEvent.Location });
        if (item is Todo todo)
            parts.AddRange(new[] { "due=" + Time(todo.Due), "duration=" + todo.Duration });
        return string.Join("; ", parts);
    }

    private static string Time(CalDateTime? time)
    {
        if (time == null)
            return "-";
        string utc;
        try
        {
            utc = time.AsUtc.ToString("s", CultureInfo.InvariantCulture);
        }
        catch (Exception e)
        {
            utc = "?" + e.GetType().Name;
        }

        return $"{time.Value.ToString("s", CultureInfo.InvariantCulture)}{(time.HasTime ? "" : "(date)")}[{time.TzId}]={utc}";
    }
}
