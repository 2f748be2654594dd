using System.Collections.Generic;

namespace Omm.Engine.Removal
{
    public sealed class RemovalResult
    {
        public RemovalResult(int removed, int alreadyGone, IReadOnlyList<string> deletedFolders, IReadOnlyList<string>? deletedCollections = null)
        {
            DeletedCollections = deletedCollections ?? new string[0];
            Removed = removed;
            AlreadyGone = alreadyGone;
            DeletedFolders = deletedFolders;
        }

        /// <summary>Copies deleted from the destination.</summary>
        public int Removed { get; }

        /// <summary>Recorded copies that were no longer on the destination (only forgotten).</summary>
        public int AlreadyGone { get; }

        /// <summary>Destination folders the migration had created and that ended up empty.</summary>
        public IReadOnlyList<string> DeletedFolders { get; }

        /// <summary>Destination collections (hrefs) the migration had created and that ended up empty.</summary>
        public IReadOnlyList<string> DeletedCollections { get; }
    }
}
