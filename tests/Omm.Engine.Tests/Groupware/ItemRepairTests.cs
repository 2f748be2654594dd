using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Groupware;
using Omm.Engine.Tests.Dav;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// The repairs on their own: lines Omm's reader does not take either (a property name with a space, a parameter
/// without a name, base64 that is not) rewritten so that both real servers take the item; UNTIL made the type DTSTART
/// requires; what cannot be repaired left alone.
/// </summary>
public sealed class ItemRepairTests(DavServersFixture servers) : IClassFixture<DavServersFixture>
{
    public static TheoryData<string, string, string, string> UnreadableLines => new()
    {
        { "card-name", Card("X-A B:1"), "renamed the property 'X-A B' to X-A-B", "X-A-B:1" },
        { "card-underscore", Card("X_LOTUS NOTE:kept"), "renamed the property 'X_LOTUS NOTE' to X-LOTUS-NOTE", "X-LOTUS-NOTE:kept" },
        { "card-parameter", Card("EMAIL;=x;TYPE=INTERNET:ann@example.test"), "dropped a parameter without a name of EMAIL", "EMAIL;TYPE=INTERNET:ann@example.test" },
        { "card-photo", Card("PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64"), "dropped PHOTO: its base64 data (12 characters) is damaged and cannot be decoded", "FN:Ann Example" },
        { "event-name", Event("X-A B:1"), "renamed the property 'X-A B' to X-A-B", "X-A-B:1" },
        { "event-parameter", Event("LOCATION;=x:Room 1"), "dropped a parameter without a name of LOCATION", "LOCATION:Room 1" },
    };

    [Theory]
    [MemberData(nameof(UnreadableLines))]
    public async Task A_line_no_reader_takes_is_rewritten_and_both_servers_take_the_item(string name, string text, string change, string kept)
    {
        var repaired = text.Contains("VCARD") ? VCardRepair.Repair(text, []) : CalendarRepair.Repair(text);

        Assert.NotNull(repaired);
        Assert.Contains(change, repaired.Changes);
        foreach (var server in new[] { DavServersFixture.RadicaleName, DavServersFixture.XandikosName })
        {
            using var client = servers.Client(server);
            var collection = text.Contains("VCARD")
                ? await client.CreateAddressBookAsync($"Repair {name}", null, CancellationToken.None)
                : await client.CreateCalendarAsync($"Repair {name}", null, null, [], CancellationToken.None);
            var contentType = text.Contains("VCARD") ? "text/vcard" : "text/calendar";
            if (server == DavServersFixture.RadicaleName)
            {
                // Radicale refuses the text as it was...
                var refusal = await Assert.ThrowsAsync<DavException>(() => client.PutAsync(collection.Href + "as-it-was", contentType, text, null, CancellationToken.None));
                Assert.Equal(400, refusal.StatusCode);
            }

            // ...and both take the repaired one, with the value under its new name.
            var written = await client.PutAsync(collection.Href + "repaired", contentType, repaired.Text, null, CancellationToken.None);
            Assert.Equal(DavWriteOutcome.Created, written.Outcome);
            var stored = await client.GetAsync(collection.Href + "repaired", CancellationToken.None);
            Assert.Contains(kept, stored!.Data.Replace("\r\n ", string.Empty));
        }
    }

    [Theory]
    [InlineData("DTSTART:20240105T100000Z", "20240301T100000", "20240301T100000Z")]
    [InlineData("DTSTART:20240105T100000Z", "20240301", "20240301T235959Z")]
    [InlineData("DTSTART;TZID=Europe/Paris:20240105T100000", "20240301T100000", "20240301T090000Z")]
    [InlineData("DTSTART;TZID=Europe/Paris:20240105T100000", "20240301", "20240301T225959Z")]
    [InlineData("DTSTART;TZID=America/New_York:20240705T100000", "20240801", "20240802T035959Z")]
    [InlineData("DTSTART;TZID=Europe/Paris:20240105T100000", "20240301T090000Z", null)]
    [InlineData("DTSTART;VALUE=DATE:20240105", "20240301T000000Z", "20240301")]
    [InlineData("DTSTART;VALUE=DATE:20240105", "20240301T000000", "20240301")]
    [InlineData("DTSTART:20240105T100000", "20240301T100000Z", "20240301T100000")]
    [InlineData("DTSTART:20240105T100000", "20240301", "20240301T235959")]
    [InlineData("DTSTART:20240105T100000Z", "2024-03-01T10:00:00+01:00", "20240301T090000Z")]
    public void Until_is_made_the_type_dtstart_requires(string start, string until, string? expected)
    {
        var repaired = CalendarRepair.Repair(Event(start, $"RRULE:FREQ=WEEKLY;UNTIL={until}"));

        if (expected == null)
            Assert.Null(repaired);
        else
            Assert.Equal($"wrote RRULE:FREQ=WEEKLY;UNTIL={until} as FREQ=WEEKLY;UNTIL={expected}", Assert.Single(repaired!.Changes));
    }

    [Fact]
    public void A_zone_the_system_does_not_know_is_read_by_the_items_own_definition_and_the_guess_is_said()
    {
        var zone = "BEGIN:VTIMEZONE\r\nTZID:Custom Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
        var text = Event("DTSTART;TZID=Custom Standard Time:20240105T100000", "RRULE:FREQ=DAILY;UNTIL=20240110").Replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT");

        var repaired = CalendarRepair.Repair(text)!;

        Assert.Equal(new[]
        {
            "wrote RRULE:FREQ=DAILY;UNTIL=20240110 as FREQ=DAILY;UNTIL=20240110T205959Z",
            "the time zone 'Custom Standard Time' is not known here: its standard offset +0300 was used",
        }, repaired.Changes);
    }

    [Theory]
    [InlineData("RRULE:FREQ=FORTNIGHTLY")]
    [InlineData("LOCATION:Nothing wrong")]
    public void What_cannot_be_repaired_or_needs_nothing_gives_no_repair(string line)
    {
        Assert.Null(CalendarRepair.Repair(Event("DTSTART:20240105T100000Z", line)));
    }

    [Fact]
    public void A_vcard_4_goes_as_3_when_refused()
    {
        var card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:four@omm.test\r\nFN:Four Person\r\nN:Person;Four;;;\r\nTEL;VALUE=uri:tel:+1-555-0100\r\nEND:VCARD\r\n";
        var item = SourceItem.Contact(new SourceEntry("four@omm.test", "1", ItemType.Contacts, "Four"), Omm.Engine.Contacts.VCard.Parse(card));

        var repaired = DestinationFormat.Repair(item, card)!;

        Assert.Equal("sent it as vCard 3.0 instead of 4.0", repaired.Changes[0]);
        Assert.Contains("VERSION:3.0\r\n", repaired.Text);
        Assert.Equal("3.0", Omm.Engine.Contacts.VCard.Parse(repaired.Text).Version);
    }

    private static string Card(string line) =>
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:repair-{Guid.NewGuid():N}@omm.test\r\nFN:Ann Example\r\nN:Example;Ann;;;\r\n{line}\r\nEND:VCARD\r\n";

    private static string Event(string line) => Event("DTSTART:20240105T100000Z", line);

    private static string Event(string start, string line) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:repair-{Guid.NewGuid():N}@omm.test\r\nDTSTAMP:20240101T000000Z\r\n{start}\r\nSUMMARY:Repair\r\n{line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}
