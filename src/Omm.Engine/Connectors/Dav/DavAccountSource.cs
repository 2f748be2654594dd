using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>The address books, calendars and task lists of a CalDAV/CardDAV account, as a collection source.</summary>
    internal sealed class DavAccountSource : ICollectionSource
    {
        private static readonly Regex MethodLine = new Regex(@"(^|\n)METHOD[:;]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Component = new Regex(@"component=""?(V[A-Z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private readonly DavClient client;
        private readonly Dictionary<string, DavCollection> collections = new Dictionary<string, DavCollection>(StringComparer.Ordinal);

        public DavAccountSource(DavClient client)
        {
            this.client = client;
        }

        public string Description => client.BaseUrl.AbsoluteUri;

        public Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
            DavFailures.OfAsync(() => ListCollectionsUnmappedAsync(cancellationToken));

        public Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken) =>
            DavFailures.OfAsync(() => ListEntriesUnmappedAsync(collection, cancellationToken));

        public Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken) =>
            DavFailures.OfAsync(() => ReadUnmappedAsync(collection, entries, cancellationToken));

        public void Dispose() => client.Dispose();

        private async Task<IReadOnlyList<SourceCollection>> ListCollectionsUnmappedAsync(CancellationToken cancellationToken)
        {
            var found = await client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
            collections.Clear();
            foreach (var collection in found)
                collections[collection.Href] = collection;
            return found.Select(c => new SourceCollection(c.Href, c.Kind, c.Name, c.Components, c.Color, c.Description, c.SyncToken ?? c.CTag))
                .ToList();
        }

        private async Task<IReadOnlyList<SourceEntry>> ListEntriesUnmappedAsync(SourceCollection collection, CancellationToken cancellationToken)
        {
            var resources = await client.ListResourcesAsync(collections[collection.Key], cancellationToken).ConfigureAwait(false);
            return resources.Select(r => new SourceEntry(r.Href, r.ETag ?? string.Empty, TypeOf(collection, r.ContentType), r.Href)).ToList();
        }

        private async Task<IReadOnlyList<SourceItem>> ReadUnmappedAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken)
        {
            var byHref = new Dictionary<string, DavResource>(StringComparer.Ordinal);
            var broken = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                foreach (var resource in await client.GetResourcesAsync(collections[collection.Key], entries.Select(e => e.Key).ToList(), cancellationToken).ConfigureAwait(false))
                    byHref[resource.Href] = resource;
            }
            catch (DavRequestBrokeException)
            {
                // One of them breaks the connection each time: read them one by one, so that only that one is lost.
                foreach (var entry in entries)
                {
                    try
                    {
                        if (await client.GetAsync(entry.Key, cancellationToken).ConfigureAwait(false) is DavResource resource)
                            byHref[entry.Key] = resource;
                    }
                    catch (DavRequestBrokeException e)
                    {
                        broken[entry.Key] = e.AboutItem("read");
                    }
                }
            }

            var items = new List<SourceItem>(entries.Count);
            foreach (var entry in entries)
            {
                if (broken.TryGetValue(entry.Key, out var reason))
                {
                    items.Add(SourceItem.Unreadable(entry, reason));
                    continue;
                }

                if (!byHref.TryGetValue(entry.Key, out var resource))
                {
                    items.Add(SourceItem.Unreadable(entry, "The source server listed it but did not return it (deleted meanwhile?)."));
                    continue;
                }

                // The listing's ETag may be older than the content read: the content's own goes with it.
                var read = new SourceEntry(entry.Key, resource.ETag ?? entry.Version, entry.Type, entry.Name);
                items.Add(Parse(collection, read, resource.Data));
            }

            return items;
        }

        private static SourceItem Parse(SourceCollection collection, SourceEntry entry, string data)
        {
            try
            {
                if (collection.Kind == DavCollectionKind.AddressBook)
                    return SourceItem.Contact(entry, VCard.Parse(data).WithStableUid());
                var calendar = CalendarObject.Parse(data);
                var asItIs = !calendar.UidWasAssigned && !MethodLine.IsMatch(data) && calendar.IsVerbatim;
                return SourceItem.CalendarItem(entry, calendar, asItIs ? data : null);
            }
            catch (VCardFormatException e)
            {
                return SourceItem.Unreadable(entry, $"The source holds an invalid vCard: {e.Message}");
            }
            catch (CalendarFormatException e)
            {
                return SourceItem.Unreadable(entry, $"The source holds invalid iCalendar data: {e.Message}");
            }
        }

        private static ItemType? TypeOf(SourceCollection collection, string? contentType)
        {
            if (collection.Kind == DavCollectionKind.AddressBook)
                return ItemType.Contacts;
            var component = contentType == null ? null : Component.Match(contentType);
            if (component != null && component.Success)
                return component.Groups[1].Value.Equals("VTODO", StringComparison.OrdinalIgnoreCase) ? ItemType.Tasks : ItemType.Calendar;
            if (collection.HoldsOnlyTasks)
                return ItemType.Tasks;
            return collection.Components.Count > 0 && !collection.Components.Contains("VTODO") ? ItemType.Calendar : (ItemType?)null;
        }
    }
}
