using System.Diagnostics;
using Omm.Engine.Calendars;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Calendars;

public class CalendarSplitTests
{
    private const string TimeZone =
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n" +
        "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

    private const string UnusedTimeZone =
        "BEGIN:VTIMEZONE\r\nTZID:Unused/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    /// <summary>A file with what real exports mix: overrides before and after their master, tasks, journals, free/busy, items without UID, clashes.</summary>
    private static readonly string Mixed =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Mixed//EN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Mixed\r\n" + UnusedTimeZone + TimeZone +
        "BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID;TZID=Europe/Paris:20240115T090000\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;TZID=Europe/Paris:20240115T100000\r\nDTEND;TZID=Europe/Paris:20240115T110000\r\nSUMMARY:Weekly (moved)\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;TZID=Europe/Paris:20240101T090000\r\nDTEND;TZID=Europe/Paris:20240101T100000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n" +
        "EXDATE;TZID=Europe/Paris:20240108T090000\r\nSUMMARY:Weekly\r\nORGANIZER;CN=\"Boss, The\":mailto:boss@example.com\r\nATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:ann@example.com\r\nCATEGORIES:Work,Team\r\n" +
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Soon\r\nEND:VALARM\r\nEND:VEVENT\r\n" +
        "BEGIN:VTODO\r\nUID:task-1\r\nDTSTAMP:20240101T000000Z\r\nDUE;TZID=Custom/Nowhere:20240201T170000\r\nSUMMARY:Write report\r\nEND:VTODO\r\n" +
        "BEGIN:VFREEBUSY\r\nUID:fb\r\nDTSTAMP:20240101T000000Z\r\nFREEBUSY:20240101T090000Z/PT1H\r\nEND:VFREEBUSY\r\n" +
        "BEGIN:VEVENT\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240301T120000Z\r\nSUMMARY:No UID one\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240302T120000Z\r\nSUMMARY:No UID two\r\nEND:VEVENT\r\n" +
        "BEGIN:VJOURNAL\r\nUID:weekly\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240101\r\nSUMMARY:Same UID, other kind\r\nEND:VJOURNAL\r\n" +
        "BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID;TZID=Europe/Paris:20240122T090000\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;TZID=Europe/Paris:20240122T140000\r\nSUMMARY:Weekly (afternoon)\r\nEND:VEVENT\r\n" +
        "BEGIN:VTODO\r\nUID:task-1\r\nDTSTAMP:20240101T000000Z\r\nDUE;TZID=Custom/Nowhere:20240201T170000\r\nSUMMARY:Write report\r\nEND:VTODO\r\n" +
        "BEGIN:VEVENT\r\nUID:dup\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240401T120000Z\r\nSUMMARY:First dup\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:dup\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240402T120000Z\r\nSUMMARY:Second dup\r\nEND:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    [Fact]
    public void Splits_per_UID_with_master_first_and_overrides_together()
    {
        var file = CalendarFile.Read(Mixed);
        Assert.Equal(new[] { "weekly", "task-1", null, null, "weekly-vjournal", "dup", "dup-2" }, file.Objects.Select(o => o.UidWasAssigned && !o.Uid.StartsWith("weekly") && !o.Uid.StartsWith("dup") ? null : o.Uid));
        Assert.Equal(new[] { CalendarItemKind.Event, CalendarItemKind.Todo, CalendarItemKind.Event, CalendarItemKind.Event, CalendarItemKind.Journal, CalendarItemKind.Event, CalendarItemKind.Event }, file.Objects.Select(o => o.Kind));
        CalendarFixtureTests.AssertValidResources(file.Objects);

        var weekly = file.Objects[0];
        Assert.Equal("Weekly", weekly.Summary);
        Assert.Equal(3, weekly.Components.Count);
        Assert.Null(weekly.Components[0].Property("RECURRENCE-ID"));
        Assert.Equal(new[] { "Weekly", "Weekly (moved)", "Weekly (afternoon)" }, weekly.Components.Select(c => c.Property("SUMMARY")!.Value));
        Assert.Contains("TZID:Europe/Paris", weekly.Text);
        Assert.DoesNotContain("Unused/Zone", weekly.Text);
        Assert.DoesNotContain("METHOD", weekly.Text);
        Assert.DoesNotContain("X-WR-CALNAME", weekly.Text);
        Assert.Empty(weekly.MissingTimeZones);
        Assert.Equal(new[] { "Custom/Nowhere" }, file.Objects[1].MissingTimeZones);
        Assert.Equal("Mixed", file.CalendarName);

        Assert.Equal("VFREEBUSY", file.Skipped.Single().Name);
        Assert.Equal("fb", file.Skipped.Single().Uid);
        // Each said on the resource it concerns.
        Assert.Contains(file.Objects[1].Warnings, w => w.Problem.Contains("repeats the one at line 54") && w.Problem.Contains("task-1") && w.LineNumber == 88);
        Assert.Contains(file.Objects[4].Warnings, w => w.ToString().Contains("became UID weekly-vjournal"));
        Assert.Contains(file.Objects[6].Warnings, w => w.ToString().Contains("became UID dup-2"));
        Assert.Empty(file.Objects[0].Warnings);
        Assert.True(file.Objects[5].UidWasAssigned == false && file.Objects[6].UidWasAssigned);
    }

    [Fact]
    public void Ical_Net_reads_the_resources_as_it_reads_the_file()
    {
        var objects = CalendarObject.Split(Mixed);
        // UIDs differ where they were made or changed, and the exact copy of task-1 is gone: compare the rest.
        Assert.Equal(IcalNetOracle.Describe(Mixed, withUid: false).Distinct(), IcalNetOracle.Describe(objects.Select(o => o.Text), withUid: false));
        var weekly = IcalNetOracle.Describe(objects[0].Text);
        Assert.Equal(3, weekly.Count);
        Assert.Contains(weekly, d => d.Contains("summary=Weekly;") && d.Contains("rrule=FREQ=WEEKLY;COUNT=10") && d.Contains("exdate=2024-01-08T09:00:00[Europe/Paris]=2024-01-08T08:00:00")
            && d.Contains("alarms=DISPLAY/-PT15M/-/Soon") && d.Contains("categories=Work,Team") && d.Contains("organizer=mailto:boss@example.com/Boss, The"));
        Assert.Contains(weekly, d => d.Contains("summary=Weekly (moved)") && d.Contains("recurrence-id=2024-01-15T09:00:00[Europe/Paris]=2024-01-15T08:00:00"));
    }

    [Fact]
    public void Items_without_UID_get_the_same_UID_on_every_read_and_different_items_different_ones()
    {
        var first = CalendarObject.Split(Mixed).Where(o => o.Summary.StartsWith("No UID")).ToList();
        var second = CalendarObject.Split(Mixed).Where(o => o.Summary.StartsWith("No UID")).ToList();
        Assert.Equal(2, first.Count);
        Assert.All(first, o => Assert.True(o.UidWasAssigned));
        Assert.NotEqual(first[0].Uid, first[1].Uid);
        Assert.Equal(first.Select(o => o.Uid), second.Select(o => o.Uid));
        Assert.All(first, o => Assert.Contains("\r\nUID:" + o.Uid + "\r\n", o.Text));

        // Two identical items without UID stay two items.
        const string Twice = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nDTSTART:20240301T120000Z\r\nSUMMARY:Same\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20240301T120000Z\r\nSUMMARY:Same\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var twice = CalendarObject.Split(Twice);
        Assert.Equal(2, twice.Count);
        Assert.Equal(twice[0].Uid + "-2", twice[1].Uid);
        Assert.Equal(twice.Select(o => o.Uid), CalendarObject.Split(Twice).Select(o => o.Uid));
    }

    [Fact]
    public void Parse_reads_one_resource_and_drops_METHOD()
    {
        var resource = CalendarObject.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REQUEST\r\nBEGIN:VTODO\r\nUID:t\r\nSUMMARY:Do\\, it\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
        Assert.Equal("t", resource.Uid);
        Assert.Equal(CalendarItemKind.Todo, resource.Kind);
        Assert.Equal("Do, it", resource.Summary);
        Assert.Equal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:t\r\nSUMMARY:Do\\, it\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", resource.Text);
        Assert.Throws<CalendarFormatException>(() => CalendarObject.Parse(Mixed));
    }

    [Fact]
    public void Several_calendars_in_one_file_and_empty_ones()
    {
        var text = CalendarFixtures.Text("rfc5545-example1.ics") + CalendarFixtures.Text("rfc5545-example2.ics") + "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
        var file = CalendarFile.Read(text);
        Assert.Equal(new[] { "uid1@example.com", "guid-1.example.com" }, file.Objects.Select(o => o.Uid));
        Assert.Contains("PRODID:-//RDU Software//NONSGML HandCal//EN", file.Objects[1].Text);
        Assert.Contains("TZID:America/New_York", file.Objects[1].Text);
        Assert.Contains(file.Warnings, w => w.Problem.Contains("holds no event"));
        Assert.Throws<CalendarFormatException>(() => CalendarObject.Split(""));
    }

    [Theory]
    [MemberData(nameof(CalendarFixtures.All), MemberType = typeof(CalendarFixtures))]
    public void Mutants_split_what_they_can_into_whole_resources(string name)
    {
        var original = CalendarFixtures.Text(name);
        var random = new Random(name.Length * 104729);
        var clock = Stopwatch.StartNew();
        var unreadable = 0;
        for (var i = 0; i < 250; i++)
        {
            CalendarFile file;
            try
            {
                file = CalendarFile.Read(Mutants.Mutate(original, random));
            }
            catch (CalendarFormatException e)
            {
                Assert.StartsWith("the text holds no iCalendar", e.Problem);
                continue;
            }

            Assert.All(file.Unreadable, u => Assert.Matches("^line [0-9]+: ", u.ToString()));
            unreadable += file.Unreadable.Count;
            CalendarFixtureTests.AssertValidResources(file.Objects.Where(o => o.Components.All(c => c.Property("UID") != null)).ToList(), checkWithIcalNet: false);
            foreach (var resource in file.Objects)
            {
                // What Omm writes reads back whole.
                var written = CalendarObject.Parse(resource.Text);
                Assert.Empty(written.Warnings);
                Assert.True(written.IsVerbatim);
            }
        }

        Assert.True(unreadable > 0, "no mutant cost an item: the test does not test");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"250 mutants took {clock.Elapsed}");
    }
}
