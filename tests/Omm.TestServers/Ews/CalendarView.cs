using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// FindItem's m:CalendarView: the calendar items of a folder that overlap [StartDate, EndDate), with each series
/// expanded into its occurrences (exceptions in place of the occurrences they replace, deleted ones left out), by start.
/// Call under the lock.
/// </summary>
internal static class CalendarView
{
    public static List<EwsItemSnapshot> Expand(EwsFolder folder, XElement view)
    {
        var from = EwsXml.ParseDate((string?)view.Attribute("StartDate"))!.Value;
        var to = EwsXml.ParseDate((string?)view.Attribute("EndDate"))!.Value;
        var found = new List<(DateTimeOffset Start, EwsItemSnapshot Item)>();
        foreach (var item in folder.Items.Where(i => i.IsCalendarItem))
        {
            if (CalendarSeries.Of(item) is not { } series)
            {
                if (Span(item) is { } span && Overlaps(span.Start, span.End, from, to))
                    found.Add((span.Start, item.Snapshot()));
                continue;
            }

            foreach (var (index, start, end) in series.Occurrences())
            {
                if (start >= to)
                    break;
                if (item.DeletedOccurrences.Contains(start))
                    continue;
                if (item.Exceptions.FirstOrDefault(e => e.InstanceIndex == index) is { } exception)
                {
                    if (Span(exception) is { } moved && Overlaps(moved.Start, moved.End, from, to))
                        found.Add((moved.Start, exception.Snapshot()));
                }
                else if (Overlaps(start, end, from, to))
                {
                    found.Add((start, GroupwareFields.OccurrenceSnapshot(item, index, start, end)));
                }
            }
        }

        return found.OrderBy(f => f.Start).Select(f => f.Item).ToList();
    }

    /// <summary>m:CalendarView's MaxEntriesReturned, or the FindItem limit.</summary>
    public static int MaxEntries(XElement view) =>
        int.TryParse((string?)view.Attribute("MaxEntriesReturned"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? Math.Min(max, IndexedPage.FindCountLimit) : IndexedPage.FindCountLimit;

    private static (DateTimeOffset Start, DateTimeOffset End)? Span(EwsItem item)
    {
        var zone = CalendarTime.Zone(item.Properties!);
        if (CalendarTime.Parse(item.Properties!.GetValueOrDefault("Start")?.Value, zone) is not { } start)
            return null;
        return (start, CalendarTime.Parse(item.Properties!.GetValueOrDefault("End")?.Value, zone) ?? start);
    }

    private static bool Overlaps(DateTimeOffset start, DateTimeOffset end, DateTimeOffset from, DateTimeOffset to) =>
        start < to && (end > from || (start == end && start >= from));
}
