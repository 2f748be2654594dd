namespace Omm.Engine.Tests.Dav;

/// <summary>Small, real-looking vCard 3.0 and iCalendar objects, CRLF-terminated as clients send them.</summary>
public static class DavSamples
{
    public static string Contact(string uid, string given, string family, string? note = null) => Lines(
        "BEGIN:VCARD",
        "VERSION:3.0",
        $"UID:{uid}",
        $"FN:{given} {family}",
        $"N:{family};{given};;;",
        $"EMAIL;TYPE=INTERNET:{given.ToLowerInvariant()}.{family.ToLowerInvariant()}@example.org",
        "TEL;TYPE=CELL:+33 6 12 34 56 78",
        note == null ? null : $"NOTE:{note}",
        "END:VCARD");

    public static string ContactWithoutUid(string given, string family) => Lines(
        "BEGIN:VCARD",
        "VERSION:3.0",
        $"FN:{given} {family}",
        $"N:{family};{given};;;",
        "END:VCARD");

    public static string Event(string uid, string summary, DateTime start) => Lines(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Omm//Tests//EN",
        "BEGIN:VEVENT",
        $"UID:{uid}",
        "DTSTAMP:20260101T080000Z",
        $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}",
        $"DTEND:{start.AddHours(1):yyyyMMdd'T'HHmmss'Z'}",
        $"SUMMARY:{summary}",
        "LOCATION:Room 4",
        "END:VEVENT",
        "END:VCALENDAR");

    public static string Todo(string uid, string summary) => Lines(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Omm//Tests//EN",
        "BEGIN:VTODO",
        $"UID:{uid}",
        "DTSTAMP:20260101T080000Z",
        "DUE;VALUE=DATE:20260115",
        $"SUMMARY:{summary}",
        "STATUS:NEEDS-ACTION",
        "END:VTODO",
        "END:VCALENDAR");

    public const string NotACalendar = "BEGIN:VCALENDAR\r\nthis is not a content line\r\n";

    private static string Lines(params string?[] lines) => string.Join("\r\n", lines.Where(l => l != null)) + "\r\n";
}
