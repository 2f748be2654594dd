using System.Net;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Tests.Dav;

/// <summary>Finding the principal, its home sets and its collections on real servers.</summary>
public sealed class DavDiscoveryTests(DavServersFixture servers) : IClassFixture<DavServersFixture>
{
    [Fact]
    public async Task Radicale_from_the_bare_server_url_finds_the_users_principal_as_both_homes()
    {
        using var client = servers.Client(DavServersFixture.RadicaleName);
        var account = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal("/alice/", account.Principal);
        Assert.Equal(["/alice/"], account.CalendarHomes);
        Assert.Equal(["/alice/"], account.AddressBookHomes);
        Assert.Same(account, await client.DiscoverAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Radicale_from_a_principal_url_finds_the_same_homes()
    {
        using var client = new DavClient(servers.Radicale.PrincipalUrl("bob"), new NetworkCredential("bob", servers.Radicale.Password), false);
        var account = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal("/bob/", account.Principal);
        Assert.Equal(["/bob/"], account.CalendarHomes);
        Assert.Equal(["/bob/"], account.AddressBookHomes);
    }

    [Fact]
    public async Task Xandikos_from_the_bare_server_url_finds_separate_homes_and_its_default_collections()
    {
        using var client = servers.Client(DavServersFixture.XandikosName);
        var account = await client.DiscoverAsync(CancellationToken.None);
        Assert.Equal("/user/", account.Principal);
        Assert.Equal(["/user/calendars/"], account.CalendarHomes);
        Assert.Equal(["/user/contacts/"], account.AddressBookHomes);

        var collections = await client.ListCollectionsAsync(CancellationToken.None);
        var calendar = Assert.Single(collections, c => c.Href == servers.Xandikos.DefaultCalendar);
        Assert.Equal(DavCollectionKind.Calendar, calendar.Kind);
        Assert.Equal("calendar", calendar.DisplayName);
        Assert.Equal(["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"], calendar.Components);
        Assert.False(string.IsNullOrEmpty(calendar.CTag));
        Assert.False(string.IsNullOrEmpty(calendar.SyncToken));

        var book = Assert.Single(collections, c => c.Href == servers.Xandikos.DefaultAddressBook);
        Assert.Equal(DavCollectionKind.AddressBook, book.Kind);
        Assert.Equal("addressbook", book.DisplayName);
        Assert.Equal(["3.0"], book.AddressDataVersions);
        Assert.Empty(book.Components);
        Assert.False(string.IsNullOrEmpty(book.CTag));
        Assert.False(string.IsNullOrEmpty(book.SyncToken));
    }

    [Fact]
    public async Task Radicale_lists_only_the_users_own_collections_with_their_properties()
    {
        using (var bob = new DavClient(servers.Radicale.Url, new NetworkCredential("bob", servers.Radicale.Password), false))
            await bob.CreateCalendarAsync("Bob private", null, null, [], CancellationToken.None);
        using var client = servers.Client(DavServersFixture.RadicaleName);
        var created = await client.CreateCalendarAsync("Listed Calendar", "#3366CC", "For the listing test", ["VEVENT"], CancellationToken.None);

        var listed = Assert.Single(await client.ListCollectionsAsync(CancellationToken.None), c => c.Href == created.Href);
        Assert.Equal(DavCollectionKind.Calendar, listed.Kind);
        Assert.Equal("Listed Calendar", listed.DisplayName);
        Assert.Equal("#3366CC", listed.Color);
        Assert.Equal("For the listing test", listed.Description);
        Assert.Equal(["VEVENT"], listed.Components);
        Assert.StartsWith("\"", listed.CTag);
        Assert.StartsWith("http://radicale.org/ns/sync/", listed.SyncToken);
        Assert.DoesNotContain(await client.ListCollectionsAsync(CancellationToken.None), c => c.Href.StartsWith("/bob/", StringComparison.Ordinal));
    }
}
