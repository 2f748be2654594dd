using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// Writes one item into its destination collection: a new one only if no item has its key, so that an item already
    /// there is kept; a changed one only if its copy is still at the version recorded, so that a change made on the
    /// destination is not overwritten. Each write waits for the pass's throughput caps. An item the destination refuses
    /// as invalid is sent once more in a repaired form (<see cref="DestinationFormat.Repair"/>) before it counts as an
    /// error; one refused otherwise, or whose write keeps failing, is an item error, and the pass goes on. The source's own
    /// handle on the item goes with the first send only: a repaired form is the text alone.
    /// </summary>
    internal sealed class DestinationItemWriter
    {
        private readonly ICollectionDestination destination;
        private readonly CopyPacer pacer;

        public DestinationItemWriter(ICollectionDestination destination, CopyPacer pacer)
        {
            this.destination = destination;
            this.pacer = pacer;
        }

        /// <param name="previous">The copy an earlier pass made, or null.</param>
        public async Task<ItemWrite> WriteAsync(SourceItem item, DestinationCollection collection, MigratedEntry? previous, CancellationToken cancellationToken)
        {
            var (data, contentType) = DestinationFormat.Prepare(item, collection);
            var key = previous?.DestinationHref ?? destination.NewItemKey(collection, item.Uid, contentType);
            CollectionWrite first;
            try
            {
                first = await SendAsync(collection, key, contentType, data, previous, item.Native, cancellationToken).ConfigureAwait(false);
                if (!first.IsFailure)
                    return await StoredAsync(collection, first, data, previous, cancellationToken).ConfigureAwait(false);
            }
            catch (UnreadableItemException e)
            {
                return ItemWrite.Failed(e.Message);
            }

            var repaired = first.Outcome == CollectionWriteOutcome.RefusedAsInvalid ? DestinationFormat.Repair(item, data) : null;
            if (repaired == null)
                return ItemWrite.Failed(first.Reason!);
            var changes = string.Join("; ", repaired.Changes);
            CollectionWrite again;
            ItemWrite stored;
            try
            {
                again = await SendAsync(collection, key, contentType, repaired.Text, previous, null, cancellationToken).ConfigureAwait(false);
                if (again.Outcome == CollectionWriteOutcome.KeptFailing)
                    return ItemWrite.Failed($"{first.Reason} Omm sent it again repaired ({changes}): {again.Reason}");
                if (again.IsFailure)
                    return ItemWrite.Failed($"{first.Reason} Omm sent it again repaired ({changes}), and that was refused too: {again.Reason}");
                stored = await StoredAsync(collection, again, repaired.Text, previous, cancellationToken).ConfigureAwait(false);
            }
            catch (UnreadableItemException e)
            {
                return ItemWrite.Failed($"{first.Reason} Omm sent it again repaired ({changes}), and that was refused too: {e.Message}");
            }

            var warnings = new List<string> { $"{first.Reason} Omm sent it again repaired: {changes}." };
            warnings.AddRange(stored.Warnings);
            return ItemWrite.Stored(stored.Key, stored.Version, stored.Bytes, warnings);
        }

        private async Task<CollectionWrite> SendAsync(DestinationCollection collection, string key, string contentType, string data, MigratedEntry? previous,
            object? native, CancellationToken cancellationToken)
        {
            await pacer.WaitAsync(1, Encoding.UTF8.GetByteCount(data), cancellationToken).ConfigureAwait(false);
            var expected = previous == null
                ? null
                : previous.DestinationETag ?? await destination.ReadVersionAsync(collection, key, cancellationToken).ConfigureAwait(false);
            return await destination.WriteItemAsync(collection, key, contentType, data, expected, native, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Where the item is and its version, after a write that was not refused (what was there may have been kept).</summary>
        private async Task<ItemWrite> StoredAsync(DestinationCollection collection, CollectionWrite written, string data, MigratedEntry? previous,
            CancellationToken cancellationToken)
        {
            var warnings = new List<string>(written.Warnings);
            var version = written.Version;
            var keptWhatIsThere = written.Outcome == CollectionWriteOutcome.AlreadyThere || written.Outcome == CollectionWriteOutcome.ChangedThere;
            if (keptWhatIsThere && previous == null)
            {
                var there = await destination.ReadItemAsync(collection, written.Key, cancellationToken).ConfigureAwait(false);
                version = there?.Version;
                // After a broken attempt, what is there is most likely that attempt's copy (as the server rewrote it).
                if (there != null && written.Attempts == 1 && !DestinationFormat.SameContent(there.Data, data))
                    warnings.Add("An item with this UID was already on the destination; it was kept as it is.");
            }
            else if (keptWhatIsThere)
            {
                // After a broken attempt, a refused update most likely means that attempt made it: the version read is its.
                if (written.Attempts == 1)
                {
                    version = previous!.DestinationETag;
                    warnings.Add("It changed on the source and on the destination since the last pass; the destination's version was kept.");
                }
                else
                {
                    version = await destination.ReadVersionAsync(collection, written.Key, cancellationToken).ConfigureAwait(false);
                }
            }

            return ItemWrite.Stored(written.Key, version, Encoding.UTF8.GetByteCount(data), warnings, written.CopiedWhole);
        }
    }
}
