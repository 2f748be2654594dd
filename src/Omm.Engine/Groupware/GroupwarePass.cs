using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// One pass of contacts, calendars and tasks from a collection source into a collection destination. Each
    /// source collection is mapped to a destination collection; new items are created (only if absent), items
    /// changed on the source are updated (only if their copy is still at the version recorded, so a change made
    /// on the destination is not overwritten), and copies deleted from the destination are made again. A
    /// collection whose change state (sync-token, CTag) has not moved since a pass that dealt with all its items
    /// is not listed again. Requests that fail for a moment are sent again behind the source and destination; an
    /// item the destination refuses, or whose write keeps failing, is an item error (see
    /// <see cref="DestinationItemWriter"/>) and the pass goes on.
    /// </summary>
    internal sealed class GroupwarePass
    {
        private const int ReadBatch = 100;
        private readonly StateStore store;
        private readonly string migrationId;
        private readonly int syncPoint;
        private readonly ICollectionSource source;
        private readonly ICollectionDestination destination;
        private readonly DestinationItemWriter writer;
        private readonly IReadOnlyCollection<ItemType> include;
        private readonly IMigrationObserver observer;
        private readonly ProgressReporter progress;
        private readonly string destinationAccount;

        public GroupwarePass(StateStore store, string migrationId, int syncPoint, ICollectionSource source, ICollectionDestination destination,
            IReadOnlyCollection<ItemType> include, IMigrationObserver observer, string destinationName, string destinationAccount, CopyPacer pacer)
        {
            writer = new DestinationItemWriter(destination, pacer);
            this.destinationAccount = destinationAccount;
            this.store = store;
            this.migrationId = migrationId;
            this.syncPoint = syncPoint;
            this.source = source;
            this.destination = destination;
            this.include = include;
            this.observer = observer;
            progress = new ProgressReporter(observer, migrationId, source.Description, destinationName);
        }

        /// <returns>True when every collection was gone through; false when stopped on request.</returns>
        /// <exception cref="MigrationFailedException">The source or the destination cannot go on.</exception>
        public async Task<bool> RunAsync(CancellationToken stopToken)
        {
            var collections = (await source.ListCollectionsAsync(stopToken).ConfigureAwait(false)).Where(IsIncluded).ToList();
            var recorded = store.GetCollections(migrationId).ToDictionary(c => c.SourceCollection, StringComparer.Ordinal);
            var targets = new DestinationCollections(destination, destinationAccount);
            var plans = new List<CollectionPlan>();
            foreach (var collection in collections)
            {
                stopToken.ThrowIfCancellationRequested();
                recorded.TryGetValue(collection.Key, out var state);
                plans.Add(await PlanAsync(collection, state, targets, stopToken).ConfigureAwait(false));
            }

            RecordCounts(plans);
            progress.Start(plans.Sum(p => p.Total), plans.Count);
            foreach (var plan in plans)
            {
                if (!await CopyAsync(plan, stopToken).ConfigureAwait(false))
                    return false;
            }

            RecordCounts(plans);
            progress.Finish();
            return true;
        }

        private bool IsIncluded(SourceCollection collection)
        {
            if (collection.Kind == DavCollectionKind.AddressBook)
                return include.Contains(ItemType.Contacts);
            return collection.HoldsOnlyTasks ? include.Contains(ItemType.Tasks) : include.Contains(ItemType.Calendar) || include.Contains(ItemType.Tasks);
        }

        private async Task<CollectionPlan> PlanAsync(SourceCollection collection, CollectionState? state, DestinationCollections targets, CancellationToken cancellationToken)
        {
            var (target, created) = await targets.ResolveAsync(collection, state, cancellationToken).ConfigureAwait(false);
            if (state != null && !destination.KeyComparer.Equals(state.DestinationHref, target.Key))
            {
                observer.OnVerbose($"The destination collection '{state.DestinationHref}' of '{collection.DisplayName}' is gone; its items are copied again into '{target.Key}'.");
                store.ForgetCollection(migrationId, collection.Key);
                state = null;
            }

            if (state == null)
            {
                state = new CollectionState(collection.Key, collection.Kind, target.Key, created ? syncPoint : (int?)null, null, new Dictionary<ItemType, int>());
                store.SaveCollection(migrationId, state);
                observer.OnVerbose(created
                    ? $"Created '{collection.DisplayName}' on the destination ({target.Key})."
                    : $"'{collection.DisplayName}' goes into the destination's '{target.Name}' ({target.Key}).");
            }

            var copied = await KeepCopiesStillThereAsync(collection, target, cancellationToken).ConfigureAwait(false);
            if (state.SourceState != null && state.SourceState == collection.ChangeState && copied.Gone == 0)
            {
                observer.OnVerbose($"'{collection.DisplayName}' has not changed on the source since the last pass.");
                return new CollectionPlan(collection, target, state, Array.Empty<SourceEntry>(), copied.Entries,
                    state.ItemCounts.Where(c => include.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value));
            }

            var entries = await source.ListEntriesAsync(collection, cancellationToken).ConfigureAwait(false);
            var work = new List<SourceEntry>();
            var counts = new Dictionary<ItemType, int>();
            foreach (var entry in entries)
            {
                copied.Entries.TryGetValue(entry.Key, out var previous);
                var type = previous?.ItemType ?? entry.Type;
                if (type.HasValue && !include.Contains(type.Value))
                    continue;
                var counted = type ?? ItemType.Calendar;
                counts[counted] = counts.TryGetValue(counted, out var count) ? count + 1 : 1;
                if (previous == null || previous.SourceVersion != entry.Version)
                    work.Add(entry);
            }

            return new CollectionPlan(collection, target, state, work, copied.Entries, counts);
        }

        /// <summary>Forgets the copies deleted from the destination since they were made, so that they are made again.</summary>
        private async Task<(Dictionary<string, MigratedEntry> Entries, int Gone)> KeepCopiesStillThereAsync(SourceCollection collection, DestinationCollection target,
            CancellationToken cancellationToken)
        {
            var entries = store.GetEntries(migrationId, collection.Key).ToDictionary(e => e.SourceKey, StringComparer.Ordinal);
            if (entries.Count == 0)
                return (entries, 0);
            var present = new HashSet<string>((await destination.ListItemsAsync(target, cancellationToken).ConfigureAwait(false)).Select(i => i.Key),
                destination.KeyComparer);
            var gone = entries.Values.Where(e => !present.Contains(e.DestinationHref)).ToList();
            if (gone.Count > 0)
            {
                observer.OnVerbose($"{gone.Count} item(s) of '{collection.DisplayName}' were deleted from the destination; they are copied again.");
                store.ForgetEntries(gone.Select(e => e.RowId));
                foreach (var entry in gone)
                    entries.Remove(entry.SourceKey);
            }

            return (entries, gone.Count);
        }

        /// <returns>False when stopped on request.</returns>
        private async Task<bool> CopyAsync(CollectionPlan plan, CancellationToken stopToken)
        {
            progress.StartFolder(plan.Source.DisplayName, plan.Total);
            progress.Skip(Math.Max(0, plan.Total - plan.Work.Count));
            var clean = true;
            for (var start = 0; start < plan.Work.Count; start += ReadBatch)
            {
                if (stopToken.IsCancellationRequested)
                    return false;
                var batch = plan.Work.Skip(start).Take(ReadBatch).ToList();
                var items = await source.ReadAsync(plan.Source, batch, stopToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    if (stopToken.IsCancellationRequested)
                        return false;
                    clean &= await CopyItemAsync(plan, item, stopToken).ConfigureAwait(false);
                    progress.Advance();
                }
            }

            store.SaveCollection(migrationId, new CollectionState(plan.Source.Key, plan.Source.Kind, plan.Destination.Key, plan.State.CreatedAtSyncPoint,
                clean ? plan.Source.ChangeState : null, plan.Counts));
            return true;
        }

        /// <returns>False when the item is in error.</returns>
        private async Task<bool> CopyItemAsync(CollectionPlan plan, SourceItem item, CancellationToken cancellationToken)
        {
            var collection = plan.Source.DisplayName;
            if (item.Error != null)
            {
                Record(ItemErrorType.Error, item.Type, collection, item.Entry.Name, item.Error);
                return false;
            }

            var guessed = item.Entry.Type;
            if (guessed != item.Type)
                Recount(plan.Counts, guessed ?? ItemType.Calendar, item.Type);
            if (!include.Contains(item.Type))
                return true;

            plan.Copied.TryGetValue(item.Entry.Key, out var previous);
            var written = await writer.WriteAsync(item, plan.Destination, previous, cancellationToken).ConfigureAwait(false);
            if (written.Error != null)
            {
                // What reading it already changed may be why the server refused it: said with the refusal, not lost.
                var read = item.Warnings.ToList();
                Record(ItemErrorType.Error, item.Type, collection, item.Name,
                    read.Count == 0 ? written.Error : $"{written.Error} As read from the source: {string.Join(" ", read)}");
                return false;
            }

            var entry = new MigratedEntry(0, item.Type, previous?.SyncPoint ?? syncPoint, plan.Source.Key, item.Entry.Key, item.Entry.Version, item.Uid,
                written.Key, written.Version, written.Bytes);
            // A whole copy is the source's own item: what its text left out is not lost.
            var problems = (written.CopiedWhole ? Enumerable.Empty<string>() : item.Warnings).Concat(written.Warnings)
                .Select(w => new ItemError(ItemErrorType.Warning, item.Type, collection, item.Name, w, DateTimeOffset.UtcNow)).ToList();
            store.RecordEntry(migrationId, syncPoint, entry, problems);
            foreach (var problem in problems)
                observer.OnItemProblem(problem);
            return true;
        }

        private static void Recount(Dictionary<ItemType, int> counts, ItemType from, ItemType to)
        {
            if (counts.TryGetValue(from, out var count) && count > 0)
                counts[from] = count - 1;
            counts[to] = counts.TryGetValue(to, out var target) ? target + 1 : 1;
        }

        private void RecordCounts(IReadOnlyList<CollectionPlan> plans)
        {
            foreach (var type in include.Where(ItemSupport.IsGroupware))
                store.SetToMigrate(migrationId, type, plans.Sum(p => p.Counts.TryGetValue(type, out var count) ? count : 0));
        }

        private void Record(ItemErrorType type, ItemType itemType, string folder, string itemName, string message)
        {
            var problem = new ItemError(type, itemType, folder, itemName, message, DateTimeOffset.UtcNow);
            store.RecordItemError(migrationId, syncPoint, problem);
            observer.OnItemProblem(problem);
        }
    }
}
