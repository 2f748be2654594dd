using Omm.Engine.Tests.Groupware;
using Omm.TestServers;

namespace Omm.Engine.Tests.RealWorldCards;

/// <summary>An item a file holds that must arrive: how to find it, values it must have, properties it must not.</summary>
/// <param name="Title">Its FN or SUMMARY as a person reads it (null when it has none: found by its first fact).</param>
/// <param name="Uid">Its UID in the file; null when it has none (Omm gives it one).</param>
/// <param name="Facts">"NAME=value": a property of that name with that decoded value (vCard) or unescaped value (iCalendar).</param>
internal sealed record ExpectedItem(string? Title, string? Uid, params string[] Facts)
{
    /// <summary>The line of the file where a PHOTO starts whose bytes must come back.</summary>
    public int? PhotoLine { get; init; }

    /// <summary>Properties it must not have on the destination (left out as unreadable).</summary>
    public string[] Absent { get; init; } = [];

    /// <summary>
    /// Servers that refuse it (400) as Omm writes it today: there it is an item error, "refused PUT", and does not
    /// arrive. A repair before writing would change that.
    /// </summary>
    public string[] RefusedBy { get; init; } = [];
}

/// <summary>An item warning or error the import must record.</summary>
/// <param name="Item">The start of the item's name as recorded.</param>
/// <param name="Message">The whole message.</param>
internal sealed record ExpectedProblem(ItemErrorType Type, string Item, string Message);

internal sealed record CorpusFile(string Name, ExpectedItem[] Items, ExpectedProblem[] Problems)
{
    public string Path => System.IO.Path.Combine(RealWorldCorpus.Directory, Name);

    public override string ToString() => Name;
}

/// <summary>
/// The files of this folder (written by make-corpus.py in the style of real exports, some damaged) and what
/// importing each must give. The values were read from the files by eye, not by Omm's readers.
/// </summary>
internal static class RealWorldCorpus
{
    public static string Directory => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "Omm.Engine.Tests", "RealWorldCards");

    private static ExpectedProblem Warning(string item, string message) => new(ItemErrorType.Warning, item, message);

    private static ExpectedProblem Error(string item, string message) => new(ItemErrorType.Error, item, message);

    public static IReadOnlyList<CorpusFile> Files { get; } =
    [
        new("android-contacts.vcf",
        [
            new("Łukasz Wiśniewski", null, "TEL=+48 601 234 567", "TEL=+48 22 123 45 67", "EMAIL=lukasz.wisniewski@example.pl",
                "ADR=;;ul. Długa 5;Warszawa;;00-001;Polska", "NOTE=Spotkanie w piątek.\nZadzwonić rano.", "BDAY=1980-05-17", "ORG=Example Sp. z o.o.",
                "X-ANDROID-CUSTOM=vnd.android.cursor.item/nickname;Łukasz;1;;;;;;;;;;;;;") { PhotoLine = 15 },
            new("John Smith", null, "TEL=+1 212 555 0100", "TEL=+1 917 555 0199", "EMAIL=john.smith@example.com", "URL=https://example.com/~john"),
            new("Ewa Nowak", null, "TEL=+48 600 100 200") { PhotoLine = 42 },
            new(null, null, "TEL=+48 500 600 700"),
        ], []),
        new("android-bad-photo.vcf",
        [
            new("Adam Zieliński", null, "TEL=+48 600 000 000", "EMAIL=adam@example.pl") { PhotoLine = 7 },
            new("Barbara Lewandowska", null, "TEL=+48 601 000 001"),
            new("Cezary Wójcik", null, "TEL=+48 602 000 002"),
            new("Dorota Kamińska", null, "TEL=+48 603 000 003") { PhotoLine = 33 },
            new("Edward Kowalczyk", null, "TEL=+48 604 000 004"),
            new("Felicja Szymańska", null, "TEL=+48 605 000 005", "EMAIL=felicja@example.pl") { Absent = ["PHOTO"] },
        ],
        [
            Warning("Felicja Szymańska (UID ", "PHOTO (lines 52-55) was not copied: the value is not valid base64."),
        ]),
        new("apple-contacts.vcf",
        [
            new("Johnny Appleseed", null, "EMAIL=johnny@example.com", "EMAIL=jappleseed@apple.example", "TEL=+1 (408) 555-0199",
                "ADR=;;1 Infinite Loop, Building 3;Cupertino;CA;95014;United States", "X-ABLABEL=_$!<Other>!$_", "URL=http://www.apple.com",
                "NOTE=Met at WWDC, June 2023", "X-ABUID=5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson") { PhotoLine = 19 },
            new("Acme Corp", null, "X-ABSHOWAS=COMPANY", "TEL=+1 800 555 0000"),
            new("Friends", "9D7A3C1E-0B2F-4D6A-8E5C-7F1A3B5D9C2E", "X-ADDRESSBOOKSERVER-KIND=group",
                "X-ADDRESSBOOKSERVER-MEMBER=urn:uuid:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE"),
        ], []),
        new("evolution.vcf",
        [
            new("Marie Dupont", "pas-id-65A1B2C300000001", "X-EVOLUTION-FILE-AS=Dupont, Marie", "EMAIL=marie.dupont@exemple.fr", "TEL=+33 6 12 34 56 78",
                "NOTE=Rencontrée au salon du livre, stand 42. Très longue note pour qu'elle soit pliée sur plusieurs lignes par le client.",
                "CATEGORIES=Travail,Amis", "X-EVOLUTION-BLOG-URL=https://blog.exemple.fr/marie", "LABEL=12 rue de la Paix\nParis 75002\nFrance"),
            new("Luc Martin", "pas-id-65A1B2C300000002", "X-EVOLUTION-SPOUSE=Claire", "BDAY=1975-02-28"),
        ], []),
        new("google-contacts.vcf",
        [
            new("María García", null, "EMAIL=maria.garcia@example.es", "TEL=+34 600 123 456", "CATEGORIES=myContacts,Familia", "URL=https://maria.example.es",
                "PHOTO=https://lh3.googleusercontent.com/contacts/AG6tpzF0example=s100", "X-ABLABEL=_$!<HomePage>!$_", "ADR=;;Calle Mayor 1;Madrid;;28013;España"),
            new("Kenji Sato", null, "TEL=+81 3-1234-5678", "X-ABRELATEDNAMES=Yuki Sato"),
            new("noname@example.org", null, "EMAIL=noname@example.org"),
        ], []),
        new("lotus-notes.vcf",
        [
            new("Dr. Anna Schmidt", "8A4C1B2E3D4F5A6B8025712A003A1F4E", "ADR=;;Hauptstraße 1;München;Bayern;80331;Deutschland", "TEL=+49 89 1234568",
                "ORG=Beispiel GmbH;Vertrieb", "EMAIL=anna.schmidt@beispiel.de"),
            new("Peter Braun", "5C6D7E8F90A1B2C38025712A003A2B5F", "NOTE=Zuständig für Bayern, Baden-Württemberg"),
        ], []),
        new("thunderbird.vcf",
        [
            new("Anna Müller", "2f8c8d1e-5b6a-4c3d-9e8f-7a6b5c4d3e2f", "EMAIL=anna.mueller@example.de", "TEL=+49 30 1234567", "NOTE=Erste Zeile\nZweite Zeile",
                "NICKNAME=Anni", "ADR=;;Hauptstr. 5;Berlin;;10115;Deutschland"),
            new("Hans Becker", null, "TEL=+49 221 555 100", "EMAIL=hans.becker@example.de", "ADR=;;Ringstr. 9;Köln;;50667;Germany", "X-MOZILLA-HTML=FALSE",
                "URL=http://www.example.de/hans"),
        ], []),
        new("outlook-windows-1252.vcf",
        [
            new("Jürgen Müller", null, "NOTE=Termin am Montag\nBitte Rückruf vor 10 Uhr. Preis 12€ pro Stunde.", "LABEL=Königstraße 12\nStuttgart 70173\nDeutschland",
                "ORG=Straßenbau AG", "ADR=;;Königstraße 12;Stuttgart;;70173;Deutschland", "TEL=+49 160 555 0100", "X-MS-OL-DEFAULT-POSTAL-ADDRESS=2") { PhotoLine = 17 },
            new("René Lévesque", null, "ORG=Société Générale", "EMAIL=rene.levesque@example.fr"),
        ], []),
        new("missing-end.vcf",
        [
            new("Whole One", "whole-1", "TEL=+1 555 0001"),
            new("Whole Three", "whole-3", "TEL=+1 555 0003"),
        ],
        [
            Error("vCard \"Cut Two\" (UID cut-2) at line 8",
                "It could not be read and was not copied: line 8: BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 14 comes first)."),
        ]),
        new("garbage-between.vcf",
        [
            new("First Card", "g-1"), new("Second Card", "g-2"), new("Third Card", "g-3"),
        ],
        [
            Warning("Second Card (UID g-2)", "Line 7 was not copied: \"Sent from my iPhone\" is outside any BEGIN..END block."),
            Warning("Third Card (UID g-3)", "Line 14 was not copied: \"==========\" is outside any BEGIN..END block."),
        ]),
        new("google-calendar.ics",
        [
            new("Standup", "7kq3m9s2c1v8b0n4x6z5a2d9f1@google.com", "RRULE=FREQ=WEEKLY;WKST=MO;UNTIL=20240331T225959Z;BYDAY=MO,WE,FR", "EXDATE=20240110T093000",
                "EXDATE=20240112T093000", "RECURRENCE-ID=20240115T093000", "SUMMARY=Standup (später)", "DESCRIPTION=Tägliches Standup.\nAgenda: gestern, heute, Blocker.",
                "X-GOOGLE-CONFERENCE=https://meet.google.com/abc-defg-hij", "TZID=Europe/Berlin",
                "TRIGGER=-PT10M"), // -P0DT0H10M0S in the file: both servers write durations in their shortest form
            new("Tag der Arbeit", "2q8w4e6r1t3y5u7i9o0p@google.com", "DTSTART=20240501", "TRANSP=TRANSPARENT"),
        ], []),
        new("thunderbird-calendar.ics",
        [
            new("Zahnarzt", "b7a1c3e5-0d2f-4a6b-8c9e-1f3a5b7c9d0e", "X-MOZ-GENERATION=2", "X-MOZ-SNOOZE-TIME=20240220T071500Z", "CATEGORIES=Persönlich", "TRIGGER=-PT1H"),
            new("Steuererklärung", "e3f5a7b9-1c2d-4e6f-8a0b-2c4d6e8f0a1c", "PERCENT-COMPLETE=40", "STATUS=IN-PROCESS", "DUE=20240731T235900"),
        ], []),
        new("outlook-calendar.ics",
        [
            new("Quartalsplanung", "040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DA01000000000000000010000000F1E2D3C4B5A69788", "X-MICROSOFT-CDO-BUSYSTATUS=BUSY",
                "TZID=W. Europe Standard Time", "LOCATION=Besprechungsraum 4.12",
                "DESCRIPTION=Quartalsplanung mit allen Abteilungsleitern. Bitte die Zahlen aus dem letzten Quartal mitbringen und vorab im Teamordner ablegen.\n"),
            new("Karfreitag", "040000008200E00074C5B7101A82E00800000000E1B2C3D4E5F6DA01000000000000000010000000A1B2C3D4E5F60718", "X-MICROSOFT-CDO-ALLDAYEVENT=TRUE", "DTSTART=20240329"),
        ], []),
        new("rfc5545-todo-journal-freebusy.ics",
        [
            new("Submit Quebec Income Tax Return for 2006", "20070313T123432Z-456553@example.com", "CATEGORIES=FAMILY,FINANCE", "DUE=20070501"),
            new("Staff meeting minutes", "19970901T130000Z-123405@example.com",
                "DESCRIPTION=1. Staff meeting: Participants include Joe, Lisa, and Bob. Aurora project plans were reviewed. There is currently no budget reserves for this project. Lisa will escalate to management. Next meeting on Tuesday.\n"),
        ],
        [
            Error("VFREEBUSY at line 22", "Not copied: free/busy time is not a calendar item"),
        ]),
        new("broken-dtstart.ics",
        [
            new("Before", "ok-before@example.com", "DTSTART=20240311T100000"),
            // Without DTSTART: Xandikos takes it, Radicale does not.
            new("Broken start", "broken-start@example.com", "DTEND=20240312T110000") { Absent = ["DTSTART"], RefusedBy = [DavDestination.Radicale] },
            new("After", "ok-after@example.com", "DTSTART=20240313T100000"),
        ],
        [
            Warning("Broken start (UID broken-start@example.com)", "DTSTART (line 31) was not copied: the quoted value of parameter TZID has no closing '\"'."),
        ]),
        new("truncated.ics",
        [
            new("Quartalsplanung", "040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DA01000000000000000010000000F1E2D3C4B5A69788", "LOCATION=Besprechungsraum 4.12"),
        ],
        [
            Warning("Quartalsplanung (UID ", "Line 1: BEGIN:VCALENDAR has no END:VCALENDAR (the text ends at line 62)."),
            Error("event \"Karfreitag\" (UID 040000008200E00074C5B7101A82E00800000000E1B2C3D4E5F6DA01000000000000000010000000A1B2C3D4E5F60718) at line 51",
                "It could not be read and was not copied: line 51: BEGIN:VEVENT has no END:VEVENT (the text ends at line 62)."),
        ]),
    ];
}
