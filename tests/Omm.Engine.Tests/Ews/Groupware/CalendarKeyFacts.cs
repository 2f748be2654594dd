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
internal sealed class CalendarKeyFacts
{
    private readonly Dictionary<string, VTimeZone> zones;

    private CalendarKeyFacts(Dictionary<string, VTimeZone> zones) => this.zones = zones;

    public static IReadOnlyList<(string Property, string Fact)> Of(string ics)
    {
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var reader = new CalendarKeyFacts(calendar.TimeZones.Where(z => z.TzId != null).GroupBy(z => z.TzId!).ToDictionary(g => g.Key, g => g.First()));
        var facts = new List<(string, string)>();
        foreach (var item in calendar.Events.Cast<RecurringComponent>().Concat(calendar.Todos))
            facts.AddRange(reader.Facts(item));
        return facts.Distinct().ToList();
    }

    private IEnumerable<(string, string)> Facts(RecurringComponent item)
    {
        var key = item.Uid + (item.RecurrenceIdentifier?.StartTime is { } recurrence ? "@" + Time(recurrence) : string.Empty);
        var facts = new List<(string, string)>();
        void Add(string property, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                facts.Add((property, $"{key} {property} {value.Trim()}"));
        }

        Add("SUMMARY", item.Summary);
        Add("DTSTART", Time(item.DtStart));
        if (item.RecurrenceRule is { } rule)
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

        return facts;
    }

    private string? Time(CalDateTime? time)
    {
        if (time == null)
            return null;
        if (!time.HasTime)
            return time.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "(date)";
        return Utc(time).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The instant; a TZID Ical.Net does not know (Outlook's "Pacific Time (US & Canada)") is read from the calendar's own
    /// VTIMEZONE: the offset of the last of its observances (yearly on a weekday of a month) to start before the time.
    /// </summary>
    private DateTime Utc(CalDateTime time)
    {
        try
        {
            return time.AsUtc;
        }
        catch (ArgumentException) when (time.TzId != null && zones.TryGetValue(time.TzId, out var zone))
        {
            var local = time.Value;
            var last = zone.Children.OfType<VTimeZoneInfo>()
                .SelectMany(o => new[] { local.Year - 1, local.Year }.Select(year => (Start: ObservanceStart(o, year), Offset: o.OffsetTo!.Offset)))
                .Where(o => o.Start <= local).OrderBy(o => o.Start).Last();
            return DateTime.SpecifyKind(local - last.Offset, DateTimeKind.Utc);
        }
    }

    private static DateTime ObservanceStart(VTimeZoneInfo observance, int year)
    {
        var first = observance.DtStart!.Value;
        var rule = observance.RecurrenceRule;
        if (rule == null || rule.ByMonth.Count == 0 || rule.ByDay.Count == 0)
            return first.Year <= year ? new DateTime(year, first.Month, first.Day, first.Hour, first.Minute, 0) : DateTime.MaxValue;
        var day = rule.ByDay[0];
        var month = rule.ByMonth[0];
        var candidates = Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => new DateTime(year, month, d)).Where(d => d.DayOfWeek == day.DayOfWeek).ToList();
        var date = day.Offset is int n && n < 0 ? candidates[candidates.Count + n] : candidates[(day.Offset ?? 1) - 1];
        return date + first.TimeOfDay;
    }

    /// <summary>The rule's parts in a fixed order, UNTIL as an instant, WKST=MO (the default) left out.</summary>
    private string Rule(RecurrenceRule rule)
    {
        var parts = (rule.ToString() ?? string.Empty).Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .Where(p => !(p[0] == "WKST" && p[1] == "MO"))
            .Select(p => p[0] == "UNTIL" && rule.Until is { } until ? "UNTIL=" + Time(until) : p[0] + "=" + p[1])
            .OrderBy(p => p, StringComparer.Ordinal);
        return string.Join(";", parts);
    }
}
