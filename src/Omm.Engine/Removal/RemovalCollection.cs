using System.Collections.Generic;
using Omm.Engine.State;

namespace Omm.Engine.Removal
{
    /// <summary>The copied contacts, events or tasks to delete from one destination address book, calendar or task list.</summary>
    public sealed class RemovalCollection
    {
        public RemovalCollection(string destinationHref, IReadOnlyList<MigratedEntry> entries)
        {
            DestinationHref = destinationHref;
            Entries = entries;
        }

        public string DestinationHref { get; }

        public IReadOnlyList<MigratedEntry> Entries { get; }
    }
}
