using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Removal
{
    /// <summary>
    /// Deletes the contacts, events and tasks a migration recorded (by their destination key, whatever
    /// was changed there since), then the collections it created at the sync point or later that ended up empty.
    /// </summary>
    internal sealed class GroupwareRemover
    {
        private readonly StateStore store;
        private readonly ICollectionDestination destination;
        private readonly IMigrationObserver observer;

        public GroupwareRemover(StateStore store, ICollectionDestination destination, IMigrationObserver observer)
        {
            this.store = store;
            this.destination = destination;
            this.observer = observer;
        }

        /// <exception cref="MigrationFailedException">The destination cannot be reached, refuses the login, or refuses a deletion.</exception>
        public async Task<(int Removed, int Gone, IReadOnlyList<string> DeletedCollections)> RemoveAsync(RemovalPlan plan, ISet<string> approved,
            CancellationToken cancellationToken)
        {
            int removed = 0, gone = 0;
            foreach (var collection in plan.Collections.Where(c => approved.Contains(c.DestinationHref)))
            {
                var (deleted, missing) = await RemoveFromAsync(plan.Migration.Id, collection, cancellationToken).ConfigureAwait(false);
                removed += deleted;
                gone += missing;
                observer.OnVerbose($"'{collection.DestinationHref}': {deleted} items deleted{(missing > 0 ? $", {missing} were already gone" : string.Empty)}.");
            }

            var emptied = await DeleteEmptiedCollectionsAsync(plan, approved, cancellationToken).ConfigureAwait(false);
            return (removed, gone, emptied);
        }

        private async Task<(int Deleted, int Missing)> RemoveFromAsync(string migrationId, RemovalCollection collection, CancellationToken cancellationToken)
        {
            // First: the next pass lists these source collections again, even unchanged, so that it copies the removed items again.
            foreach (var sourceCollection in collection.Entries.Select(e => e.SourceCollection).Distinct(StringComparer.Ordinal))
                store.ForgetSourceState(migrationId, sourceCollection);
            int deleted = 0, missing = 0;
            foreach (var entry in collection.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await destination.DeleteItemAsync(collection.DestinationHref, entry.DestinationHref, cancellationToken).ConfigureAwait(false))
                    deleted++;
                else
                    missing++;
                store.ForgetEntries(new[] { entry.RowId });
            }

            return (deleted, missing);
        }

        private async Task<IReadOnlyList<string>> DeleteEmptiedCollectionsAsync(RemovalPlan plan, ISet<string> approved, CancellationToken cancellationToken)
        {
            var created = store.GetCollections(plan.Migration.Id)
                .Where(c => c.CreatedAtSyncPoint >= plan.FromSyncPoint
                            && (approved.Contains(c.DestinationHref) || !plan.Collections.Any(p => p.DestinationHref == c.DestinationHref)))
                .ToList();
            if (created.Count == 0)
                return Array.Empty<string>();

            var existing = await destination.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
            var deleted = new List<string>();
            foreach (var href in created.Select(c => c.DestinationHref).Distinct(StringComparer.Ordinal))
            {
                var collection = existing.FirstOrDefault(c => destination.KeyComparer.Equals(c.Key, href));
                if (collection == null || !await destination.DeleteEmptyCollectionAsync(collection, cancellationToken).ConfigureAwait(false))
                    continue;
                foreach (var state in created.Where(c => c.DestinationHref == href))
                    store.ForgetCollection(plan.Migration.Id, state.SourceCollection);
                deleted.Add(href);
                observer.OnVerbose($"Deleted the emptied collection '{href}', which the migration had created.");
            }

            return deleted;
        }
    }
}
