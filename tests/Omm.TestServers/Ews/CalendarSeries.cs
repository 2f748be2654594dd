using System.Globalization;

namespace Omm.TestServers.Ews;

/// <summary>
/// The occurrences of a calendar item with a t:Recurrence: each pattern date at the master's start time of day in its
/// start time zone (so an occurrence keeps its wall-clock time across a DST change), lasting as long as the master.
/// Indexes are 1-based positions in the pattern's sequence, counting deleted and modified occurrences too.
/// </summary>
internal sealed class CalendarSeries
{
    private readonly RecurrenceRule rule;
    private readonly TimeZoneInfo zone;
    private readonly TimeSpan timeOfDay;
    private readonly TimeSpan duration;

    private CalendarSeries(RecurrenceRule rule, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end)
    {
        this.rule = rule;
        this.zone = zone;
        timeOfDay = TimeZoneInfo.ConvertTime(start, zone).TimeOfDay;
        duration = end - start;
    }

    public bool HasEnd => rule.HasEnd;

    /// <summary>The series of a master (null for an item without a usable recurrence or start).</summary>
    public static CalendarSeries? Of(EwsItem item)
    {
        var properties = item.Properties;
        if (properties == null || RecurrenceRule.Parse(properties.GetValueOrDefault("Recurrence")) is not { } rule)
            return null;
        var zone = CalendarTime.Zone(properties);
        if (CalendarTime.Parse(properties.GetValueOrDefault("Start")?.Value, zone) is not { } start)
            return null;
        var end = CalendarTime.Parse(properties.GetValueOrDefault("End")?.Value, zone) ?? start;
        return new CalendarSeries(rule, zone, start, end);
    }

    public IEnumerable<(int Index, DateTimeOffset Start, DateTimeOffset End)> Occurrences() =>
        rule.Dates().Select((date, i) =>
        {
            var start = CalendarTime.FromWallClock(date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), zone);
            return (i + 1, start, start + duration);
        });

    /// <summary>The occurrence at that 1-based index, or null when the series has fewer.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Occurrence(int index)
    {
        if (index < 1)
            return null;
        foreach (var (i, start, end) in Occurrences())
        {
            if (i == index)
                return (start, end);
        }

        return null;
    }
}
