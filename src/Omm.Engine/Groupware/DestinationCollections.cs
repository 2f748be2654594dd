using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Dav;
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
        private readonly DavClient client;
        private List<DavCollection>? existing;

        public DestinationCollections(DavClient client)
        {
            this.client = client;
        }

        /// <returns>The collection, and whether it was created now.</returns>
        public async Task<(DavCollection Collection, bool Created)> ResolveAsync(SourceCollection source, CollectionState? recorded, CancellationToken cancellationToken)
        {
            existing ??= (await client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (recorded != null)
            {
                var same = existing.FirstOrDefault(c => DavHref.Same(c.Href, recorded.DestinationHref));
                if (same != null)
                    return (same, false);
            }

            var named = existing.FirstOrDefault(c => c.Kind == source.Kind && Accepts(c, source)
                && string.Equals(c.Name, source.DisplayName, StringComparison.OrdinalIgnoreCase));
            if (named != null)
                return (named, false);

            if (source.IsDefault)
            {
                var own = existing.FirstOrDefault(c => c.Kind == source.Kind && IsOwnFor(c, source));
                if (own != null)
                    return (own, false);
            }

            var created = source.Kind == DavCollectionKind.AddressBook
                ? await client.CreateAddressBookAsync(source.DisplayName, source.Description, cancellationToken).ConfigureAwait(false)
                : await client.CreateCalendarAsync(source.DisplayName, source.Color, source.Description, source.Components, cancellationToken).ConfigureAwait(false);
            existing.Add(created);
            return (created, true);
        }

        /// <summary>A calendar restricted to some component types takes a source's items only if it allows all of theirs.</summary>
        private static bool Accepts(DavCollection collection, SourceCollection source) =>
            collection.Kind == DavCollectionKind.AddressBook || collection.Components.Count == 0 || source.Components.Count == 0
            || source.Components.All(c => collection.Components.Contains(c, StringComparer.OrdinalIgnoreCase));

        /// <summary>Tasks go to a task list (a calendar of VTODO only), events to a calendar that takes events.</summary>
        private static bool IsOwnFor(DavCollection collection, SourceCollection source)
        {
            if (collection.Kind == DavCollectionKind.AddressBook)
                return true;
            var onlyTasks = collection.Components.Count > 0 && collection.Components.All(c => c.Equals("VTODO", StringComparison.OrdinalIgnoreCase));
            return source.HoldsOnlyTasks ? onlyTasks : !onlyTasks && Accepts(collection, source);
        }
    }
}
