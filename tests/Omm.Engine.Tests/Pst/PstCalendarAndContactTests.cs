using System.Text;
using System.Text.RegularExpressions;
using Omm.Engine.Connectors.Files.Pst;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Contacts as vCard 3.0 and appointments as iCalendar, checked against what readpst (.vcf, .ics) and
/// pffexport (Contact.txt, Appointment.txt) make of the same items.
/// </summary>
public class PstCalendarAndContactTests
{
    private const string Zone = "Pacific Time (US & Canada)";

    [Fact]
    public void A_recurring_appointment_becomes_a_vevent_with_rrule_exdate_and_its_exceptions()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("dist-list.pst"));
        var appointment = pst.Root.Subfolders.Single(f => f.Special == PstSpecialFolder.Calendar).Messages().Single();
        var ics = appointment.ToICalendar();
        AssertWellFormed(ics, "VCALENDAR");
        var lines = Unfold(ics);

        // The zone of PidLidTimeZoneStruct: Pacific time, daylight time from the second Sunday of March.
        Assert.Contains($"TZID:{Zone}", lines);
        Assert.Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", lines);
        Assert.Contains("TZOFFSETTO:-0700", lines);

        var events = Components(lines, "VEVENT");
        Assert.Equal(3, events.Count);
        var master = events[0];
        Assert.Contains("SUMMARY:Test appointment", master);
        Assert.Contains($"DTSTART;TZID={Zone}:20160802T080000", master);
        Assert.Contains($"DTEND;TZID={Zone}:20160802T083000", master);
        // Three occurrences were deleted, two of them re-created as exceptions: one EXDATE remains.
        Assert.Contains($"EXDATE;TZID={Zone}:20160809T080000", master);
        Assert.Contains("TRIGGER:-PT15M", master);

        // pffexport gives the exceptions' own start times in UTC (16:00 and 17:00 UTC, 9 and 10 o'clock local).
        Assert.Contains($"RECURRENCE-ID;TZID={Zone}:20160823T080000", events[1]);
        Assert.Contains($"DTSTART;TZID={Zone}:20160823T090000", events[1]);
        Assert.Contains("DESCRIPTION:This is the appointment at 9", events[1]);
        Assert.Contains($"RECURRENCE-ID;TZID={Zone}:20160830T080000", events[2]);
        Assert.Contains($"DTSTART;TZID={Zone}:20160830T100000", events[2]);
        Assert.All(events, e => Assert.Single(e, l => l.StartsWith("UID:", StringComparison.Ordinal) && l == master.Single(m => m.StartsWith("UID:", StringComparison.Ordinal))));
    }

    [Fact]
    public void The_appointment_agrees_with_readpst()
    {
        using var work = new TempDirectory();
        var path = PstFixtures.PathOf("dist-list.pst");
        var readpst = ReadPstResult.Run(path, work.Path);
        var theirs = Unfold(File.ReadAllText(readpst.Files.Single(f => f.Key.EndsWith("Calendar", StringComparison.Ordinal)).Value.Single()));

        using var pst = PstFile.Open(path);
        var ours = Components(Unfold(pst.Root.Subfolders.Single(f => f.Name == "Calendar").Messages().Single().ToICalendar()), "VEVENT")[0];
        foreach (var name in new[] { "SUMMARY", "RRULE", "TRIGGER" })
            Assert.Equal(Value(theirs, name), Value(ours, name));
        // readpst keeps the body's final line break; the VEVENT drops trailing line breaks.
        Assert.Equal(Value(theirs, "DESCRIPTION")!.Replace("\\n", ""), Value(ours, "DESCRIPTION"));
        // readpst writes the start in UTC; 08:00 Pacific daylight time is 15:00 UTC.
        Assert.Equal("20160802T150000Z", Value(theirs, "DTSTART"));
        Assert.Equal("20160802T080000", Value(ours, "DTSTART"));
    }

    [Theory]
    [InlineData("contacts6.pst")]
    [InlineData("dist-list.pst")]
    [InlineData("passworded.pst")]
    public void Contacts_become_vcards_that_agree_with_pffexport_and_readpst(string fixture)
    {
        var path = PstFixtures.PathOf(fixture);
        using var work = new TempDirectory();
        using var pst = PstFile.Open(path);
        var folder = pst.Root.Subfolders.Single(f => f.Special == PstSpecialFolder.Contacts);
        var pff = PffExportResult.Run(path, pst.Root.Name, work.Path);
        var readpst = ReadPstResult.Run(path, work.Path);
        var pffContacts = Directory.GetDirectories(Path.Combine(work.Path, "pff.export", pst.Root.Name, folder.Name), "Contact*")
            .Select(d => File.ReadAllLines(Path.Combine(d, "Contact.txt"))).ToList();
        var readpstCards = readpst.Files.Single(f => f.Key.EndsWith("/" + folder.Name, StringComparison.Ordinal)).Value.Select(File.ReadAllLines).ToList();

        var contacts = folder.Messages().Where(m => m.MessageClass == "IPM.Contact").ToList();
        Assert.Equal(pffContacts.Count, contacts.Count);
        Assert.Equal(readpstCards.Count, contacts.Count);
        var cards = contacts.Select(c => c.ToVCard()).ToList();
        foreach (var card in cards)
            AssertWellFormed(card, "VCARD");
        var lines = cards.Select(Unfold).ToList();

        // Display names and e-mail addresses as pffexport reads them.
        Assert.Equal(pffContacts.Select(c => Field(c, "Display name")).OrderBy(s => s), lines.Select(l => Value(l, "FN")).OrderBy(s => s));
        Assert.Equal(
            pffContacts.Select(c => Field(c, "Email address 1")).Where(e => e != null).OrderBy(s => s),
            lines.Select(l => Value(l, "EMAIL")).Where(e => e != null).OrderBy(s => s));
        // readpst agrees on the addresses, and on the name parts where it reads them (it writes "N:;;;;" and
        // "FN:(null)" for the six contacts Aspose wrote, whose names it does not find).
        Assert.Equal(
            readpstCards.Select(c => Value(c.ToList(), "EMAIL")).Where(e => e != null).OrderBy(s => s),
            lines.Select(l => Value(l, "EMAIL")).Where(e => e != null).OrderBy(s => s));
        foreach (var card in readpstCards.Where(c => Value(c.ToList(), "N") != ";;;;"))
            Assert.Contains(lines, l => Value(l, "N") == Value(card.ToList(), "N") && Value(l, "EMAIL") == Value(card.ToList(), "EMAIL"));
    }

    [Fact]
    public void Contact_details_are_kept()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("contacts6.pst"));
        var contact = pst.Root.Subfolders.Single(f => f.Name == "Contacts").Messages().Single(m => m.Subject == "Margaret J. Tolle");
        var lines = Unfold(contact.ToVCard());
        Assert.Contains("N:Tolle;Margaret;J.;;", lines);
        Assert.Contains("ORG:Adaptaz", lines);
        Assert.Contains("TITLE:Recording engineer", lines);
        Assert.Contains("TEL;TYPE=WORK,VOICE:(08)9080-1183", lines);
        Assert.Contains("ADR;TYPE=WORK:;;4 Darwinia Loop EIGHTY MILE BEACH WA 6725;;;;", lines);
        Assert.Contains("X-MS-FILE-AS:Tolle\\, Margaret J.", lines);
    }

    [Fact]
    public void A_distribution_list_becomes_a_group_card_with_its_members()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("dist-list.pst"));
        var list = pst.Root.Subfolders.Single(f => f.Name == "Contacts").Messages().Single(m => m.MessageClass == "IPM.DistList");
        var lines = Unfold(list.ToVCard());
        Assert.Contains("FN:test dist list", lines);
        Assert.Contains("X-ADDRESSBOOKSERVER-KIND:group", lines);
        Assert.Equal(new[] { "contact1@rjohnson.id.au", "dist1@rjohnson.id.au", "dist2@rjohnson.id.au" },
            lines.Where(l => l.StartsWith("EMAIL", StringComparison.Ordinal)).Select(l => l.Substring(l.IndexOf(':') + 1)));
    }

    [Fact]
    public void Items_of_another_kind_have_no_vcard_or_icalendar()
    {
        using var pst = PstFile.Open(PstFixtures.PathOf("sample1-unicode.pst"));
        var mail = PstFixtures.Folders(pst).SelectMany(f => f.Folder.Messages()).Single();
        Assert.ThrowsAny<InvalidOperationException>(() => mail.ToVCard());
        Assert.ThrowsAny<InvalidOperationException>(() => mail.ToICalendar());
    }

    private static void AssertWellFormed(string text, string component)
    {
        Assert.StartsWith($"BEGIN:{component}\r\n", text);
        Assert.EndsWith($"END:{component}\r\n", text);
        Assert.DoesNotMatch(new Regex("[^\r]\n"), text);
        foreach (var line in text.Split("\r\n"))
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}");
    }

    private static List<string> Unfold(string text) => text.Replace("\r\n ", "").Replace("\n ", "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    private static List<List<string>> Components(List<string> lines, string name)
    {
        var result = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line == $"BEGIN:{name}")
                current = new List<string>();
            else if (line == $"END:{name}" && current != null)
            {
                result.Add(current);
                current = null;
            }
            else
                current?.Add(line);
        }

        return result;
    }

    /// <summary>The value of the first property of that name (parameters ignored).</summary>
    private static string? Value(List<string> lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal));
        return line?.Substring(line.IndexOf(':') + 1);
    }

    private static string? Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        var value = line?.Substring(name.Length + 1).Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
