using Omm.Engine.Calendars;
using Omm.Engine.ContentLines;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Calendars;

/// <summary>The real .ics files split into CalDAV resources, checked against what Ical.Net reads from the file.</summary>
public class CalendarFixtureTests
{
    [Theory]
    [MemberData(nameof(CalendarFixtures.All), MemberType = typeof(CalendarFixtures))]
    public void Every_fixture_splits_into_resources_Ical_Net_reads_as_the_file(string name)
    {
        var original = CalendarFixtures.Text(name);
        using var stream = File.OpenRead(CalendarFixtures.PathOf(name));
        var objects = CalendarObject.Split(stream);
        Assert.NotEmpty(objects);
        AssertValidResources(objects);
        Assert.Equal(IcalNetOracle.Describe(original), IcalNetOracle.Describe(objects.Select(o => o.Text)));
        Assert.Equal(IcalNetOracle.Describe(original), IcalNetOracle.Describe(string.Concat(objects.Select(o => o.Text)).Replace("END:VCALENDAR\r\nBEGIN:VCALENDAR\r\n", "")));
    }

    [Fact]
    public void Outlook_2010_request_loses_its_METHOD_and_keeps_its_time_zone()
    {
        var file = CalendarFile.Read(CalendarFixtures.Text("outlook-2010.ics"));
        Assert.Contains(file.CalendarProperties, p => p.Is("METHOD") && p.Value == "REQUEST");
        var meeting = file.Objects.Single();
        Assert.Equal("040000009200E00074C5B7101A82E00800000000C0383BE68041CE01000000000000000" + "01000000070D00A2F625AC34BB6542DE0D19E67E1", meeting.Uid);
        Assert.False(meeting.UidWasAssigned);
        Assert.Equal(CalendarItemKind.Event, meeting.Kind);
        Assert.Equal("Team Meeting", meeting.Summary);
        Assert.Empty(meeting.MissingTimeZones);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 14.0 MIMEDIR//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n", meeting.Text);
        Assert.Contains("\r\nDTSTART;TZID=Eastern Standard Time:20130610T120000\r\n", meeting.Text);
        Assert.Contains("\r\nATTENDEE;CN=\"Doe, John\";ROLE=OPT-PARTICIPANT;RSVP=FALSE:mailto:johndoe@exam", meeting.Text);
        var description = IcalNetOracle.Describe(meeting.Text).Single();
        Assert.Contains("description=Meeting will discuss objectives for next project.\nWill include a presentation and food.", description);
        Assert.Contains("organizer=mailto:bobsmith@example.com/Smith, Bob", description);
        Assert.Contains("attendees=mailto:johndoe@example.com/Doe, John/OPT-PARTICIPANT/False,mailto:janedoe@example.com/Doe, Jane/CHAIR/True", description);
        Assert.Contains("start=2013-06-10T12:00:00[Eastern Standard Time]=2013-06-10T16:00:00", description);
    }

    [Fact]
    public void Google_and_Outlook_2007_items_hold_what_the_files_say()
    {
        var google = CalendarObject.Split(CalendarFixtures.Text("google1.ics")).Single();
        Assert.Equal("594oeajmftl3r9qlkb476rpr3c@google.com", google.Uid);
        Assert.Equal("Zähne putzen", google.Summary);
        Assert.Contains("\r\nCALSCALE:GREGORIAN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n", google.Text);
        Assert.Contains("\r\nRRULE:FREQ=DAILY;WKST=MO\r\n", google.Text);
        Assert.DoesNotContain("X-WR-", google.Text);
        Assert.Equal("Test Calendar", CalendarFile.Read(CalendarFixtures.Text("google1.ics")).CalendarName);

        var outlook = CalendarObject.Split(CalendarFixtures.Text("outlook2007-linefolds.ics")).Single();
        Assert.Equal("Example Calendar Export that Blows Up DDay.iCal", outlook.Summary);
        var description = IcalNetOracle.Describe(outlook.Text).Single();
        Assert.Contains("location=The Exceptionally Long Named Meeting Room Whose Name Wraps Over Several Lines When Exported From Leading Calendar and Office Software Application Microsoft Office 2007", description);
        Assert.Contains("start=2009-06-21T00:00:00(date)", description);
        Assert.Contains("alarms=DISPLAY/-PT1080M/-/Reminder", description);
        Assert.Contains("mailto:4th.floor.meeting.room@somewhere.com/4th Floor Meeting Room/NON-PARTICIPANT/True", description);
    }

    [Fact]
    public void RFC_5545_examples_keep_their_values()
    {
        var first = CalendarObject.Split(CalendarFixtures.Text("rfc5545-example1.ics")).Single();
        Assert.Contains("\r\nDESCRIPTION:Networld+Interop Conferenceand Exhibit\\nAtlanta World Congress Center\\nAtlanta\\, Georgia\r\n", first.Text.Replace("\r\n ", ""));
        var third = CalendarObject.Split(CalendarFixtures.Text("rfc5545-example3.ics")).Single();
        Assert.DoesNotContain("METHOD", third.Text);
        Assert.Contains("\r\nATTACH;FMTTYPE=application/postscript:ftp://example.com/pub/conf/bkgrnd.ps\r\n", third.Text);
        Assert.Contains("categories=MEETING,PROJECT", IcalNetOracle.Describe(third.Text).Single());
    }

    /// <summary>RFC 4791 §4.1: one UID per resource and no two resources with one UID, no METHOD, a VTIMEZONE for each TZID used; lines folded.</summary>
    internal static void AssertValidResources(IReadOnlyList<CalendarObject> objects, bool checkWithIcalNet = true)
    {
        Assert.Equal(objects.Count, objects.Select(o => o.Uid).Distinct().Count());
        foreach (var resource in objects)
        {
            ContentLineWriterTests.AssertFolded(resource.Text);
            var calendar = ContentLineReader.Read(resource.Text).Components.Single();
            Assert.Equal("VCALENDAR", calendar.Name);
            Assert.Null(calendar.Property("METHOD"));
            Assert.NotNull(calendar.Property("VERSION"));
            Assert.NotNull(calendar.Property("PRODID"));
            var items = calendar.Components.Where(c => !c.Is("VTIMEZONE")).ToList();
            Assert.NotEmpty(items);
            Assert.All(items, item => Assert.Equal(resource.Uid, item.Property("UID")!.Value));
            Assert.All(items, item => Assert.Equal(resource.Kind.ToString().ToUpperInvariant(), item.Name.Substring(1)));
            Assert.True(items.Count(i => i.Property("RECURRENCE-ID") == null) <= 1, "more than one master");

            var defined = calendar.Components.Where(c => c.Is("VTIMEZONE")).Select(c => c.Property("TZID")!.Value).ToList();
            Assert.Equal(defined.Count, defined.Distinct().Count());
            var used = Used(items).ToHashSet();
            Assert.Equal(used.OrderBy(s => s), defined.Concat(resource.MissingTimeZones).OrderBy(s => s));
            if (checkWithIcalNet)
            {
                var (oracleUsed, oracleDefined) = IcalNetOracle.TimeZones(resource.Text);
                Assert.Subset(oracleDefined.Concat(resource.MissingTimeZones).ToHashSet(), oracleUsed);
            }
        }
    }

    private static IEnumerable<string> Used(IEnumerable<ContentComponent> components) =>
        components.SelectMany(c => c.Properties.SelectMany(p => p.ParameterValues("TZID")).Concat(Used(c.Components))).Distinct();
}
