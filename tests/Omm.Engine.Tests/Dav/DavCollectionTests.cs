using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Tests.Dav;

/// <summary>Creating address books and calendars, and what each server keeps of their properties.</summary>
public sealed class DavCollectionTests(DavServersFixture servers) : IClassFixture<DavServersFixture>
{
    [Theory]
    [InlineData(DavServersFixture.RadicaleName, "/alice/")]
    [InlineData(DavServersFixture.XandikosName, "/user/contacts/")]
    public async Task An_address_book_is_created_under_the_home_and_listed_back(string server, string home)
    {
        using var client = servers.Client(server);
        var book = await client.CreateAddressBookAsync("Kontakte Büro", "Everyone at the office", CancellationToken.None);

        Assert.Equal(home + "kontakte-buro/", book.Href);
        Assert.Equal(DavCollectionKind.AddressBook, book.Kind);
        Assert.Equal("Kontakte Büro", book.DisplayName);
        Assert.Equal("Everyone at the office", book.Description);
        var listed = Assert.Single(await client.ListCollectionsAsync(CancellationToken.None), c => c.Href == book.Href);
        Assert.Equal(DavCollectionKind.AddressBook, listed.Kind);
        Assert.Equal("Kontakte Büro", listed.DisplayName);
        Assert.Equal("Everyone at the office", listed.Description);
        Assert.NotNull(listed.CTag);
        Assert.NotNull(listed.SyncToken);
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName, "/alice/")]
    [InlineData(DavServersFixture.XandikosName, "/user/calendars/")]
    public async Task Calendars_are_created_with_name_colour_and_components(string server, string home)
    {
        using var client = servers.Client(server);
        var events = await client.CreateCalendarAsync("Team Events", "#FF8800", "Meetings and trips", ["VEVENT"], CancellationToken.None);
        var tasks = await client.CreateCalendarAsync("Team Tasks", "#00AA44", null, ["VTODO"], CancellationToken.None);

        Assert.Equal(home + "team-events/", events.Href);
        Assert.Equal(home + "team-tasks/", tasks.Href);
        var listed = await client.ListCollectionsAsync(CancellationToken.None);
        var eventsListed = Assert.Single(listed, c => c.Href == events.Href);
        var tasksListed = Assert.Single(listed, c => c.Href == tasks.Href);
        Assert.Equal(DavCollectionKind.Calendar, eventsListed.Kind);
        Assert.Equal("Team Events", eventsListed.DisplayName);
        Assert.Equal("#FF8800", eventsListed.Color);
        Assert.Equal("Team Tasks", tasksListed.DisplayName);
        Assert.Equal("#00AA44", tasksListed.Color);
        Assert.True(tasksListed.Accepts("VTODO"));
        if (server == DavServersFixture.RadicaleName)
        {
            Assert.Equal("Meetings and trips", eventsListed.Description);
            Assert.Equal(["VEVENT"], eventsListed.Components);
            Assert.Equal(["VTODO"], tasksListed.Components);
            Assert.False(tasksListed.Accepts("VEVENT"));
        }
        else
        {
            // Xandikos 0.2.8 cannot store a calendar description, and every calendar takes all four components.
            Assert.Null(eventsListed.Description);
            Assert.Equal(["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"], eventsListed.Components);
            Assert.Equal(["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"], tasksListed.Components);
        }
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task A_second_collection_with_the_same_name_gets_its_own_href(string server)
    {
        using var client = servers.Client(server);
        var first = await client.CreateAddressBookAsync("Family", null, CancellationToken.None);
        var second = await client.CreateAddressBookAsync("Family", null, CancellationToken.None);
        var third = await client.CreateCalendarAsync("Family", null, null, [], CancellationToken.None);

        Assert.EndsWith("/family/", first.Href);
        Assert.EndsWith("/family-2/", second.Href);
        Assert.Equal("Family", second.DisplayName);
        Assert.NotEqual(first.Href, third.Href);
        Assert.Equal(DavCollectionKind.Calendar, third.Kind);
    }
}
