using Omm.Engine.Calendars;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Tests.Calendars;

/// <summary>
/// Damaged .ics text: a property that cannot be read is left out of its component with a warning on its
/// resource; an item that cannot be read costs that item only; only a text with no iCalendar at all is refused.
/// </summary>
public class CalendarRecoveryTests
{
    private const string Zone =
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    [Fact]
    public void A_broken_DTSTART_parameter_costs_DTSTART_not_the_event()
    {
        const string Text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + Zone +                                             // 1-11
            "BEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;TZID=\"Europe/Paris:20240105T090000\r\n" +      // 12-15
            "DTEND;TZID=Europe/Paris:20240105T100000\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var file = CalendarFile.Read(Text);

        var resource = file.Objects.Single();
        Assert.Empty(file.Unreadable);
        Assert.Equal("Standup", resource.Summary);
        Assert.Equal("DTSTART (line 15) was not copied: the quoted value of parameter TZID has no closing '\"'.", resource.Warnings.Single().ToString());
        Assert.False(resource.IsVerbatim);
        Assert.DoesNotContain("DTSTART;", resource.Text);
        Assert.Contains("DTEND;TZID=Europe/Paris:20240105T100000", resource.Text);
        Assert.Contains("TZID:Europe/Paris", resource.Text);
        CalendarFixtureTests.AssertValidResources(file.Objects);
    }

    [Fact]
    public void An_event_that_cannot_be_read_costs_that_event_and_is_named()
    {
        const string Text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" +
            "BEGIN:VEVENT\r\nUID:ok-1\r\nDTSTART:20240101T090000Z\r\nSUMMARY:First\r\nEND:VEVENT\r\n" +                       // 4-8
            "BEGIN:VEVENT\r\nUID:lost\r\nDTSTART:20240102T090000Z\r\nSUMMARY:Cut\\, short\r\n" +                             // 9-12, no END
            "BEGIN:VTODO\r\nUID:task\r\nSUMMARY:Do\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VTODO\r\n" +                       // 13-18, no END:VALARM
            "BEGIN:VEVENT\r\nUID:ok-2\r\nDTSTART:20240103T090000Z\r\nSUMMARY:Last\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var file = CalendarFile.Read(Text);

        Assert.Equal(new[] { "ok-1", "ok-2" }, file.Objects.Select(o => o.Uid));
        Assert.All(file.Objects, o => Assert.Empty(o.Warnings));
        Assert.Equal(new[]
        {
            "event \"Cut, short\" (UID lost) at line 9: line 9: BEGIN:VEVENT has no END:VEVENT (BEGIN:VTODO at line 13 comes first)",
            "task \"Do\" (UID task) at line 13: line 16: BEGIN:VALARM has no END:VALARM (END:VTODO at line 18 comes first)",
        }, file.Unreadable.Select(u => $"{u.Description}: {u}"));
        Assert.Throws<CalendarFormatException>(() => CalendarObject.Split(Text));
    }

    [Fact]
    public void A_time_zone_that_cannot_be_read_is_skipped_and_the_events_using_it_say_so()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + Zone.Replace("END:STANDARD\r\n", "") +
            "BEGIN:VEVENT\r\nUID:e\r\nDTSTART;TZID=Europe/Paris:20240105T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var file = CalendarFile.Read(text);

        Assert.Equal("VTIMEZONE", file.Skipped.Single().Name);
        Assert.Equal("it cannot be read: line 6: BEGIN:STANDARD has no END:STANDARD (END:VTIMEZONE at line 10 comes first)", file.Skipped.Single().Reason);
        Assert.Equal(new[] { "Europe/Paris" }, file.Objects.Single().MissingTimeZones);
    }

    [Fact]
    public void Lines_between_the_items_are_left_out_and_said_once_for_the_file()
    {
        const string Text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" +
            "BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n" +
            "<p>garbage</p>\r\n" +                                       // 7: inside the VCALENDAR, outside any item
            "BEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" +
            "trailing: words\r\n";                                       // 12: outside everything
        var file = CalendarFile.Read(Text);

        Assert.Equal(new[] { "1", "2" }, file.Objects.Select(o => o.Uid));
        Assert.Equal(new[]
        {
            "Line 7 was not copied: it has no ':' between a property name and its value (\"<p>garbage</p>\").",
            "Line 12 was not copied: \"trailing: words\" is outside any BEGIN..END block.",
        }, file.Warnings.Select(w => w.ToString()));
        Assert.All(file.Objects, o => Assert.True(o.IsVerbatim));
    }

    [Fact]
    public void Items_written_without_a_VCALENDAR_around_them_are_read_as_if_in_one()
    {
        var file = CalendarFile.Read("BEGIN:VEVENT\r\nUID:bare\r\nDTSTART:20240101T090000Z\r\nSUMMARY:Bare\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n");
        Assert.Equal(new[] { "bare", "t" }, file.Objects.Select(o => o.Uid));
        CalendarFixtureTests.AssertValidResources(file.Objects);
        Assert.Contains("VERSION:2.0", file.Objects[0].Text);
    }

    [Fact]
    public void What_is_not_a_calendar_item_and_what_remains_of_one_without_BEGIN_are_unreadable()
    {
        const string Text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\nUID:2\r\nSUMMARY:Headless\r\nEND:VEVENT\r\n";
        var file = CalendarFile.Read(Text);
        Assert.Equal("1", file.Objects.Single().Uid);
        Assert.Equal(new[]
        {
            "vCard at line 6: line 6: BEGIN:VCARD in an iCalendar file is not a calendar item",
            "event at line 9: line 9: \"UID:2\"... is what remains of a VEVENT without BEGIN:VEVENT",
        }, file.Unreadable.Select(u => $"{u.Description}: {u}"));
    }

    [Theory]
    [InlineData("", "the text holds no iCalendar data (no BEGIN:VCALENDAR line): it is empty")]
    [InlineData("<html><head><title>404</title></head></html>", "the text holds no iCalendar data (no BEGIN:VCALENDAR line): it looks like an HTML page")]
    [InlineData("BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n", "the text holds no iCalendar data: BEGIN:VCARD at line 1 where BEGIN:VCALENDAR was expected")]
    public void Only_a_text_without_any_iCalendar_is_refused(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<CalendarFormatException>(() => CalendarFile.Read(text)).Problem);
    }

    [Fact]
    public void A_resource_read_from_a_server_with_a_bad_line_is_parsed_without_it_and_not_passed_on_as_it_is()
    {
        var resource = CalendarObject.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-BAD LINE\r\nBEGIN:VEVENT\r\nUID:1\r\nX-ALSO BAD\r\nSUMMARY:S\r\nEND:VEVENT\r\n");
        Assert.Equal(new[] { 1, 4, 7 }, resource.Warnings.Select(w => w.LineNumber));
        Assert.Contains(resource.Warnings, w => w.Problem == "BEGIN:VCALENDAR has no END:VCALENDAR (the text ends at line 9)");
        Assert.False(resource.IsVerbatim);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", resource.Text);
        Assert.True(CalendarObject.Parse(resource.Text).IsVerbatim);
    }
}
