using Omm.Engine.Calendars;
using Omm.Engine.Connectors;
using Omm.Engine.Contacts;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Groupware;

namespace Omm.Engine.Tests.Connectors;

/// <summary>A collection source kept in dictionaries: collections by name, items by UID, each item's version a hash of its text.</summary>
internal sealed class InMemoryCollectionSource : ICollectionSource
{
    private readonly Dictionary<string, (SourceCollection Collection, Dictionary<string, string> Items)> collections = new(StringComparer.Ordinal);

    public string Description => "memory";

    public void AddAddressBook(string name) =>
        collections.Add(name, (new SourceCollection(name, DavCollectionKind.AddressBook, name, []), new Dictionary<string, string>(StringComparer.Ordinal)));

    public void AddCalendar(string name, params string[] components) =>
        collections.Add(name, (new SourceCollection(name, DavCollectionKind.Calendar, name, components), new Dictionary<string, string>(StringComparer.Ordinal)));

    /// <summary>Adds or changes an item.</summary>
    public void Put(string collection, string uid, string text) => collections[collection].Items[uid] = text;

    public Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceCollection>>(collections.Values.Select(c => c.Collection).ToList());

    public Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceEntry>>(collections[collection.Key].Items.Select(i => EntryOf(collection, i.Key, i.Value)).ToList());

    public Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken)
    {
        var held = collections[collection.Key].Items;
        return Task.FromResult<IReadOnlyList<SourceItem>>(entries.Select(e => collection.Kind == DavCollectionKind.AddressBook
            ? SourceItem.Contact(e, VCard.Parse(held[e.Key]))
            : SourceItem.CalendarItem(e, CalendarObject.Parse(held[e.Key]), held[e.Key])).ToList());
    }

    public void Dispose()
    {
    }

    private static SourceEntry EntryOf(SourceCollection collection, string uid, string text) =>
        new(uid, ContentVersion.Of(text), collection.Kind == DavCollectionKind.AddressBook ? ItemType.Contacts : null, uid);
}
