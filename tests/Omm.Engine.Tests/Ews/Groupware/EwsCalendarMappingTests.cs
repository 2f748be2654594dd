using System.Xml.Linq;
using Ical.Net.CalendarComponents;
using Omm.Engine.Calendars;
using Omm.Engine.Connectors.Ews.Groupware;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

public class EwsCalendarMappingTests
{
    private const string BerlinZone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\n"
                                      + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\n"
                                      + "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    /// <summary>Weekly on Monday 09:00 Berlin time from 4 March 2024, across the change to summer time on 31 March.</summary>
    private static readonly string DstSeries = Calendar(BerlinZone,
        "BEGIN:VEVENT", "UID:dst-series@omm.test", "DTSTAMP:20240101T000000Z", "DTSTART;TZID=Europe/Berlin:20240304T090000", "DTEND;TZID=Europe/Berlin:20240304T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10", "EXDATE;TZID=Europe/Berlin:20240325T090000", "SUMMARY:Weekly sync", "LOCATION:Room 1", "CATEGORIES:Team,Sync",
        "ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ann@example.com", "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:bob@example.com",
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT:mailto:room1@example.com", "ORGANIZER;CN=Olga:mailto:olga@example.com",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT10M", "END:VALARM", "END:VEVENT",
        "BEGIN:VEVENT", "UID:dst-series@omm.test", "DTSTAMP:20240101T000000Z", "RECURRENCE-ID;TZID=Europe/Berlin:20240401T090000",
        "DTSTART;TZID=Europe/Berlin:20240401T090000", "DTEND;TZID=Europe/Berlin:20240401T100000", "SUMMARY:Weekly sync (Easter Monday)", "LOCATION:Room 1",
        "CATEGORIES:Team,Sync", "ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ann@example.com", "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:bob@example.com",
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT:mailto:room1@example.com",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT10M", "END:VALARM", "END:VEVENT",
        "BEGIN:VEVENT", "UID:dst-series@omm.test", "DTSTAMP:20240101T000000Z", "RECURRENCE-ID:20240408T070000Z",
        "DTSTART;TZID=Europe/Berlin:20240408T103000", "DTEND;TZID=Europe/Berlin:20240408T113000", "SUMMARY:Weekly sync", "LOCATION:Room 2", "CATEGORIES:Team,Sync",
        "ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ann@example.com", "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:bob@example.com",
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT:mailto:room1@example.com", "END:VEVENT",
        "BEGIN:VEVENT", "UID:dst-series@omm.test", "DTSTAMP:20240101T000000Z", "RECURRENCE-ID;TZID=Europe/Berlin:20240422T090000", "STATUS:CANCELLED",
        "DTSTART;TZID=Europe/Berlin:20240422T090000", "DTEND;TZID=Europe/Berlin:20240422T100000", "SUMMARY:Weekly sync", "END:VEVENT");

    public static TheoryData<string> IcsFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures("ics", "*.ics"))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>
    /// Every event of every shared .ics: a valid CreateItem, then back (through what GetItem would return) to an
    /// iCalendar object with the same UID, times, recurrence, exceptions, alarm, attendees and categories, or a
    /// loss note naming what differs.
    /// </summary>
    [Theory]
    [MemberData(nameof(IcsFixtures))]
    public void Fixture_events_go_to_exchange_and_back_with_their_facts(string file)
    {
        foreach (var calendar in CalendarObject.Split(File.ReadAllText(Fixture("ics", file))).Where(c => c.Kind == CalendarItemKind.Event))
            AssertRoundTrip(calendar);
    }

    [Fact]
    public void A_series_across_the_change_to_summer_time_numbers_its_occurrences_as_exchange_does()
    {
        var calendar = CalendarObject.Parse(DstSeries);
        var draft = EwsCalendarMapping.ToEws(calendar, new[] { UidProperty(calendar.Uid) });
        Assert.Empty(ValidateCreate(draft.Item));

        // The second method: the series' local times by hand, each turned into UTC by the system's Berlin rules.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var byHand = Enumerable.Range(0, 10).Select(k => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2024, 3, 4, 9, 0, 0).AddDays(7 * k), berlin)).ToList();
        int IndexOf(DateTime utc) => byHand.IndexOf(utc) + 1;

        var occurrences = draft.Occurrences.ToDictionary(o => o.InstanceIndex);
        Assert.Equal(new[] { 4, 5, 6, 8 }, occurrences.Keys.OrderBy(k => k));
        Assert.Equal(4, IndexOf(new DateTime(2024, 3, 25, 8, 0, 0)));
        Assert.Equal(5, IndexOf(new DateTime(2024, 4, 1, 7, 0, 0)));
        Assert.Equal(6, IndexOf(new DateTime(2024, 4, 8, 7, 0, 0)));
        Assert.Equal(8, IndexOf(new DateTime(2024, 4, 22, 7, 0, 0)));
        foreach (var occurrence in draft.Occurrences)
            Assert.Equal(byHand[occurrence.InstanceIndex - 1], occurrence.OriginalStartUtc);

        Assert.True(occurrences[4].Deleted);
        Assert.True(occurrences[8].Deleted);
        Assert.Equal(new[] { "item:Subject" }, Fields(occurrences[5]));
        Assert.Equal("Weekly sync (Easter Monday)", occurrences[5].Changes[0].Descendants(T + "Subject").Single().Value);
        Assert.Equal(new[] { "calendar:Start", "calendar:End", "calendar:Location", "item:ReminderIsSet" }, Fields(occurrences[6]));
        Assert.Equal("2024-04-08T08:30:00Z", occurrences[6].Changes[0].Descendants(T + "Start").Single().Value);
        Assert.Equal("2024-04-08T09:30:00Z", occurrences[6].Changes[1].Descendants(T + "End").Single().Value);
        foreach (var occurrence in draft.Occurrences.Where(o => !o.Deleted))
            Assert.Empty(ValidateOccurrenceUpdate(occurrence));

        var item = draft.Item;
        Assert.Equal("2024-03-04T08:00:00Z", item.Element(T + "Start")!.Value);
        Assert.Equal("W. Europe Standard Time", item.Element(T + "StartTimeZone")!.Attribute("Id")!.Value);
        Assert.Equal("10", item.Element(T + "ReminderMinutesBeforeStart")!.Value);
        Assert.Equal("Monday", item.Descendants(T + "DaysOfWeek").Single().Value);
        Assert.Equal("10", item.Descendants(T + "NumberOfOccurrences").Single().Value);
        Assert.Equal("2024-03-04", item.Descendants(T + "StartDate").Single().Value);
        Assert.Equal(new[] { "ann@example.com" }, item.Element(T + "RequiredAttendees")!.Descendants(T + "EmailAddress").Select(e => e.Value));
        Assert.Equal("Accept", item.Element(T + "RequiredAttendees")!.Descendants(T + "ResponseType").Single().Value);
        Assert.Equal(new[] { "bob@example.com" }, item.Element(T + "OptionalAttendees")!.Descendants(T + "EmailAddress").Select(e => e.Value));
        Assert.Equal(new[] { "room1@example.com" }, item.Element(T + "Resources")!.Descendants(T + "EmailAddress").Select(e => e.Value));
        Assert.Contains(draft.Losses, l => l.StartsWith("ORGANIZER mailto:olga@example.com (Olga): Exchange makes the mailbox owner the organizer", StringComparison.Ordinal));
        Assert.Single(draft.Losses);

        var expected = byHand.Select((utc, i) => (Index: i + 1, Utc: utc)).Where(o => o.Index != 4 && o.Index != 8)
            .Select(o => o.Index == 6 ? new DateTime(2024, 4, 8, 8, 30, 0, DateTimeKind.Utc) : o.Utc).ToList();
        AssertRoundTrip(calendar, expected);
    }

    /// <summary>Last Friday of the month in New York, with the change back to standard time in November between two overrides.</summary>
    [Fact]
    public void A_monthly_last_friday_series_in_new_york_finds_its_occurrences_after_the_change_to_winter_time()
    {
        var text = Calendar("",
            "BEGIN:VEVENT", "UID:ny@omm.test", "DTSTAMP:20240101T000000Z", "DTSTART;TZID=America/New_York:20240927T170000", "DURATION:PT30M",
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20250301T000000Z", "EXDATE;TZID=America/New_York:20241227T170000", "SUMMARY:Month end", "END:VEVENT",
            "BEGIN:VEVENT", "UID:ny@omm.test", "DTSTAMP:20240101T000000Z", "RECURRENCE-ID;TZID=America/New_York:20241129T170000",
            "DTSTART;TZID=America/New_York:20241128T170000", "DURATION:PT30M", "SUMMARY:Month end (Thanksgiving)", "END:VEVENT");
        var calendar = CalendarObject.Parse(text);
        var draft = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.Empty(draft.Losses);
        Assert.Empty(ValidateCreate(draft.Item));
        var pattern = draft.Item.Descendants(T + "RelativeMonthlyRecurrence").Single();
        Assert.Equal("Friday", pattern.Element(T + "DaysOfWeek")!.Value);
        Assert.Equal("Last", pattern.Element(T + "DayOfWeekIndex")!.Value);
        Assert.Equal("2025-02-28", draft.Item.Descendants(T + "EndDate").Single().Value);

        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var byHand = new List<DateTime>();
        for (var month = new DateTime(2024, 9, 1); month < new DateTime(2025, 3, 1); month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            while (last.DayOfWeek != DayOfWeek.Friday)
                last = last.AddDays(-1);
            byHand.Add(TimeZoneInfo.ConvertTimeToUtc(last.AddHours(17), newYork));
        }

        var thanksgiving = draft.Occurrences.Single(o => !o.Deleted);
        var december = draft.Occurrences.Single(o => o.Deleted);
        Assert.Equal(byHand.IndexOf(new DateTime(2024, 11, 29, 22, 0, 0)) + 1, thanksgiving.InstanceIndex);
        Assert.Equal(byHand.IndexOf(new DateTime(2024, 12, 27, 22, 0, 0)) + 1, december.InstanceIndex);
        Assert.Equal(3, thanksgiving.InstanceIndex);
        Assert.Equal("2024-11-28T22:00:00Z", thanksgiving.Changes.Single(c => c.Descendants(T + "Start").Any()).Descendants(T + "Start").Single().Value);
        AssertRoundTrip(calendar);
    }

    [Theory]
    [InlineData("FREQ=HOURLY;COUNT=3", "FREQ=HOURLY")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,WE;BYSETPOS=2", "BYSETPOS=2 over MO,WE")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,15", "BYMONTHDAY=1,15")]
    [InlineData("FREQ=DAILY;BYHOUR=9,17", "it uses BYHOUR")]
    [InlineData("FREQ=YEARLY;BYMONTH=1,7", "a yearly rule in several months")]
    [InlineData("FREQ=MONTHLY;BYDAY=2MO,4MO", "BYDAY=2MO,4MO")]
    [InlineData("FREQ=MONTHLY;BYDAY=5FR", "the 5th Friday of the month")]
    public void A_rule_exchange_cannot_express_makes_a_single_event_and_says_why(string rule, string reason)
    {
        var calendar = CalendarObject.Parse(Calendar("", "BEGIN:VEVENT", "UID:r@omm.test", "DTSTAMP:20240101T000000Z", "DTSTART:20240105T090000Z", "DTEND:20240105T100000Z",
            "RRULE:" + rule, "SUMMARY:R", "END:VEVENT"));
        var draft = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.Null(draft.Item.Element(T + "Recurrence"));
        var loss = Assert.Single(draft.Losses);
        Assert.StartsWith("RRULE " + rule + ": ", loss, StringComparison.Ordinal);
        Assert.Contains(reason, loss, StringComparison.Ordinal);
        Assert.Empty(ValidateCreate(draft.Item));
    }

    [Theory]
    [InlineData("FREQ=DAILY;INTERVAL=3;COUNT=5", "DailyRecurrence")]
    [InlineData("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "WeeklyRecurrence")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,MO;WKST=SU", "WeeklyRecurrence")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=5", "AbsoluteMonthlyRecurrence")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", "RelativeMonthlyRecurrence")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "RelativeMonthlyRecurrence")]
    [InlineData("FREQ=MONTHLY;BYDAY=1FR", "RelativeMonthlyRecurrence")]
    [InlineData("FREQ=YEARLY", "AbsoluteYearlyRecurrence")]
    [InlineData("FREQ=YEARLY;BYMONTH=1;BYDAY=1FR", "RelativeYearlyRecurrence")]
    [InlineData("FREQ=YEARLY;INTERVAL=2;UNTIL=20300101T000000Z", "AbsoluteMonthlyRecurrence")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;COUNT=14", "AbsoluteMonthlyRecurrence")]
    public void Rules_exchange_can_express_keep_their_occurrences(string rule, string pattern)
    {
        var calendar = CalendarObject.Parse(Calendar(BerlinZone, "BEGIN:VEVENT", "UID:k@omm.test", "DTSTAMP:20240101T000000Z", "DTSTART;TZID=Europe/Berlin:20240105T090000",
            "DTEND;TZID=Europe/Berlin:20240105T100000", "RRULE:" + rule, "SUMMARY:K", "END:VEVENT"));
        var draft = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.NotNull(draft.Item.Element(T + "Recurrence")!.Element(T + pattern));
        Assert.Empty(ValidateCreate(draft.Item));
        AssertRoundTrip(calendar);
    }

    [Fact]
    public void A_recorded_recurring_master_becomes_a_weekly_series_with_its_reminder()
    {
        var master = RecordedItem("ex2019cu15-testRecurringEventSupport-04-GetItemResponse.xml", "CalendarItem");
        var occurrence = XDocument.Load(Fixture(Path.Combine("ews", "items"), "ex2019cu15-testRecurringEventSupport-05-FindItemResponse.xml"))
            .Descendants(T + "CalendarItem").Single(c => (string?)c.Element(T + "RecurrenceId") == "2025-07-16T10:00:00Z");
        var back = EwsCalendarMapping.FromEws(master, new[] { occurrence }, "fallback");
        var calendar = CalendarObject.Parse(back.Text);
        Assert.Equal("040000008200E00074C5B7101A82E008000000001AF45EF9C7EDDB01000000000000000010000000F73231FC2ADB164D941E037E14477E38", calendar.Uid);
        var main = calendar.Components[0];
        Assert.Equal("Weekly Team Meeting", main.Property("SUMMARY")!.Value);
        Assert.Equal("20250702T100000Z", main.Property("DTSTART")!.Value);
        Assert.Equal("20250702T110000Z", main.Property("DTEND")!.Value);
        Assert.Equal("FREQ=WEEKLY;BYDAY=WE;COUNT=4", main.Property("RRULE")!.Value);
        Assert.Equal("Conference Room A", main.Property("LOCATION")!.Value);
        Assert.Equal("OPAQUE", main.Property("TRANSP")!.Value);
        Assert.Equal("-PT15M", main.Components.Single(c => c.Is("VALARM")).Property("TRIGGER")!.Value);
        var exception = calendar.Components[1];
        Assert.Equal("20250716T100000Z", exception.Property("RECURRENCE-ID")!.Value);
        Assert.Equal("20250716T100000Z", exception.Property("DTSTART")!.Value);
        Assert.Equal("Weekly Team Meeting", exception.Property("SUMMARY")!.Value);
        Assert.Empty(back.Losses);
        Assert.Equal(4, Ical.Net.Calendar.Load(back.Text)!.Events.First(e => e.RecurrenceIdentifier == null).GetOccurrences().Count());
    }

    [Theory]
    [InlineData("ex2019cu15-testCalendarTimezoneHandling-04-FindItemResponse.xml", "Timezone Test Meeting", "20150701T120000Z", "20150701T130000Z", null)]
    [InlineData("ex2019cu15-testCalendarInternationalCharacters-04-FindItemResponse.xml", "Réunion équipe - Café & Discusion", "20250701T160000Z", "20250701T170000Z", "Salle de réunion #1")]
    [InlineData("exo2020-testUpdateCalendarItem-05-FindItemResponse.xml", "Test Updated Calendar Item", "20150701T080000Z", "20150701T090000Z", null)]
    public void Recorded_single_events_keep_their_times_in_utc(string file, string summary, string start, string end, string? location)
    {
        var back = EwsCalendarMapping.FromEws(RecordedItem(file, "CalendarItem"), Array.Empty<XElement>(), "fallback");
        var calendar = CalendarObject.Parse(back.Text);
        var main = calendar.Components.Single();
        Assert.Equal(summary, Omm.Engine.ContentLines.ContentLineText.Unescape(main.Property("SUMMARY")!.Value));
        Assert.Equal(start, main.Property("DTSTART")!.Value);
        Assert.Equal(end, main.Property("DTEND")!.Value);
        Assert.Equal(location, main.Property("LOCATION")?.Value);
        Assert.Null(main.Property("ORGANIZER"));
        Assert.Empty(back.Losses);
    }

    /// <summary>A master as GetItem gives it with its zone, deleted and modified occurrences: VTIMEZONE, EXDATE and RECURRENCE-ID in the zone.</summary>
    [Fact]
    public void A_master_with_its_zone_and_exceptions_becomes_a_zoned_calendar_object()
    {
        var master = XElement.Parse("""
            <t:CalendarItem xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <t:Subject>Stand-up</t:Subject><t:Sensitivity>Private</t:Sensitivity><t:Body BodyType="Text">Daily</t:Body>
              <t:Categories><t:String>Team</t:String></t:Categories><t:Importance>High</t:Importance>
              <t:ReminderIsSet>false</t:ReminderIsSet><t:UID>abc-123</t:UID>
              <t:Start>2024-10-21T07:30:00Z</t:Start><t:End>2024-10-21T07:45:00Z</t:End><t:IsAllDayEvent>false</t:IsAllDayEvent>
              <t:LegacyFreeBusyStatus>Tentative</t:LegacyFreeBusyStatus><t:Location>Hall</t:Location>
              <t:Organizer><t:Mailbox><t:Name>Olga</t:Name><t:EmailAddress>olga@example.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:Organizer>
              <t:RequiredAttendees><t:Attendee><t:Mailbox><t:Name>Ann</t:Name><t:EmailAddress>ann@example.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox><t:ResponseType>Tentative</t:ResponseType></t:Attendee></t:RequiredAttendees>
              <t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday Wednesday Friday</t:DaysOfWeek><t:FirstDayOfWeek>Monday</t:FirstDayOfWeek></t:WeeklyRecurrence>
                <t:EndDateRecurrence><t:StartDate>2024-10-21</t:StartDate><t:EndDate>2024-11-08</t:EndDate></t:EndDateRecurrence></t:Recurrence>
              <t:DeletedOccurrences><t:DeletedOccurrence><t:Start>2024-10-28T08:30:00Z</t:Start></t:DeletedOccurrence></t:DeletedOccurrences>
              <t:StartTimeZone Id="W. Europe Standard Time" Name="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"/>
              <t:EndTimeZone Id="W. Europe Standard Time"/>
            </t:CalendarItem>
            """);
        var exception = XElement.Parse("""
            <t:CalendarItem xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <t:Subject>Stand-up (late)</t:Subject><t:Sensitivity>Private</t:Sensitivity><t:ReminderIsSet>true</t:ReminderIsSet><t:ReminderMinutesBeforeStart>5</t:ReminderMinutesBeforeStart>
              <t:Start>2024-10-30T09:00:00Z</t:Start><t:End>2024-10-30T09:15:00Z</t:End><t:OriginalStart>2024-10-30T08:30:00Z</t:OriginalStart>
              <t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus><t:Location>Hall</t:Location>
            </t:CalendarItem>
            """);
        var back = EwsCalendarMapping.FromEws(master, new[] { exception }, "fallback");
        Assert.Empty(back.Losses);
        var calendar = CalendarObject.Parse(back.Text);
        Assert.Empty(calendar.MissingTimeZones);
        var main = calendar.Components[0];
        Assert.Equal("Europe/Berlin", main.Property("DTSTART")!.Parameter("TZID"));
        Assert.Equal("20241021T093000", main.Property("DTSTART")!.Value);
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO,WE,FR;WKST=MO;UNTIL=20241108T083000Z", main.Property("RRULE")!.Value);
        Assert.Equal("20241028T093000", main.Property("EXDATE")!.Value);
        Assert.Equal("PRIVATE", main.Property("CLASS")!.Value);
        Assert.Equal("1", main.Property("PRIORITY")!.Value);
        Assert.Equal("TENTATIVE", main.Property("X-MICROSOFT-CDO-BUSYSTATUS")!.Value);
        Assert.Equal("mailto:olga@example.com", main.Property("ORGANIZER")!.Value);
        var attendee = main.Property("ATTENDEE")!;
        Assert.Equal("TENTATIVE", attendee.Parameter("PARTSTAT"));
        Assert.Equal("REQ-PARTICIPANT", attendee.Parameter("ROLE"));
        Assert.Empty(main.Components);
        var changed = calendar.Components[1];
        Assert.Equal("20241030T093000", changed.Property("RECURRENCE-ID")!.Value);
        Assert.Equal("Europe/Berlin", changed.Property("RECURRENCE-ID")!.Parameter("TZID"));
        Assert.Equal("20241030T100000", changed.Property("DTSTART")!.Value);
        Assert.Equal("-PT5M", changed.Components.Single().Property("TRIGGER")!.Value);

        // Ical.Net agrees: 9 occurrences less the deleted one, the exception moved; all at 09:30 Berlin whether summer or winter time.
        var loaded = Ical.Net.Calendar.Load(back.Text)!;
        var starts = loaded.GetOccurrences<CalendarEvent>().Select(o => o.Period.StartTime.AsUtc).ToList();
        Assert.Equal(8, starts.Count);
        Assert.Contains(new DateTime(2024, 10, 21, 7, 30, 0, DateTimeKind.Utc), starts);
        Assert.Contains(new DateTime(2024, 11, 4, 8, 30, 0, DateTimeKind.Utc), starts);
        Assert.Contains(new DateTime(2024, 10, 30, 9, 0, 0, DateTimeKind.Utc), starts);
        Assert.DoesNotContain(new DateTime(2024, 10, 28, 8, 30, 0, DateTimeKind.Utc), starts);

        // And back to Exchange: the same series and the same occurrence changes.
        var again = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.Equal(2, again.Losses.Count);
        Assert.StartsWith("ORGANIZER mailto:olga@example.com (Olga): ", again.Losses[0], StringComparison.Ordinal);
        Assert.StartsWith("RECURRENCE-ID 20241030T093000: its attendees differ from the series'", again.Losses[1], StringComparison.Ordinal);
        Assert.Equal(new[] { (4, true), (5, false) }, again.Occurrences.Select(o => (o.InstanceIndex, o.Deleted)));
    }

    [Fact]
    public void An_unknown_tzid_is_a_loss_note_and_its_times_are_utc()
    {
        var calendar = CalendarObject.Parse(Calendar("", "BEGIN:VEVENT", "UID:u@omm.test", "DTSTAMP:20240101T000000Z", "DTSTART;TZID=Somewhere Else:20240105T090000",
            "DTEND;TZID=Somewhere Else:20240105T100000", "SUMMARY:U", "END:VEVENT"));
        var draft = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.Equal("2024-01-05T09:00:00Z", draft.Item.Element(T + "Start")!.Value);
        Assert.Equal("UTC", draft.Item.Element(T + "StartTimeZone")!.Attribute("Id")!.Value);
        Assert.Equal(new[] { "TZID Somewhere Else: neither a known time zone nor defined in the item; its times were taken as UTC." }, draft.Losses);
    }

    [Fact]
    public void An_outlook_display_name_tzid_finds_its_windows_zone_by_its_vtimezone()
    {
        var zone = "BEGIN:VTIMEZONE\r\nTZID:(UTC+01:00) Amsterdam\\, Berlin\\, Bern\\, Rome\\, Stockholm\\, Vienna\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
                   + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
                   + "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";
        var tzid = "\"(UTC+01:00) Amsterdam\\, Berlin\\, Bern\\, Rome\\, Stockholm\\, Vienna\"";
        var calendar = CalendarObject.Parse(Calendar(zone, "BEGIN:VEVENT", "UID:o@omm.test", "DTSTAMP:20240101T000000Z", $"DTSTART;TZID={tzid}:20240705T090000",
            $"DTEND;TZID={tzid}:20240705T100000", "SUMMARY:O", "END:VEVENT"));
        var draft = EwsCalendarMapping.ToEws(calendar, Array.Empty<XElement>());
        Assert.Empty(draft.Losses);
        Assert.Equal("W. Europe Standard Time", draft.Item.Element(T + "StartTimeZone")!.Attribute("Id")!.Value);
        Assert.Equal("2024-07-05T07:00:00Z", draft.Item.Element(T + "Start")!.Value);
    }

    private static IEnumerable<string> Fields(EwsOccurrenceChange change) => change.Changes.Select(c => c.Element(T + "FieldURI")!.Attribute("FieldURI")!.Value);

    internal static string Calendar(string zones, params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\n" + zones + string.Join("\r\n", lines) + "\r\nEND:VCALENDAR\r\n";

    /// <summary>To Exchange and back through <see cref="SimulatedExchangeCalendar"/>: the facts that must survive, each compared or named in a loss note.</summary>
    /// <param name="expectedStarts">The series' starts when Ical.Net cannot say them (it keeps a STATUS:CANCELLED override, and does not match a RECURRENCE-ID written in UTC to a zoned series).</param>
    private static void AssertRoundTrip(CalendarObject original, IReadOnlyList<DateTime>? expectedStarts = null)
    {
        var draft = EwsCalendarMapping.ToEws(original, Array.Empty<XElement>());
        Assert.Empty(ValidateCreate(draft.Item));
        foreach (var change in draft.Occurrences.Where(o => !o.Deleted))
            Assert.Empty(ValidateOccurrenceUpdate(change));
        var (master, exceptions) = SimulatedExchangeCalendar.Store(draft);
        var back = EwsCalendarMapping.FromEws(master, exceptions, "fallback");
        var copy = CalendarObject.Parse(back.Text);
        Assert.Empty(copy.MissingTimeZones);
        Assert.Equal(original.Uid, copy.Uid);
        bool Lost(string what) => draft.Losses.Any(l => l.StartsWith(what, StringComparison.Ordinal));

        var before = Ical.Net.Calendar.Load(original.Text)!;
        var after = Ical.Net.Calendar.Load(back.Text)!;
        var first = before.Events.First(e => e.RecurrenceIdentifier == null);
        var second = after.Events.First(e => e.RecurrenceIdentifier == null);
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Location ?? "", second.Location ?? "");
        Assert.Equal((first.Description ?? "").Trim(), (second.Description ?? "").Trim());
        Assert.Equal(first.Categories, second.Categories);
        if (!Lost("TZID") && !original.Text.Contains("DTSTART:", StringComparison.Ordinal) || first.DtStart!.IsUtc)
            Assert.Equal(first.DtStart!.AsUtc, second.DtStart!.AsUtc);
        Assert.Equal(first.IsAllDay, second.IsAllDay);
        Assert.Equal(first.Attendees.Select(a => a.Value!.ToString().ToLowerInvariant()).Order(), second.Attendees.Select(a => a.Value!.ToString().ToLowerInvariant()).Order());
        var alarm = first.Alarms.FirstOrDefault();
        if (alarm != null && !Lost("VALARM"))
            Assert.Equal(alarm.Trigger!.Duration!.Value.ToTimeSpanUnspecified(), second.Alarms.Single().Trigger!.Duration!.Value.ToTimeSpanUnspecified());
        if (expectedStarts != null)
        {
            Assert.Equal(expectedStarts, after.GetOccurrences<CalendarEvent>().Take(40).Select(o => o.Period.StartTime.AsUtc).ToList());
        }
        else if (first.RecurrenceRule != null && !Lost("RRULE"))
        {
            var expected = before.GetOccurrences<CalendarEvent>().Take(40).Select(o => (o.Period.StartTime.AsUtc, ((CalendarEvent)o.Source).Summary)).ToList();
            var actual = after.GetOccurrences<CalendarEvent>().Take(40).Select(o => (o.Period.StartTime.AsUtc, ((CalendarEvent)o.Source).Summary)).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
