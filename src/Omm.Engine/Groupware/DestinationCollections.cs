using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.State;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// Finds the destination collection of a source collection: the one recorded by an earlier pass;
    /// else one of the same kind and display name; else, for a source's main collection, the
    /// destination's own; else a new one with the source's name, colour and component types.
    /// </summary>
    internal sealed class DestinationCollections
    {
        /// <summary>
        /// One creation at a time per destination account in this process: several files imported into one
        /// account at once must not each create a "Calendar" of their own.
        /// </summary>
        private static readonly ConcurrentDictionary<string, SemaphoreSlim> Creating = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);

        private readonly ICollectionDestination destination;
        private readonly string account;
        private List<DestinationCollection>? existing;

        /// <param name="account">Names the destination account (URL and login), for <see cref="Creating"/>.</param>
        public DestinationCollections(ICollectionDestination destination, string account)
        {
            this.destination = destination;
            this.account = account;
        }

        /// <returns>The collection, and whether it was created now.</returns>
        public async Task<(DestinationCollection Collection, bool Created)> ResolveAsync(SourceCollection source, CollectionState? recorded, CancellationToken cancellationToken)
        {
            existing ??= (await destination.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (recorded != null)
            {
                var same = existing.FirstOrDefault(c => destination.KeyComparer.Equals(c.Key, recorded.DestinationHref));
                if (same != null)
                    return (same, false);
            }

            var found = Find(source);
            if (found != null)
                return (found, false);

            var gate = Creating.GetOrAdd(account, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another pass may have created it while this one waited.
                existing = (await destination.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).ToList();
                found = Find(source);
                if (found != null)
                    return (found, false);
                var created = source.Kind == DavCollectionKind.AddressBook
                    ? await destination.CreateAddressBookAsync(source.DisplayName, source.Description, cancellationToken).ConfigureAwait(false)
                    : await destination.CreateCalendarAsync(source.DisplayName, source.Color, source.Description, source.Components, cancellationToken).ConfigureAwait(false);
                existing.Add(created);
                return (created, true);
            }
            finally
            {
                gate.Release();
            }
        }

        private DestinationCollection? Find(SourceCollection source)
        {
            var named = existing!.FirstOrDefault(c => c.Kind == source.Kind && Accepts(c, source)
                && string.Equals(c.Name, source.DisplayName, StringComparison.OrdinalIgnoreCase));
            if (named != null || !source.IsDefault)
                return named;
            return existing!.FirstOrDefault(c => c.Kind == source.Kind && IsOwnFor(c, source));
        }

        /// <summary>A calendar restricted to some component types takes a source's items only if it allows all of theirs.</summary>
        private static bool Accepts(DestinationCollection collection, SourceCollection source) =>
            collection.Kind == DavCollectionKind.AddressBook || collection.Components.Count == 0 || source.Components.Count == 0
            || source.Components.All(c => collection.Components.Contains(c, StringComparer.OrdinalIgnoreCase));

        /// <summary>Tasks go to a task list (a calendar of VTODO only), events to a calendar that takes events.</summary>
        private static bool IsOwnFor(DestinationCollection collection, SourceCollection source)
        {
            if (collection.Kind == DavCollectionKind.AddressBook)
                return true;
            var onlyTasks = collection.Components.Count > 0 && collection.Components.All(c => c.Equals("VTODO", StringComparison.OrdinalIgnoreCase));
            return source.HoldsOnlyTasks ? onlyTasks : !onlyTasks && Accepts(collection, source);
        }
    }
}
