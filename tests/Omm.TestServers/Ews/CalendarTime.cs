using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>Reading calendar times: a time without offset is wall-clock time in the item's start time zone.</summary>
internal static class CalendarTime
{
    /// <summary>The item's start time zone (StartTimeZoneId, StartTimeZone/@Id or MeetingTimeZone/@TimeZoneName; Windows ids work through ICU), else UTC.</summary>
    public static TimeZoneInfo Zone(IReadOnlyDictionary<string, XElement> properties)
    {
        var id = properties.GetValueOrDefault("StartTimeZoneId")?.Value
            ?? (string?)properties.GetValueOrDefault("StartTimeZone")?.Attribute("Id")
            ?? (string?)properties.GetValueOrDefault("MeetingTimeZone")?.Attribute("TimeZoneName");
        if (string.IsNullOrWhiteSpace(id))
            return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public static DateTimeOffset? Parse(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
            return null;
        return value.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
            _ => FromWallClock(value, zone),
        };
    }

    /// <summary>A wall-clock time in the zone as UTC; a time in the spring-forward gap moves on by the gap, as Outlook does.</summary>
    public static DateTimeOffset FromWallClock(DateTime wallClock, TimeZoneInfo zone)
    {
        wallClock = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wallClock))
            wallClock = wallClock.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wallClock, zone), TimeSpan.Zero);
    }
}
