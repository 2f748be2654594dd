using System.Collections.Generic;
using Omm.Engine.State;

namespace Omm.Engine.Removal
{
    /// <summary>The copies to delete from one destination folder.</summary>
    public sealed class RemovalFolder
    {
        public RemovalFolder(string destinationFolder, IReadOnlyList<MigratedItem> items)
        {
            DestinationFolder = destinationFolder;
            Items = items;
        }

        public string DestinationFolder { get; }

        public IReadOnlyList<MigratedItem> Items { get; }
    }
}
