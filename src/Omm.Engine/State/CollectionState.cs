using System.Collections.Generic;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.State
{
    /// <summary>
    /// Where a source address book, calendar or task list goes on the destination, and what the source
    /// looked like at the end of the last pass that went through it without an error.
    /// </summary>
    public sealed class CollectionState
    {
        public CollectionState(string sourceCollection, DavCollectionKind kind, string destinationHref, int? createdAtSyncPoint,
            string? sourceState, IReadOnlyDictionary<ItemType, int> itemCounts)
        {
            SourceCollection = sourceCollection;
            Kind = kind;
            DestinationHref = destinationHref;
            CreatedAtSyncPoint = createdAtSyncPoint;
            SourceState = sourceState;
            ItemCounts = itemCounts;
        }

        /// <summary>The source collection's key: its href on a DAV server, a name for a file.</summary>
        public string SourceCollection { get; }

        public DavCollectionKind Kind { get; }

        public string DestinationHref { get; }

        /// <summary>The sync point at which the migration created the destination collection; null when it existed.</summary>
        public int? CreatedAtSyncPoint { get; }

        /// <summary>The source's sync-token (else CTag) when every item of it was dealt with; null otherwise.</summary>
        public string? SourceState { get; }

        /// <summary>How many items of each type the source collection held then.</summary>
        public IReadOnlyDictionary<ItemType, int> ItemCounts { get; }
    }
}
