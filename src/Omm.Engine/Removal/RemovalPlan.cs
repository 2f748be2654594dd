using System.Collections.Generic;
using System.Linq;
using Omm.Engine.State;

namespace Omm.Engine.Removal
{
    /// <summary>What Remove-OmmMigratedItem would delete: the recorded copies, by destination folder.</summary>
    public sealed class RemovalPlan
    {
        public RemovalPlan(Migration migration, int fromSyncPoint, IReadOnlyList<RemovalFolder> folders, IReadOnlyList<RemovalCollection> collections)
        {
            Collections = collections;
            Migration = migration;
            FromSyncPoint = fromSyncPoint;
            Folders = folders;
        }

        public Migration Migration { get; }

        public int FromSyncPoint { get; }

        public IReadOnlyList<RemovalFolder> Folders { get; }

        /// <summary>The contacts, events and tasks to delete, by destination collection.</summary>
        public IReadOnlyList<RemovalCollection> Collections { get; }

        public int Count => Folders.Sum(f => f.Items.Count) + Collections.Sum(c => c.Entries.Count);
    }
}
