using System.Globalization;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// A collection destination kept in dictionaries, for tests of the pass that run in milliseconds. Knobs make it
/// refuse items as invalid (beyond data that is no vCard or iCalendar object, which it always refuses), see items change "there" between passes, and fail requests as a real server may; what
/// it holds can be read back. <see cref="CollectionDestinationContract"/> checks it behaves as Radicale and Xandikos do.
/// </summary>
internal sealed class InMemoryCollectionDestination : ICollectionDestination
{
    private readonly object gate = new();
    private readonly List<DestinationCollection> collections = [];
    private readonly Dictionary<string, Dictionary<string, DestinationItem>> items = new(StringComparer.Ordinal);
    private readonly List<WriteFault> faults = [];
    private int lastVersion;
    private int requestsToFail;

    public IEqualityComparer<string> KeyComparer => StringComparer.Ordinal;

    /// <summary>Writes received, including refused ones.</summary>
    public int Writes { get; private set; }

    /// <summary>Writes whose data contains <paramref name="marker"/> are refused as invalid, the next <paramref name="times"/> times.</summary>
    public void RefuseAsInvalid(string marker, int times = int.MaxValue) =>
        AddFault(marker, times, key => CollectionWrite.Failed(CollectionWriteOutcome.RefusedAsInvalid, key, $"The destination found '{marker}' invalid."));

    /// <summary>Writes whose data contains <paramref name="marker"/> keep failing (as a request that breaks the connection), the next <paramref name="times"/> times.</summary>
    public void BreakWrites(string marker, int times) =>
        AddFault(marker, times, key => CollectionWrite.Failed(CollectionWriteOutcome.KeptFailing, key, "The connection broke each time this item was sent."));

    /// <summary>The next <paramref name="count"/> requests, of any kind, fail as a lost connection does.</summary>
    public void FailNextRequests(int count)
    {
        lock (gate)
            requestsToFail = count;
    }

    /// <summary>Someone edits an item on the destination: new content, new version.</summary>
    public void ChangeThere(string key, string data)
    {
        lock (gate)
        {
            var collection = items.Single(c => c.Value.ContainsKey(key)).Value;
            collection[key] = new DestinationItem(key, NextVersion(), data);
        }
    }

    /// <summary>The items of the collection named <paramref name="name"/>, by key.</summary>
    public IReadOnlyDictionary<string, DestinationItem> ItemsIn(string name)
    {
        lock (gate)
        {
            var collection = collections.Single(c => c.Name == name);
            return new Dictionary<string, DestinationItem>(items[collection.Key], StringComparer.Ordinal);
        }
    }

    public Task<IReadOnlyList<DestinationCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        Run<IReadOnlyList<DestinationCollection>>(() => collections.ToList());

    public Task<DestinationCollection> CreateAddressBookAsync(string displayName, string? description, CancellationToken cancellationToken) =>
        Run(() => Add(new DestinationCollection(NewCollectionKey(displayName), DavCollectionKind.AddressBook, displayName, contactVersions: ["3.0", "4.0"])));

    public Task<DestinationCollection> CreateCalendarAsync(string displayName, string? color, string? description, IReadOnlyList<string> components,
        CancellationToken cancellationToken) =>
        Run(() => Add(new DestinationCollection(NewCollectionKey(displayName), DavCollectionKind.Calendar, displayName, components)));

    public Task<IReadOnlyList<DestinationEntry>> ListItemsAsync(DestinationCollection collection, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<DestinationEntry>>(() => ItemsOf(collection.Key).Values.Select(i => new DestinationEntry(i.Key, i.Version)).ToList());

    public Task<DestinationItem?> ReadItemAsync(DestinationCollection collection, string key, CancellationToken cancellationToken) =>
        Run(() => ItemsOf(collection.Key).GetValueOrDefault(key));

    public Task<string?> ReadVersionAsync(DestinationCollection collection, string key, CancellationToken cancellationToken) =>
        Run(() => ItemsOf(collection.Key).GetValueOrDefault(key)?.Version);

    public string NewItemKey(DestinationCollection collection, string uid, string contentType) =>
        collection.Key + Uri.EscapeDataString(uid) + (contentType.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase) ? ".vcf" : ".ics");

    public Task<CollectionWrite> WriteItemAsync(DestinationCollection collection, string key, string contentType, string data, string? expectedVersion,
        object? native, CancellationToken cancellationToken) =>
        Run(() =>
        {
            Writes++;
            var fault = faults.FirstOrDefault(f => f.Remaining > 0 && data.Contains(f.Marker, StringComparison.Ordinal));
            if (fault != null)
            {
                fault.Remaining--;
                return fault.Answer(key);
            }

            var component = contentType.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase) ? "VCARD" : "VCALENDAR";
            if (!IsOne(component, data))
                return CollectionWrite.Failed(CollectionWriteOutcome.RefusedAsInvalid, key, $"The destination found no {component} object in the data.");

            var held = ItemsOf(collection.Key);
            held.TryGetValue(key, out var there);
            if (expectedVersion == null && there != null)
                return CollectionWrite.NotWritten(CollectionWriteOutcome.AlreadyThere, key, 1);
            if (expectedVersion != null && there?.Version != expectedVersion)
                return CollectionWrite.NotWritten(CollectionWriteOutcome.ChangedThere, key, 1);
            held[key] = new DestinationItem(key, NextVersion(), data);
            return CollectionWrite.Written(there == null ? CollectionWriteOutcome.Created : CollectionWriteOutcome.Updated, key, held[key].Version, 1);
        });

    public Task<bool> DeleteItemAsync(string collectionKey, string key, CancellationToken cancellationToken) =>
        Run(() => items.TryGetValue(collectionKey, out var held) && held.Remove(key));

    public Task<bool> DeleteEmptyCollectionAsync(DestinationCollection collection, CancellationToken cancellationToken) =>
        Run(() =>
        {
            if (ItemsOf(collection.Key).Count > 0)
                return false;
            items.Remove(collection.Key);
            collections.RemoveAll(c => c.Key == collection.Key);
            return true;
        });

    public void Dispose()
    {
    }

    /// <summary>One request: under the lock, unless it is one of those <see cref="FailNextRequests"/> asked to fail.</summary>
    private Task<T> Run<T>(Func<T> request)
    {
        lock (gate)
        {
            if (requestsToFail > 0)
            {
                requestsToFail--;
                throw new MigrationFailedException(FailureKind.ConnectionLost, "The connection to the in-memory destination was lost.");
            }

            return Task.FromResult(request());
        }
    }

    /// <exception cref="MigrationFailedException">No such collection, as a server answers 404 to a listing of one.</exception>
    private Dictionary<string, DestinationItem> ItemsOf(string collectionKey) =>
        items.TryGetValue(collectionKey, out var held)
            ? held
            : throw new MigrationFailedException(FailureKind.Protocol, $"The in-memory destination has no collection '{collectionKey}'.");

    private DestinationCollection Add(DestinationCollection collection)
    {
        collections.Add(collection);
        items[collection.Key] = new Dictionary<string, DestinationItem>(StringComparer.Ordinal);
        return collection;
    }

    private string NewCollectionKey(string displayName)
    {
        var slug = Uri.EscapeDataString(displayName.ToLowerInvariant());
        var key = $"/{slug}/";
        for (var n = 2; items.ContainsKey(key); n++)
            key = $"/{slug}-{n.ToString(CultureInfo.InvariantCulture)}/";
        return key;
    }

    /// <summary>As a server checks it first: the data is one BEGIN:<paramref name="component"/> ... END:<paramref name="component"/>.</summary>
    private static bool IsOne(string component, string data)
    {
        var text = data.Trim();
        return text.StartsWith($"BEGIN:{component}", StringComparison.OrdinalIgnoreCase) && text.EndsWith($"END:{component}", StringComparison.OrdinalIgnoreCase);
    }

    private string NextVersion() => $"\"v{(++lastVersion).ToString(CultureInfo.InvariantCulture)}\"";

    private void AddFault(string marker, int times, Func<string, CollectionWrite> answer)
    {
        lock (gate)
            faults.Add(new WriteFault(marker, times, answer));
    }

    private sealed class WriteFault(string marker, int remaining, Func<string, CollectionWrite> answer)
    {
        public string Marker { get; } = marker;

        public int Remaining { get; set; } = remaining;

        public Func<string, CollectionWrite> Answer { get; } = answer;
    }
}
