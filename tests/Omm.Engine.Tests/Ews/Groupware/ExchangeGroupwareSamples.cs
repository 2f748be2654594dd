namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>Events, tasks and contacts made for the Exchange tests: what the shared fixtures lack (a series with exceptions across a DST change, a meeting).</summary>
internal static class ExchangeGroupwareSamples
{
    public const string SeriesUid = "series-0f3c@omm.test";
    public const string MeetingUid = "meeting-77a1@omm.test";
    public const string TaskUid = "task-5e2b@omm.test";

    /// <summary>
    /// A weekly meeting in Paris time over the 29 March 2026 change to summer time, ten times: the 4th occurrence
    /// excluded, the 6th moved an hour later and renamed; with two attendees, an alarm and categories. An all-day event,
    /// a one-off meeting and a task with a due date beside it.
    /// </summary>
    public const string Calendar = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Omm tests//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Paris
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:series-0f3c@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly review
        LOCATION:Room 4
        DTSTART;TZID=Europe/Paris:20260310T100000
        DTEND;TZID=Europe/Paris:20260310T110000
        RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU
        EXDATE;TZID=Europe/Paris:20260331T100000
        ORGANIZER;CN=June:mailto:june@contoso.test
        ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ann@example.com
        ATTENDEE;CN=Bo;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:bo@example.com
        CATEGORIES:Team,Review
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:Reminder
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:series-0f3c@omm.test
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID;TZID=Europe/Paris:20260414T100000
        SUMMARY:Weekly review (moved)
        LOCATION:Room 4
        DTSTART;TZID=Europe/Paris:20260414T110000
        DTEND;TZID=Europe/Paris:20260414T120000
        ORGANIZER;CN=June:mailto:june@contoso.test
        ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ann@example.com
        ATTENDEE;CN=Bo;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:bo@example.com
        CATEGORIES:Team,Review
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-19c4@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Offsite
        DTSTART;VALUE=DATE:20260520
        DTEND;VALUE=DATE:20260522
        END:VEVENT
        BEGIN:VEVENT
        UID:meeting-77a1@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Budget
        DTSTART:20260605T080000Z
        DTEND:20260605T090000Z
        ORGANIZER;CN=June:mailto:june@contoso.test
        ATTENDEE;CN=Carl;ROLE=REQ-PARTICIPANT:mailto:carl@example.com
        END:VEVENT
        BEGIN:VTODO
        UID:task-5e2b@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Send the minutes
        DUE;VALUE=DATE:20260612
        STATUS:NEEDS-ACTION
        PRIORITY:1
        END:VTODO
        END:VCALENDAR
        """;
}
