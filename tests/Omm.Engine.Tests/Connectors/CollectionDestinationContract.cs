using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Tests.Groupware;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// What every <see cref="ICollectionDestination"/> must do, as the pass relies on it: run against each kind (real
/// Radicale and Xandikos through the DAV adapter, and the in-memory one the pass tests use, which the real servers
/// keep honest). Each test makes collections of its own, so the kinds may share one account.
/// </summary>
public abstract class CollectionDestinationContract
{
    private const string VCard = "text/vcard; charset=utf-8";

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    private protected abstract ICollectionDestination Open();

    [Fact]
    public async Task Created_collections_are_listed_with_their_kind_and_name()
    {
        using var destination = Open();
        var book = await destination.CreateAddressBookAsync($"Book {run}", "Friends and family", CancellationToken.None);
        var calendar = await destination.CreateCalendarAsync($"Calendar {run}", "#FF8800", null, ["VEVENT"], CancellationToken.None);
        var tasks = await destination.CreateCalendarAsync($"Tasks {run}", null, null, ["VTODO"], CancellationToken.None);

        var listed = await destination.ListCollectionsAsync(CancellationToken.None);

        Assert.Equal(3, new[] { book.Key, calendar.Key, tasks.Key }.Distinct(destination.KeyComparer).Count());
        foreach (var (created, kind, name, components) in new[]
                 {
                     (book, DavCollectionKind.AddressBook, $"Book {run}", Array.Empty<string>()),
                     (calendar, DavCollectionKind.Calendar, $"Calendar {run}", new[] { "VEVENT" }),
                     (tasks, DavCollectionKind.Calendar, $"Tasks {run}", new[] { "VTODO" }),
                 })
        {
            var found = Assert.Single(listed, c => destination.KeyComparer.Equals(c.Key, created.Key));
            Assert.Equal((kind, name), (found.Kind, found.Name));
            // A destination may not keep the restriction (Xandikos reports every type), but it takes what was asked for.
            Assert.True(found.Components.Count == 0 || components.All(found.Components.Contains), string.Join(",", found.Components));
        }
    }

    [Fact]
    public async Task A_new_item_is_created_once_and_read_back_with_its_version()
    {
        using var destination = Open();
        var book = await destination.CreateAddressBookAsync($"Create {run}", null, CancellationToken.None);
        var key = destination.NewItemKey(book, "contact-1@omm.test", VCard);
        Assert.Equal(key, destination.NewItemKey(book, "contact-1@omm.test", VCard));

        var created = await destination.WriteItemAsync(book, key, VCard, GroupwareSamples.Contact(1), null, null, CancellationToken.None);

        Assert.Equal(CollectionWriteOutcome.Created, created.Outcome);
        Assert.False(created.IsFailure);
        Assert.NotNull(created.Version);
        var read = await destination.ReadItemAsync(book, key, CancellationToken.None);
        Assert.Equal(ContentFacts.Of(GroupwareSamples.Contact(1)), ContentFacts.Of(read!.Data));
        Assert.Equal(created.Version, read.Version);
        Assert.Equal(created.Version, await destination.ReadVersionAsync(book, key, CancellationToken.None));
        var listed = Assert.Single(await destination.ListItemsAsync(book, CancellationToken.None));
        Assert.True(destination.KeyComparer.Equals(key, listed.Key));
        Assert.Equal(created.Version, listed.Version);

        var again = await destination.WriteItemAsync(book, key, VCard, GroupwareSamples.Contact(1, "a second copy"), null, null, CancellationToken.None);

        Assert.Equal(CollectionWriteOutcome.AlreadyThere, again.Outcome);
        Assert.False(again.IsFailure);
        Assert.DoesNotContain("a second copy", (await destination.ReadItemAsync(book, key, CancellationToken.None))!.Data);
    }

    [Fact]
    public async Task An_update_at_the_current_version_replaces_the_item_and_one_at_a_stale_version_is_refused()
    {
        using var destination = Open();
        var book = await destination.CreateAddressBookAsync($"Update {run}", null, CancellationToken.None);
        var key = destination.NewItemKey(book, "contact-2@omm.test", VCard);
        var first = await destination.WriteItemAsync(book, key, VCard, GroupwareSamples.Contact(2), null, null, CancellationToken.None);

        var updated = await destination.WriteItemAsync(book, key, VCard, GroupwareSamples.Contact(2, "Moved to Lyon"), first.Version, null, CancellationToken.None);

        Assert.Equal(CollectionWriteOutcome.Updated, updated.Outcome);
        Assert.NotNull(updated.Version);
        Assert.NotEqual(first.Version, updated.Version);
        Assert.Contains("Moved to Lyon", (await destination.ReadItemAsync(book, key, CancellationToken.None))!.Data);

        var stale = await destination.WriteItemAsync(book, key, VCard, GroupwareSamples.Contact(2, "Moved to Nantes"), first.Version, null, CancellationToken.None);

        Assert.Equal(CollectionWriteOutcome.ChangedThere, stale.Outcome);
        Assert.False(stale.IsFailure);
        var kept = await destination.ReadItemAsync(book, key, CancellationToken.None);
        Assert.Contains("Moved to Lyon", kept!.Data);
        Assert.Equal(updated.Version, kept.Version);
    }

    [Fact]
    public async Task Data_that_is_no_vcard_is_refused_as_invalid_with_the_reason()
    {
        using var destination = Open();
        var book = await destination.CreateAddressBookAsync($"Invalid {run}", null, CancellationToken.None);
        var key = destination.NewItemKey(book, "not-a-card@omm.test", VCard);

        var refused = await destination.WriteItemAsync(book, key, VCard, "This is not a vCard.\r\n", null, null, CancellationToken.None);

        Assert.Equal(CollectionWriteOutcome.RefusedAsInvalid, refused.Outcome);
        Assert.True(refused.IsFailure);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        Assert.Null(await destination.ReadItemAsync(book, key, CancellationToken.None));
        Assert.Empty(await destination.ListItemsAsync(book, CancellationToken.None));
    }

    [Fact]
    public async Task Deleted_items_are_gone_and_only_an_empty_collection_is_deleted()
    {
        using var destination = Open();
        var calendar = await destination.CreateCalendarAsync($"Delete {run}", null, null, [], CancellationToken.None);
        var key = destination.NewItemKey(calendar, "event-1@omm.test", "text/calendar; charset=utf-8");
        await destination.WriteItemAsync(calendar, key, "text/calendar; charset=utf-8", GroupwareSamples.Event(1), null, null, CancellationToken.None);

        Assert.False(await destination.DeleteEmptyCollectionAsync(calendar, CancellationToken.None));
        Assert.Contains(await destination.ListCollectionsAsync(CancellationToken.None), c => destination.KeyComparer.Equals(c.Key, calendar.Key));

        Assert.True(await destination.DeleteItemAsync(calendar.Key, key, CancellationToken.None));
        Assert.False(await destination.DeleteItemAsync(calendar.Key, key, CancellationToken.None));
        Assert.Null(await destination.ReadItemAsync(calendar, key, CancellationToken.None));
        Assert.Null(await destination.ReadVersionAsync(calendar, key, CancellationToken.None));
        Assert.Empty(await destination.ListItemsAsync(calendar, CancellationToken.None));

        Assert.True(await destination.DeleteEmptyCollectionAsync(calendar, CancellationToken.None));
        Assert.DoesNotContain(await destination.ListCollectionsAsync(CancellationToken.None), c => destination.KeyComparer.Equals(c.Key, calendar.Key));
    }
}
