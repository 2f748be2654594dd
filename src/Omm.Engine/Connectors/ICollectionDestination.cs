using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// A destination of contacts, calendars and tasks kept in collections (address books, calendars, task lists): a
    /// CalDAV/CardDAV account today. Collections and items are known by keys, opaque to the pass and recorded in the
    /// state to find them again on the next pass; an item's version changes whenever the item changes there, so that
    /// a write can say "only if it is still this version". Requests that fail for a moment are sent again behind
    /// the contract. Methods may run concurrently.
    /// <para>
    /// Failures: whatever concerns one item only comes back from <see cref="WriteItemAsync"/> as its
    /// <see cref="CollectionWrite.Outcome"/>; any other failure (the destination cannot be reached, refuses the
    /// login or a request) is a <see cref="MigrationFailedException"/> whose kind says whether a retry may help.
    /// </para>
    /// </summary>
    internal interface ICollectionDestination : IDisposable
    {
        /// <summary>Tells whether two keys name the same collection or item (a destination may spell one key in several ways).</summary>
        IEqualityComparer<string> KeyComparer { get; }

        /// <summary>Its address books, calendars and task lists.</summary>
        Task<IReadOnlyList<DestinationCollection>> ListCollectionsAsync(CancellationToken cancellationToken);

        /// <summary>Creates an address book, under a key of its own (not one listed already); the collection as the destination then reports it.</summary>
        Task<DestinationCollection> CreateAddressBookAsync(string displayName, string? description, CancellationToken cancellationToken);

        /// <summary>
        /// Creates a calendar, or with <paramref name="components"/> "VTODO" alone a task list; empty components leave
        /// it to the destination. A destination may not keep the restriction or the colour: the collection returned
        /// is what it then reports.
        /// </summary>
        Task<DestinationCollection> CreateCalendarAsync(string displayName, string? color, string? description, IReadOnlyList<string> components,
            CancellationToken cancellationToken);

        /// <summary>The items of a collection with their versions, without their content.</summary>
        Task<IReadOnlyList<DestinationEntry>> ListItemsAsync(DestinationCollection collection, CancellationToken cancellationToken);

        /// <summary>One item with its content and version; null when it is not there.</summary>
        /// <exception cref="UnreadableItemException">The destination refuses this item (the others can be read).</exception>
        Task<DestinationItem?> ReadItemAsync(DestinationCollection collection, string key, CancellationToken cancellationToken);

        /// <summary>One item's current version (cheaper than reading it); null when it is not there or the destination gives none.</summary>
        /// <exception cref="UnreadableItemException">The destination refuses this item (the others can be read).</exception>
        Task<string?> ReadVersionAsync(DestinationCollection collection, string key, CancellationToken cancellationToken);

        /// <summary>The key a new item of this UID gets in the collection: the same for the same UID, so that a second copy is refused.</summary>
        /// <param name="contentType">"text/vcard" or "text/calendar", with parameters or not.</param>
        string NewItemKey(DestinationCollection collection, string uid, string contentType);

        /// <summary>
        /// Writes an item under <paramref name="key"/>: with <paramref name="expectedVersion"/> null, creates it only if
        /// no item has that key (else <see cref="CollectionWriteOutcome.AlreadyThere"/>); else replaces it only if it
        /// is still at that version (else <see cref="CollectionWriteOutcome.ChangedThere"/>). Refusals of this item
        /// and a write that keeps failing while the destination answers other requests come back as outcomes too.
        /// </summary>
        /// <param name="contentType">"text/vcard; charset=utf-8" or "text/calendar; charset=utf-8".</param>
        /// <param name="native">
        /// The source's own handle on the item (<see cref="SourceItem.Native"/>), or null: a destination that knows it may
        /// copy the source's item whole instead of <paramref name="data"/> (the copy is still known by the UID and
        /// content of <paramref name="data"/>); one that does not ignores it.
        /// </param>
        Task<CollectionWrite> WriteItemAsync(DestinationCollection collection, string key, string contentType, string data, string? expectedVersion,
            object? native, CancellationToken cancellationToken);

        /// <summary>Deletes an item whatever its version; false when it was not there.</summary>
        Task<bool> DeleteItemAsync(string collectionKey, string key, CancellationToken cancellationToken);

        /// <summary>Deletes a collection if it holds no item; false when it holds some and was kept.</summary>
        Task<bool> DeleteEmptyCollectionAsync(DestinationCollection collection, CancellationToken cancellationToken);
    }
}
