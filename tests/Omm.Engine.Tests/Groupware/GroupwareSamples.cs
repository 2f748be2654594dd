using System.Globalization;

namespace Omm.Engine.Tests.Groupware;

/// <summary>Contacts, events and tasks as clients write them, for seeding source accounts.</summary>
internal static class GroupwareSamples
{
    public static string Contact(int number, string? note = null) =>
        Lines(
            "BEGIN:VCARD",
            "VERSION:3.0",
            $"UID:contact-{number}@omm.test",
            $"FN:Person {number} Müller",
            $"N:Müller;Person {number};;;",
            $"EMAIL;TYPE=INTERNET,WORK:person{number}@work.example",
            $"EMAIL;TYPE=INTERNET,HOME:person{number}@home.example",
            $"TEL;TYPE=CELL:+33 6 00 00 {number:00} 00",
            $"TEL;TYPE=WORK,VOICE:+33 1 00 00 {number:00} 00",
            $"ADR;TYPE=WORK:;;{number} rue de la Paix;Paris;;75002;France",
            "CATEGORIES:Clients,VIP",
            note == null ? null : $"NOTE:{note}",
            "END:VCARD");

    /// <summary>A contact with a photo of that many bytes (seeded from the number, so the same each time), folded as clients fold it.</summary>
    public static string ContactWithPhoto(int number, int photoBytes)
    {
        var photo = new byte[photoBytes];
        new Random(number).NextBytes(photo);
        var base64 = Convert.ToBase64String(photo);
        var folded = string.Join("\r\n ", Enumerable.Range(0, (base64.Length + 71) / 72).Select(i => base64.Substring(i * 72, Math.Min(72, base64.Length - i * 72))));
        return Contact(number).Replace("END:VCARD", "PHOTO;ENCODING=b;TYPE=JPEG:" + folded + "\r\nEND:VCARD", StringComparison.Ordinal);
    }

    public static string Event(int number, string? summary = null) =>
        Lines(
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Omm tests//EN",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Paris",
            "BEGIN:STANDARD",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:event-{number}@omm.test",
            "DTSTAMP:20261101T090000Z",
            $"DTSTART;TZID=Europe/Paris:202612{1 + number % 28:00}T100000",
            $"DTEND;TZID=Europe/Paris:202612{1 + number % 28:00}T113000",
            $"SUMMARY:{summary ?? $"Meeting {number}"}",
            "LOCATION:Salle Été",
            "ORGANIZER;CN=Alice:mailto:alice@omm.test",
            "ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@omm.test",
            "CATEGORIES:Work",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Reminder",
            "TRIGGER:-PT15M",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR");

    /// <summary>A weekly event with one instance moved and one cancelled: master, override and EXDATE in one resource.</summary>
    public static string RecurringEvent(string uid) =>
        Lines(
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Omm tests//EN",
            "BEGIN:VEVENT",
            $"UID:{uid}",
            "DTSTAMP:20261101T090000Z",
            "DTSTART:20261102T090000Z",
            "DTEND:20261102T093000Z",
            "RRULE:FREQ=WEEKLY;COUNT=10",
            "EXDATE:20261116T090000Z",
            "SUMMARY:Weekly stand-up",
            "END:VEVENT",
            "BEGIN:VEVENT",
            $"UID:{uid}",
            "DTSTAMP:20261101T090000Z",
            "RECURRENCE-ID:20261109T090000Z",
            "DTSTART:20261109T140000Z",
            "DTEND:20261109T143000Z",
            "SUMMARY:Weekly stand-up (moved)",
            "END:VEVENT",
            "END:VCALENDAR");

    public static string Todo(int number, string status = "NEEDS-ACTION") =>
        Lines(
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Omm tests//EN",
            "BEGIN:VTODO",
            $"UID:todo-{number}@omm.test",
            "DTSTAMP:20261101T090000Z",
            $"DUE;VALUE=DATE:202612{1 + number % 28:00}",
            $"SUMMARY:Task {number}",
            "PRIORITY:1",
            $"STATUS:{status}",
            "END:VTODO",
            "END:VCALENDAR");

    private static string Lines(params string?[] lines) =>
        string.Join("\r\n", lines.Where(l => l != null)) + "\r\n";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
