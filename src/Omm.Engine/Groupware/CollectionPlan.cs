using System.Collections.Generic;
using System.Linq;
using Omm.Engine.Connectors;
using Omm.Engine.State;

namespace Omm.Engine.Groupware
{
    /// <summary>What a pass does with one source collection: where it goes, which items to copy, how many there are.</summary>
    internal sealed class CollectionPlan
    {
        public CollectionPlan(SourceCollection source, DestinationCollection destination, CollectionState state, IReadOnlyList<SourceEntry> work,
            IReadOnlyDictionary<string, MigratedEntry> copied, Dictionary<ItemType, int> counts)
        {
            Source = source;
            Destination = destination;
            State = state;
            Work = work;
            Copied = copied;
            Counts = counts;
        }

        public SourceCollection Source { get; }

        public DestinationCollection Destination { get; }

        /// <summary>As recorded before the pass.</summary>
        public CollectionState State { get; }

        /// <summary>New items, changed ones, and ones whose copy is gone from the destination.</summary>
        public IReadOnlyList<SourceEntry> Work { get; }

        /// <summary>What earlier passes copied, by source key.</summary>
        public IReadOnlyDictionary<string, MigratedEntry> Copied { get; }

        /// <summary>Items in the source by type (corrected as items of unknown type are read).</summary>
        public Dictionary<ItemType, int> Counts { get; }

        public int Total => Counts.Values.Sum();
    }
}
