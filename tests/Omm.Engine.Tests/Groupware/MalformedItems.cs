
namespace Omm.Engine.Tests.Groupware;

/// <summary>What a server does with a malformed item: takes it as it is, takes it repaired (the warning names these changes), or refuses it twice.</summary>
internal abstract record Outcome
{
    public static readonly Outcome Unchanged = new Taken();

    public static Outcome Repaired(params string[] changes) => new Mended(changes);

    /// <summary>An item error: refused as sent and, when <paramref name="repairedToo"/>, refused again repaired.</summary>
    public static Outcome Refused(bool repairedToo) => new Rejected(repairedToo);

    internal sealed record Taken : Outcome;

    internal sealed record Mended(string[] Changes) : Outcome;

    internal sealed record Rejected(bool RepairedToo) : Outcome;
}

/// <summary>
/// One malformed-but-common item: its text, what Radicale 3.1.8 and Xandikos 0.2.8 do with it (seen by trying, see
/// docs/bad-input-dav.md), and what of its meaning must be on the destination whatever form it arrived in.
/// </summary>
internal sealed record MalformedItem(string Uid, string Text, Outcome Radicale, Outcome Xandikos, Action<string>? Meaning = null)
{
    public bool IsCard => Text.Contains("VCARD", StringComparison.OrdinalIgnoreCase);

    public Outcome On(string server) => server == "radicale" ? Radicale : Xandikos;
}

/// <summary>The corpus: cards as Lotus Notes, old Outlook and hand-made exports write them, events and tasks as sloppy calendars do.</summary>
internal static class MalformedItems
{
    public const string ParisZone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
                                    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n" +
                                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

    public static IReadOnlyList<MalformedItem> Cards { get; } = new[]
    {
        new MalformedItem("lotus@omm.test",
            Card("PROFILE:vCard", "NAME:Lotus Notes export", "SOURCE:ldap://notes.example", "SOURCE:ldap://notes.example", "UID:lotus@omm.test",
                "FN:Lotus Person", "N:Person;Lotus;;;", "TEL;TYPE=WORK:+1 555 0100", "EMAIL;TYPE=INTERNET:lotus@notes.example"),
            Outcome.Repaired("dropped PROFILE:vCard", "dropped NAME:Lotus Notes export", "dropped a second SOURCE:ldap://notes.example"),
            Outcome.Unchanged,
            text => AssertFacts(text, "VCARD FN [] [] Lotus Person", "VCARD TEL [WORK] [] +1 555 0100", "VCARD EMAIL [INTERNET] [] lotus@notes.example")),
        new MalformedItem("two-n@omm.test",
            Card("UID:two-n@omm.test", "FN:Ann Two", "N:Two;Ann;;;", "N:Other;Ann;;;", "TEL:+1 555 0101"),
            Outcome.Repaired("dropped a second N:Other;Ann;;;"),
            Outcome.Unchanged,
            text => AssertFacts(text, "VCARD N [] [] Two;Ann;;;", "VCARD TEL [] [] +1 555 0101")),
        new MalformedItem("two-version@omm.test",
            Card("VERSION:3.0", "UID:two-version@omm.test", "FN:Vera Version", "N:Version;Vera;;;"),
            Outcome.Repaired("kept one of 2 VERSION"),
            Outcome.Unchanged,
            text => AssertFacts(text, "VCARD FN [] [] Vera Version")),
        new MalformedItem("two-prodid@omm.test",
            Card("PRODID:-//One//EN", "PRODID:-//Two//EN", "UID:two-prodid@omm.test", "FN:Paul Prodid", "N:Prodid;Paul;;;"),
            Outcome.Repaired("dropped a second PRODID:-//Two//EN"),
            Outcome.Unchanged),
        new MalformedItem("no-fn@omm.test",
            Card("UID:no-fn@omm.test", "N:Nofn;Only;;;", "TEL:+1 555 0102"),
            Outcome.Repaired("added FN:Only Nofn"),
            Outcome.Unchanged,
            text => AssertFacts(text, "VCARD N [] [] Nofn;Only;;;", "VCARD TEL [] [] +1 555 0102")),
        new MalformedItem("unpadded@omm.test",
            Card("UID:unpadded@omm.test", "FN:Una Padded", "N:Padded;Una;;;", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg"),
            // Radicale refuses unpadded base64, but the reader already writes the photo out again padded (ItemRepairTests covers the repair).
            Outcome.Unchanged,
            Outcome.Unchanged,
            text => Assert.Equal(Convert.FromBase64String("/9j/4AAQSkZJRg=="), PhotoBytes(text))),
        new MalformedItem("base64-word@omm.test",
            Card("UID:base64-word@omm.test", "FN:Bea Base", "N:Base;Bea;;;", "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRg=="),
            Outcome.Repaired("wrote ENCODING=BASE64 of PHOTO as 3.0's ENCODING=b"),
            Outcome.Unchanged,
            text => Assert.Equal(Convert.FromBase64String("/9j/4AAQSkZJRg=="), PhotoBytes(text))),
        new MalformedItem("lower@omm.test",
            "begin:vcard\r\nversion:3.0\r\nuid:lower@omm.test\r\nfn:Lower Case\r\nn:Case;Lower;;;\r\nend:vcard\r\n",
            Outcome.Unchanged,
            Outcome.Repaired("wrote names in upper case"),
            text => AssertFacts(text, "VCARD FN [] [] Lower Case")),
        new MalformedItem("two-fn@omm.test",
            Card("UID:two-fn@omm.test", "FN:First Name", "FN:Second Name", "N:Name;First;;;"),
            Outcome.Unchanged, Outcome.Unchanged,
            text => AssertFacts(text, "VCARD FN [] [] First Name", "VCARD FN [] [] Second Name")),
        new MalformedItem("empty@omm.test",
            Card("UID:empty@omm.test", "FN:Emma Empty", "N:Empty;Emma;;;", "TEL:", "EMAIL:", "NOTE:"),
            Outcome.Unchanged, Outcome.Unchanged),
        new MalformedItem("org-commas@omm.test",
            Card("UID:org-commas@omm.test", "FN:Olga Org", "N:Org;Olga;;;", "ORG:ACME, Inc;Sales, East"),
            Outcome.Unchanged, Outcome.Unchanged,
            text => AssertFacts(text, "VCARD ORG [] [] ACME, Inc;Sales, East")),
    };

    public static IReadOnlyList<MalformedItem> CalendarItems { get; } = new[]
    {
        new MalformedItem("until-date@omm.test",
            Event("until-date@omm.test", "DTSTART;TZID=Europe/Paris:20240105T100000", "DTEND;TZID=Europe/Paris:20240105T110000",
                "RRULE:FREQ=WEEKLY;UNTIL=20240301;", "SUMMARY:Weekly until a date"),
            Outcome.Repaired("wrote RRULE:FREQ=WEEKLY;UNTIL=20240301; as FREQ=WEEKLY;UNTIL=20240301T225959Z"),
            Outcome.Unchanged,
            text =>
            {
                // Every Friday from 5 January through 1 March: the end of the UNTIL date in Paris, in UTC. (Readers differ on the
                // date as it was: vobject counts 1 March in, Ical.Net does not; so where it was kept, only the rule is compared.)
                var rule = Omm.Engine.ContentLines.ContentLineReader.Read(text).Components.Single().Components.Single(c => c.Is("VEVENT")).Property("RRULE")!.Value;
                if (rule.TrimEnd(';') == "FREQ=WEEKLY;UNTIL=20240301")
                    return;
                Assert.Equal("FREQ=WEEKLY;UNTIL=20240301T225959Z", rule);
                Assert.Equal(9, Occurrences(text));
            }),
        new MalformedItem("lower-rule@omm.test",
            Event("lower-rule@omm.test", "DTSTART:20240105T100000Z", "DTEND:20240105T110000Z", "RRULE:count=5;freq=weekly;byday=fr", "SUMMARY:Lower-case rule"),
            Outcome.Unchanged, Outcome.Unchanged,
            text => Assert.Equal(5, Occurrences(text))),
        new MalformedItem("spaced-rule@omm.test",
            Event("spaced-rule@omm.test", "DTSTART:20240105T100000Z", "DTEND:20240105T110000Z", "RRULE:FREQ=WEEKLY; COUNT=3", "SUMMARY:Spaced rule"),
            Outcome.Repaired("wrote RRULE:FREQ=WEEKLY; COUNT=3 as FREQ=WEEKLY;COUNT=3"),
            Outcome.Repaired("wrote RRULE:FREQ=WEEKLY; COUNT=3 as FREQ=WEEKLY;COUNT=3"),
            text => Assert.Equal(3, Occurrences(text))),
        new MalformedItem("end-and-duration@omm.test",
            Event("end-and-duration@omm.test", "DTSTART:20240105T100000Z", "DTEND:20240105T113000Z", "DURATION:PT1H", "SUMMARY:End and duration"),
            Outcome.Repaired("dropped DURATION:PT1H, as the VEVENT has DTEND"),
            Outcome.Unchanged,
            text => Assert.Contains("end=2024-01-05T11:30:00", Describe(text))),
        new MalformedItem("due-and-duration@omm.test",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\nBEGIN:VTODO\r\nUID:due-and-duration@omm.test\r\nDTSTAMP:20240101T000000Z\r\n" +
            "DTSTART:20240105T100000Z\r\nDUE:20240106T100000Z\r\nDURATION:PT1H\r\nSUMMARY:Due and duration\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            Outcome.Repaired("dropped DURATION:PT1H, as the VTODO has DUE"),
            Outcome.Unchanged,
            text => Assert.Contains("due=2024-01-06T10:00:00", Describe(text))),
        new MalformedItem("date-and-time@omm.test",
            Event("date-and-time@omm.test", "DTSTART;VALUE=DATE:20240105", "DTEND:20240107T000000Z", "SUMMARY:All day, timed end"),
            Outcome.Repaired("wrote DTEND:20240107T000000Z as DTEND;VALUE=DATE:20240107"),
            Outcome.Unchanged,
            text => Assert.Contains("end=2024-01-07", Describe(text))),
        new MalformedItem("floating-exdate@omm.test",
            Event("floating-exdate@omm.test", "DTSTART;TZID=Europe/Paris:20240105T100000", "DTEND;TZID=Europe/Paris:20240105T110000",
                "RRULE:FREQ=WEEKLY;COUNT=5", "EXDATE:20240112T100000", "SUMMARY:Floating EXDATE"),
            Outcome.Repaired("wrote EXDATE:20240112T100000 as EXDATE;TZID=Europe/Paris:20240112T100000"),
            Outcome.Unchanged,
            text =>
            {
                // Five Fridays but 12 January, in Paris time. (Readers differ on the floating EXDATE as it was: Ical.Net matches it
                // with no occurrence; so where it was kept, only the EXDATE is compared.)
                var exdate = Omm.Engine.ContentLines.ContentLineReader.Read(text).Components.Single().Components.Single(c => c.Is("VEVENT")).Property("EXDATE")!;
                if (exdate.Parameter("TZID") == null)
                {
                    Assert.Equal("20240112T100000", exdate.Value);
                    return;
                }

                Assert.Equal("Europe/Paris", exdate.Parameter("TZID"));
                Assert.Equal(4, Occurrences(text));
            }),
        new MalformedItem("two-class@omm.test",
            Event("two-class@omm.test", "DTSTART:20240105T100000Z", "DTEND:20240105T110000Z", "SUMMARY:Two classes", "CLASS:PUBLIC", "CLASS:PRIVATE"),
            Outcome.Repaired("dropped a second CLASS:PRIVATE"),
            Outcome.Repaired("dropped a second CLASS:PRIVATE"),
            text => Assert.Contains(ContentFacts.Of(text), f => f == "VCALENDAR/VEVENT CLASS [] [] PUBLIC")),
        new MalformedItem("two-summaries@omm.test",
            Event("two-summaries@omm.test", "DTSTART:20240105T100000Z", "SUMMARY:First summary", "SUMMARY:Second summary"),
            Outcome.Repaired("dropped a second SUMMARY:Second summary"),
            Outcome.Unchanged,
            text => Assert.Contains("summary=First summary", Describe(text))),
        new MalformedItem("empty-trigger@omm.test",
            Event("empty-trigger@omm.test", "DTSTART:20240105T100000Z", "SUMMARY:Alarm without trigger", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Ring", "TRIGGER:", "END:VALARM"),
            Outcome.Repaired("dropped the empty TRIGGER of an alarm", "dropped an alarm without TRIGGER"),
            Outcome.Repaired("dropped the empty TRIGGER of an alarm", "dropped an alarm without TRIGGER"),
            text => Assert.Contains("summary=Alarm without trigger", Describe(text))),
        new MalformedItem("iso-dates@omm.test",
            Event("iso-dates@omm.test", "DTSTART:2024-01-05T10:00:00Z", "DTEND:2024-01-05T11:00:00Z", "SUMMARY:ISO dates"),
            Outcome.Repaired("wrote DTSTART:2024-01-05T10:00:00Z as 20240105T100000Z", "wrote DTEND:2024-01-05T11:00:00Z as 20240105T110000Z"),
            Outcome.Unchanged),
        new MalformedItem("moved-only@omm.test",
            Event("moved-only@omm.test", "RECURRENCE-ID:20240112T100000Z", "DTSTART:20240112T110000Z", "DTEND:20240112T120000Z", "SUMMARY:Moved occurrence alone"),
            Outcome.Repaired("dropped RECURRENCE-ID:20240112T100000Z"),
            Outcome.Unchanged,
            text => Assert.Contains("start=2024-01-12T11:00:00", Describe(text))),
        new MalformedItem("no-stamp@omm.test",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\nBEGIN:VEVENT\r\nUID:no-stamp@omm.test\r\nDTSTART:20240105T100000Z\r\n" +
            "SUMMARY:No DTSTAMP\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            Outcome.Unchanged, Outcome.Unchanged),
        new MalformedItem("empty-start@omm.test",
            Event("empty-start@omm.test", "DTSTART:", "SUMMARY:Empty start"),
            Outcome.Refused(repairedToo: true), Outcome.Unchanged),
        new MalformedItem("fortnightly@omm.test",
            Event("fortnightly@omm.test", "DTSTART:20240105T100000Z", "RRULE:FREQ=FORTNIGHTLY", "SUMMARY:Unknown frequency"),
            Outcome.Refused(repairedToo: false), Outcome.Unchanged),
    };

    /// <summary>Facts (see <see cref="ContentFacts"/>) that must all be in the text.</summary>
    public static void AssertFacts(string text, params string[] facts)
    {
        var found = ContentFacts.Of(text);
        foreach (var fact in facts)
            Assert.Contains(fact, found);
    }

    /// <summary>The card's PHOTO decoded, its '=' padding added when it lacks it (as servers that take it unpadded keep it).</summary>
    public static byte[] PhotoBytes(string card)
    {
        var photo = Omm.Engine.ContentLines.ContentLineReader.Read(card).Components.Single().Property("PHOTO")!.Value.Trim();
        return Convert.FromBase64String(photo.PadRight((photo.Length + 3) / 4 * 4, '='));
    }

    /// <summary>How many times the item's event happens, as Ical.Net (an independent reader) counts them.</summary>
    public static int Occurrences(string text) => Ical.Net.Calendar.Load(text)!.Events.Single().GetOccurrences().Count();

    /// <summary>What Ical.Net reads of the item, as one line.</summary>
    public static string Describe(string text) => string.Join("\n", Calendars.IcalNetOracle.Describe(text));

    private static string Card(params string[] lines) => "BEGIN:VCARD\r\nVERSION:3.0\r\n" + string.Join("\r\n", lines) + "\r\nEND:VCARD\r\n";

    private static string Event(string uid, params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\n" + ParisZone + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20240101T000000Z\r\n" +
        string.Join("\r\n", lines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}
