#!/usr/bin/env python3
"""Writes the .vcf and .ics files of this folder: exports in the style of real clients, and damaged ones.

The files are committed; run this only to change them (python3 make-corpus.py), then update
RealWorldCorpus.cs, whose expectations name their lines. Photos are made-up JPEG-shaped bytes
(a JFIF header, seeded noise, an end marker): servers store them as they are, so what matters is
that their bytes come back.
"""
import base64
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def photo(seed, size):
    noise = random.Random(seed)
    body = bytes(noise.randrange(256) for _ in range(size))
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + body + b"\xff\xd9"


def b64(seed, size):
    return base64.b64encode(photo(seed, size)).decode("ascii")


def chunks(text, width):
    return [text[i:i + width] for i in range(0, len(text), width)]


def write(name, lines, end="\r\n", encoding="utf-8"):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(end.join(lines).encode(encoding) + end.encode(encoding))


# Android (contacts2 export, vCard 2.1): QP with CHARSET=UTF-8, photos folded with one space and ended by
# a blank line; a Samsung card whose photo is on unindented lines; a contact that is only a number.
android = [
    "BEGIN:VCARD", "VERSION:2.1",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Wi=C5=9Bniewski;=C5=81ukasz;;;",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz Wi=C5=9Bniewski",
    "X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android.cursor.item/nickname;=C5=81ukasz;1;;;;;;;;;;;;;",
    "TEL;CELL:+48 601 234 567",
    "TEL;HOME:+48 22 123 45 67",
    "EMAIL;HOME:lukasz.wisniewski@example.pl",
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;ul. D=C5=82uga 5;Warszawa;;00-001;Polska",
    "ORG:Example Sp. z o.o.",
    "TITLE:Kierownik",
    "BDAY:1980-05-17",
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Spotkanie w pi=C4=85tek.=0A=",
    "Zadzwoni=C4=87 rano.",
]
first = b64(1, 600)
android += ["PHOTO;ENCODING=BASE64;JPEG:" + chunks(first, 76)[0]] + [" " + c for c in chunks(first, 76)[1:]] + [""]
android += ["END:VCARD",
            "BEGIN:VCARD", "VERSION:2.1", "N:Smith;John;;;", "FN:John Smith",
            "TEL;WORK:+1 212 555 0100", "TEL;CELL:+1 917 555 0199", "EMAIL;WORK:john.smith@example.com",
            "URL:https://example.com/~john", "END:VCARD",
            "BEGIN:VCARD", "VERSION:2.1", "N:Nowak;Ewa;;;", "FN:Ewa Nowak", "TEL;CELL;PREF:+48 600 100 200"]
third = b64(3, 450)
android += ["PHOTO;ENCODING=BASE64;JPEG:" + chunks(third, 72)[0]] + chunks(third, 72)[1:] + [""]
android += ["END:VCARD",
            "BEGIN:VCARD", "VERSION:2.1", "N:;;;;", "FN:", "TEL;CELL:+48 500 600 700", "END:VCARD"]
write("android-contacts.vcf", android)

# The six-card Android file of the issue, whose sixth card's PHOTO (line 52) cannot be decoded (a '*' and a '%'
# in the middle of it, as from a cut and pasted file).
six = []
people = [("Adam", "Zieli\u0144ski", "=C5=84"), ("Barbara", "Lewandowska", None), ("Cezary", "W\u00f3jcik", "=C3=B3"),
          ("Dorota", "Kami\u0144ska", "=C5=84"), ("Edward", "Kowalczyk", None), ("Felicja", "Szyma\u0144ska", "=C5=84")]
for n, (given, family, escaped) in enumerate(people):
    six += ["BEGIN:VCARD", "VERSION:2.1"]
    if escaped:
        ascii_family = family.replace("\u0144", escaped).replace("\u00f3", escaped)
        six += [f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ascii_family};{given};;;",
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{given} {ascii_family}"]
    else:
        six += [f"N:{family};{given};;;", f"FN:{given} {family}"]
    six += [f"TEL;CELL:+48 60{n} 000 00{n}", f"EMAIL;HOME:{given.lower()}@example.pl"]
    if n in (0, 3, 5):
        data = b64(10 + n, 180)
        if n == 5:
            data = data[:100] + "*" + data[101:140] + "%" + data[141:]
        six += ["PHOTO;ENCODING=BASE64;JPEG:" + chunks(data, 76)[0]] + [" " + c for c in chunks(data, 76)[1:]] + [""]
    six += ["END:VCARD"]
assert [i + 1 for i, l in enumerate(six) if l.startswith("PHOTO")] == [7, 33, 52]
write("android-bad-photo.vcf", six)

# Lotus Notes 8.5 (vCard 3.0 with the RFC 2425 profile properties PROFILE, NAME and SOURCE).
notes = [
    "BEGIN:VCARD", "VERSION:3.0", "PROFILE:VCARD", "NAME:Anna Schmidt", "SOURCE:notes:///8025712A003A1F4E/AnnaSchmidt",
    "N:Schmidt;Anna;;Dr.;", "FN:Dr. Anna Schmidt", "ORG:Beispiel GmbH;Vertrieb", "TITLE:Vertriebsleiterin",
    "TEL;TYPE=WORK,VOICE:+49 89 1234567", "TEL;TYPE=CELL:+49 171 7654321", "TEL;TYPE=WORK,FAX:+49 89 1234568",
    "EMAIL;TYPE=INTERNET,WORK:anna.schmidt@beispiel.de",
    "ADR;TYPE=WORK:;;Hauptstra\u00dfe 1;M\u00fcnchen;Bayern;80331;Deutschland",
    "URL:http://www.beispiel.de", "UID:8A4C1B2E3D4F5A6B8025712A003A1F4E", "REV:2023-11-02T09:15:00Z", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "PROFILE:VCARD", "NAME:Peter Braun", "SOURCE:notes:///8025712A003A1F4E/PeterBraun",
    "N:Braun;Peter;;;", "FN:Peter Braun", "ORG:Beispiel GmbH", "TEL;TYPE=WORK,VOICE:+49 89 1234570",
    "EMAIL;TYPE=INTERNET:peter.braun@beispiel.de", "NOTE:Zust\u00e4ndig f\u00fcr Bayern\\, Baden-W\u00fcrttemberg",
    "UID:5C6D7E8F90A1B2C38025712A003A2B5F", "END:VCARD",
]
write("lotus-notes.vcf", notes)

# Evolution 3.x (vCard 3.0, X-EVOLUTION-* properties), here folded with tabs.
evolution = [
    "BEGIN:VCARD", "VERSION:3.0", "UID:pas-id-65A1B2C300000001", "X-EVOLUTION-FILE-AS:Dupont\\, Marie",
    "FN:Marie Dupont", "N:Dupont;Marie;;;", "NICKNAME:Mimi",
    "EMAIL;X-EVOLUTION-UI-SLOT=1;TYPE=WORK:marie.dupont@exemple.fr",
    "EMAIL;X-EVOLUTION-UI-SLOT=2;TYPE=HOME:marie@maison.example",
    "TEL;X-EVOLUTION-UI-SLOT=1;TYPE=WORK,VOICE:+33 1 23 45 67 89",
    "TEL;X-EVOLUTION-UI-SLOT=2;TYPE=CELL:+33 6 12 34 56 78",
    "ADR;TYPE=WORK:;;12 rue de la Paix;Paris;;75002;France",
    "LABEL;TYPE=WORK:12 rue de la Paix\\nParis 75002\\nFrance",
    "X-EVOLUTION-BLOG-URL:https://blog.exemple.fr/marie",
    "NOTE:Rencontr\u00e9e au salon du livre\\, stand 42. Tr\u00e8s longue note pour qu'elle soit pli\u00e9e sur",
    "\t plusieurs lignes par le client.",
    "CATEGORIES:Travail,Amis", "X-MOZILLA-HTML:FALSE", "REV:2024-01-15T10:00:00Z", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:pas-id-65A1B2C300000002", "X-EVOLUTION-FILE-AS:Martin\\, Luc",
    "FN:Luc Martin", "N:Martin;Luc;;;", "EMAIL;X-EVOLUTION-UI-SLOT=1;TYPE=HOME:luc.martin@exemple.fr",
    "X-EVOLUTION-SPOUSE:Claire", "X-EVOLUTION-ANNIVERSARY:2010-06-19", "BDAY:1975-02-28", "END:VCARD",
]
write("evolution.vcf", evolution)

# Apple Contacts (macOS 13, vCard 3.0): item groups with X-ABLabel, X-ABShowAs, a photo as ENCODING=b,
# bare commas in ADR and NOTE, an escaped colon in a URL, and a group card.
apple_photo = b64(20, 700)
apple = [
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 13.4.1//EN",
    "N:Appleseed;Johnny;;;", "FN:Johnny Appleseed", "ORG:Apple Inc.;", "TITLE:Engineer",
    "item1.EMAIL;type=INTERNET;type=pref:johnny@example.com", "item1.X-ABLabel:_$!<Other>!$_",
    "EMAIL;type=INTERNET;type=WORK:jappleseed@apple.example",
    "TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0199",
    "TEL;type=IPHONE;type=CELL;type=VOICE:+1 (408) 555-0123",
    "item2.ADR;type=HOME;type=pref:;;1 Infinite Loop, Building 3;Cupertino;CA;95014;United States",
    "item2.X-ABADR:us",
    "item3.URL;type=pref:http\\://www.apple.com", "item3.X-ABLabel:_$!<HomePage>!$_",
    "NOTE:Met at WWDC, June 2023",
    "X-SOCIALPROFILE;type=twitter:http://twitter.com/johnny",
]
apple += ["PHOTO;ENCODING=b;TYPE=JPEG:" + chunks(apple_photo, 74)[0]] + [" " + c for c in chunks(apple_photo, 74)[1:]]
apple += ["X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson", "END:VCARD",
          "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 13.4.1//EN", "N:;;;;", "FN:Acme Corp",
          "ORG:Acme Corp;", "X-ABShowAs:COMPANY", "TEL;type=WORK;type=VOICE;type=pref:+1 800 555 0000",
          "X-ABUID:1F0B5E2A-7C3D-4E8F-9A6B-2C4D6E8F0A1B:ABPerson", "END:VCARD",
          "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 13.4.1//EN", "N:Friends", "FN:Friends",
          "X-ADDRESSBOOKSERVER-KIND:group", "UID:9D7A3C1E-0B2F-4D6A-8E5C-7F1A3B5D9C2E",
          "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE", "END:VCARD"]
write("apple-contacts.vcf", apple)

# Google Contacts (Gmail export, vCard 3.0): no UID, CATEGORIES myContacts, item1.X-ABLabel, PHOTO as a URL.
google = [
    "BEGIN:VCARD", "VERSION:3.0", "FN:Mar\u00eda Garc\u00eda", "N:Garc\u00eda;Mar\u00eda;;;",
    "EMAIL;TYPE=INTERNET;TYPE=HOME:maria.garcia@example.es", "TEL;TYPE=CELL:+34 600 123 456",
    "ADR;TYPE=HOME:;;Calle Mayor 1;Madrid;;28013;Espa\u00f1a", "ORG:Ejemplo S.A.", "BDAY:1985-03-14",
    "item1.URL:https\\://maria.example.es", "item1.X-ABLabel:_$!<HomePage>!$_",
    "NOTE:Prima de Luis", "CATEGORIES:myContacts,Familia",
    "PHOTO:https://lh3.googleusercontent.com/contacts/AG6tpzF0example=s100", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Kenji Sato", "N:Sato;Kenji;;;",
    "EMAIL;TYPE=INTERNET;TYPE=WORK:kenji.sato@example.jp", "TEL;TYPE=WORK:+81 3-1234-5678",
    "item1.X-ABRELATEDNAMES:Yuki Sato", "item1.X-ABLabel:_$!<Spouse>!$_", "CATEGORIES:myContacts", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:", "N:;;;;", "EMAIL;TYPE=INTERNET:noname@example.org", "CATEGORIES:myContacts", "END:VCARD",
]
write("google-contacts.vcf", google)

# Thunderbird 115 (vCard 4.0, bare LF line ends) and an old Netscape/Thunderbird card (2.1, lower case).
thunderbird = [
    "BEGIN:VCARD", "VERSION:4.0", "EMAIL;PREF=1:anna.mueller@example.de", "FN:Anna M\u00fcller", "N:M\u00fcller;Anna;;;",
    "NICKNAME:Anni", "NOTE:Erste Zeile\\nZweite Zeile", "ORG:Beispiel AG;Forschung",
    "TEL;TYPE=work;VALUE=TEXT:+49 30 1234567", "TEL;TYPE=cell;VALUE=TEXT:+49 170 1234567",
    "ADR;TYPE=home:;;Hauptstr. 5;Berlin;;10115;Deutschland", "BDAY;VALUE=DATE:19900101",
    "URL;VALUE=URL:https://anna.example.de", "UID:2f8c8d1e-5b6a-4c3d-9e8f-7a6b5c4d3e2f", "END:VCARD",
    "begin:vcard", "fn:Hans Becker", "n:Becker;Hans", "org:Alte Firma", "adr:;;Ringstr. 9;K\u00f6ln;;50667;Germany",
    "email;internet:hans.becker@example.de", "tel;work:+49 221 555 100", "tel;cell:+49 151 555 100",
    "x-mozilla-html:FALSE", "url:http://www.example.de/hans", "version:2.1", "end:vcard",
]
write("thunderbird.vcf", thunderbird, end="\n")

# Outlook 2010 (vCard 2.1 in windows-1252, the file's own bytes): QP with soft line breaks, photos
# indented by four spaces and ended by a blank line, several cards in one file.
outlook_photo = b64(30, 400)
outlook = [
    "BEGIN:VCARD", "VERSION:2.1", "N;LANGUAGE=de-de:M\u00fcller;J\u00fcrgen", "FN:J\u00fcrgen M\u00fcller",
    "ORG:Stra\u00dfenbau AG", "TITLE:Bauleiter",
    "NOTE;ENCODING=QUOTED-PRINTABLE:Termin am Montag=0D=0ABitte R=FCckruf vor 10 Uhr. Preis 12=80 pro Stu=",
    "nde.",
    "TEL;WORK;VOICE:+49 711 555 0100", "TEL;CELL;VOICE:+49 160 555 0100",
    "ADR;WORK;PREF:;;K\u00f6nigstra\u00dfe 12;Stuttgart;;70173;Deutschland",
    "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:K=F6nigstra=DFe 12=0D=0A=",
    "Stuttgart 70173=0D=0A=",
    "Deutschland",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2", "EMAIL;PREF;INTERNET:juergen.mueller@strassenbau.example",
]
outlook += ["PHOTO;TYPE=JPEG;ENCODING=BASE64:"] + ["    " + c for c in chunks(outlook_photo, 72)] + [""]
outlook += ["X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns=\"http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards\" ver=\"1.0\"/>",
            "REV:20230504T081500Z", "END:VCARD",
            "BEGIN:VCARD", "VERSION:2.1", "N;LANGUAGE=fr-fr:L\u00e9vesque;Ren\u00e9", "FN:Ren\u00e9 L\u00e9vesque",
            "ORG:Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "TEL;HOME;VOICE:+33 4 55 66 77 88",
            "EMAIL;PREF;INTERNET:rene.levesque@example.fr", "REV:20230504T081600Z", "END:VCARD"]
write("outlook-windows-1252.vcf", outlook, encoding="cp1252")

# Damaged: a card without END between two whole ones; garbage lines between cards.
missing_end = [
    "BEGIN:VCARD", "VERSION:3.0", "UID:whole-1", "FN:Whole One", "N:One;Whole;;;", "TEL:+1 555 0001", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "UID:cut-2", "FN:Cut Two", "N:Two;Cut;;;", "TEL:+1 555 0002",
    "BEGIN:VCARD", "VERSION:3.0", "UID:whole-3", "FN:Whole Three", "N:Three;Whole;;;", "TEL:+1 555 0003", "END:VCARD",
]
write("missing-end.vcf", missing_end)
garbage = [
    "BEGIN:VCARD", "VERSION:3.0", "UID:g-1", "FN:First Card", "N:Card;First;;;", "END:VCARD",
    "Sent from my iPhone",
    "BEGIN:VCARD", "VERSION:3.0", "UID:g-2", "FN:Second Card", "N:Card;Second;;;", "END:VCARD",
    "==========", "",
    "BEGIN:VCARD", "VERSION:3.0", "UID:g-3", "FN:Third Card", "N:Card;Third;;;", "END:VCARD",
]
write("garbage-between.vcf", garbage)

# Calendars.
berlin = ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
          "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
          "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
          "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
          "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"]
google_cal = [
    "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", "X-WR-CALNAME:Arbeit", "X-WR-TIMEZONE:Europe/Berlin", *berlin,
    "BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20240108T093000", "DTEND;TZID=Europe/Berlin:20240108T094500",
    "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20240331T225959Z;BYDAY=MO,WE,FR",
    "EXDATE;TZID=Europe/Berlin:20240110T093000", "EXDATE;TZID=Europe/Berlin:20240112T093000",
    "DTSTAMP:20240301T120000Z", "ORGANIZER;CN=Team Lead:mailto:lead@example.com", "UID:7kq3m9s2c1v8b0n4x6z5a2d9f1@google.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=lead@example.com;X-NUM-GUESTS=0:mailto:lead@example.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Anna M\u00fcller;X-NUM-GUESTS=0:mailto:anna@example.com",
    "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij", "CREATED:20240105T080000Z",
    "DESCRIPTION:T\u00e4gliches Standup.\\nAgenda: gestern\\, heute\\, Blocker.", "LAST-MODIFIED:20240301T115959Z",
    "LOCATION:", "SEQUENCE:2", "STATUS:CONFIRMED", "SUMMARY:Standup", "TRANSP:OPAQUE",
    "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:This is an event reminder", "TRIGGER:-P0DT0H10M0S", "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20240115T110000", "DTEND;TZID=Europe/Berlin:20240115T111500",
    "DTSTAMP:20240301T120000Z", "UID:7kq3m9s2c1v8b0n4x6z5a2d9f1@google.com",
    "RECURRENCE-ID;TZID=Europe/Berlin:20240115T093000", "CREATED:20240105T080000Z", "LAST-MODIFIED:20240114T180000Z",
    "SEQUENCE:3", "STATUS:CONFIRMED", "SUMMARY:Standup (sp\u00e4ter)", "TRANSP:OPAQUE", "END:VEVENT",
    "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240501", "DTEND;VALUE=DATE:20240502", "DTSTAMP:20240301T120000Z",
    "UID:2q8w4e6r1t3y5u7i9o0p@google.com", "CREATED:20240101T000000Z", "LAST-MODIFIED:20240101T000000Z",
    "SEQUENCE:0", "STATUS:CONFIRMED", "SUMMARY:Tag der Arbeit", "TRANSP:TRANSPARENT", "END:VEVENT",
    "END:VCALENDAR",
]
write("google-calendar.ics", google_cal)

thunderbird_cal = [
    "BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0", *berlin,
    "BEGIN:VEVENT", "CREATED:20240201T090000Z", "LAST-MODIFIED:20240202T090000Z", "DTSTAMP:20240202T090000Z",
    "UID:b7a1c3e5-0d2f-4a6b-8c9e-1f3a5b7c9d0e", "SUMMARY:Zahnarzt", "STATUS:CONFIRMED",
    "DTSTART;TZID=Europe/Berlin:20240220T080000", "DTEND;TZID=Europe/Berlin:20240220T090000",
    "LOCATION:Praxis Dr. Weber", "DESCRIPTION:Kontrolle", "CATEGORIES:Pers\u00f6nlich",
    "X-MOZ-GENERATION:2", "X-MOZ-LASTACK:20240219T080000Z", "X-MOZ-SNOOZE-TIME:20240220T071500Z",
    "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;VALUE=DURATION:-PT1H", "DESCRIPTION:Default Mozilla Description", "END:VALARM",
    "END:VEVENT",
    "BEGIN:VTODO", "CREATED:20240201T090000Z", "LAST-MODIFIED:20240205T090000Z", "DTSTAMP:20240205T090000Z",
    "UID:e3f5a7b9-1c2d-4e6f-8a0b-2c4d6e8f0a1c", "SUMMARY:Steuererkl\u00e4rung", "PRIORITY:1", "STATUS:IN-PROCESS",
    "PERCENT-COMPLETE:40", "DUE;TZID=Europe/Berlin:20240731T235900", "X-MOZ-GENERATION:3", "END:VTODO",
    "END:VCALENDAR",
]
write("thunderbird-calendar.ics", thunderbird_cal, end="\n")

outlook_cal = [
    "BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
    "X-CALSTART:20240304T080000Z", "X-WR-RELCALID:{0000002E-1A2B-3C4D-5E6F-7A8B9C0D1E2F}", "X-WR-CALNAME:Kalender",
    "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT", "CLASS:PUBLIC", "CREATED:20240226T101500Z",
    "DESCRIPTION:Quartalsplanung mit allen Abteilungsleitern. Bitte die Zahlen aus dem letzten Quartal mitbr",
    " ingen und vorab im Teamordner ablegen.\\n",
    "DTEND;TZID=\"W. Europe Standard Time\":20240304T110000", "DTSTAMP:20240226T101500Z",
    "DTSTART;TZID=\"W. Europe Standard Time\":20240304T090000", "LAST-MODIFIED:20240226T101500Z",
    "LOCATION:Besprechungsraum 4.12", "PRIORITY:5", "SEQUENCE:0", "SUMMARY;LANGUAGE=de:Quartalsplanung",
    "TRANSP:OPAQUE", "UID:040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DA01000000000000000010000000F1E2D3C4B5A69788",
    "X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2//EN\">\\n<HTML><BODY><P>Quart",
    " alsplanung</P></BODY></HTML>",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
    "X-MS-OLK-AUTOFILLLOCATION:FALSE", "X-MS-OLK-CONFTYPE:0",
    "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM", "END:VEVENT",
    "BEGIN:VEVENT", "CLASS:PRIVATE", "CREATED:20240226T101600Z", "DTEND;VALUE=DATE:20240330", "DTSTAMP:20240226T101600Z",
    "DTSTART;VALUE=DATE:20240329", "LAST-MODIFIED:20240226T101600Z", "PRIORITY:5", "SEQUENCE:0",
    "SUMMARY;LANGUAGE=de:Karfreitag", "TRANSP:TRANSPARENT",
    "UID:040000008200E00074C5B7101A82E00800000000E1B2C3D4E5F6DA01000000000000000010000000A1B2C3D4E5F60718",
    "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", "X-MICROSOFT-CDO-BUSYSTATUS:FREE", "END:VEVENT",
    "END:VCALENDAR",
]
write("outlook-calendar.ics", outlook_cal)

# RFC 5545 §3.6.2-§3.6.4 examples: a to-do, a journal entry and free/busy time (which is no calendar item).
rfc = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ABC Corporation//NONSGML My Product//EN",
    "BEGIN:VTODO", "UID:20070313T123432Z-456553@example.com", "DTSTAMP:20070313T123432Z", "DUE;VALUE=DATE:20070501",
    "SUMMARY:Submit Quebec Income Tax Return for 2006", "CLASS:CONFIDENTIAL", "CATEGORIES:FAMILY,FINANCE",
    "STATUS:NEEDS-ACTION", "END:VTODO",
    "BEGIN:VJOURNAL", "UID:19970901T130000Z-123405@example.com", "DTSTAMP:19970901T130000Z",
    "DTSTART;VALUE=DATE:19970317", "SUMMARY:Staff meeting minutes",
    "DESCRIPTION:1. Staff meeting: Participants include Joe\\, Lisa\\, and Bob. Aurora project plans were",
    "  reviewed. There is currently no budget reserves for this project. Lisa will escalate to",
    "  management. Next meeting on Tuesday.\\n", "END:VJOURNAL",
    "BEGIN:VFREEBUSY", "UID:19970901T115957Z-76A912@example.com", "ORGANIZER:mailto:jane_doe@example.com",
    "ATTENDEE:mailto:john_public@example.com", "DTSTART:19971015T050000Z", "DTEND:19971016T050000Z",
    "DTSTAMP:19970901T083000Z", "FREEBUSY:19971015T050000Z/PT8H30M,19971015T160000Z/PT5H30M,19971015T223000Z/PT6H30M",
    "END:VFREEBUSY",
    "END:VCALENDAR",
]
write("rfc5545-todo-journal-freebusy.ics", rfc)

# Damaged calendars: a DTSTART whose TZID quote is never closed; an export cut in the middle of an event.
broken = [
    "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN", *berlin,
    "BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20240311T100000", "DTEND;TZID=Europe/Berlin:20240311T110000",
    "DTSTAMP:20240301T120000Z", "UID:ok-before@example.com", "SUMMARY:Before", "END:VEVENT",
    "BEGIN:VEVENT", "DTSTART;TZID=\"Europe/Berlin:20240312T100000", "DTEND;TZID=Europe/Berlin:20240312T110000",
    "DTSTAMP:20240301T120000Z", "UID:broken-start@example.com", "SUMMARY:Broken start", "END:VEVENT",
    "BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20240313T100000", "DTEND;TZID=Europe/Berlin:20240313T110000",
    "DTSTAMP:20240301T120000Z", "UID:ok-after@example.com", "SUMMARY:After", "END:VEVENT",
    "END:VCALENDAR",
]
write("broken-dtstart.ics", broken)
truncated = outlook_cal[:outlook_cal.index("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")]
write("truncated.ics", truncated)

for name in sorted(os.listdir(HERE)):
    if name.endswith((".vcf", ".ics")):
        print(name)
