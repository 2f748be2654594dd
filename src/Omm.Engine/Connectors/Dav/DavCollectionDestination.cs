using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// A CalDAV/CardDAV account as a collection destination: keys are hrefs, versions ETags, and a write is a PUT
    /// with If-None-Match: * (create) or If-Match (update), a 412 meaning "already there" or "changed there".
    /// Requests that fail for a moment are sent again by the client's <see cref="DavRetry"/>.
    /// </summary>
    internal sealed class DavCollectionDestination : ICollectionDestination
    {
        private readonly DavClient client;

        /// <param name="client">Owned: disposed with this destination.</param>
        public DavCollectionDestination(DavClient client)
        {
            this.client = client;
        }

        public IEqualityComparer<string> KeyComparer => DavHrefComparer.Instance;

        public Task<IReadOnlyList<DestinationCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
            DavFailures.OfAsync<IReadOnlyList<DestinationCollection>>(async () =>
                (await client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(ToDestination).ToList());

        public Task<DestinationCollection> CreateAddressBookAsync(string displayName, string? description, CancellationToken cancellationToken) =>
            DavFailures.OfAsync(async () => ToDestination(await client.CreateAddressBookAsync(displayName, description, cancellationToken).ConfigureAwait(false)));

        public Task<DestinationCollection> CreateCalendarAsync(string displayName, string? color, string? description, IReadOnlyList<string> components,
            CancellationToken cancellationToken) =>
            DavFailures.OfAsync(async () =>
                ToDestination(await client.CreateCalendarAsync(displayName, color, description, components, cancellationToken).ConfigureAwait(false)));

        public Task<IReadOnlyList<DestinationEntry>> ListItemsAsync(DestinationCollection collection, CancellationToken cancellationToken) =>
            DavFailures.OfAsync<IReadOnlyList<DestinationEntry>>(async () =>
                (await client.ListResourcesAsync(ToDav(collection), cancellationToken).ConfigureAwait(false)).Select(r => new DestinationEntry(r.Href, r.ETag)).ToList());

        public Task<DestinationItem?> ReadItemAsync(DestinationCollection collection, string key, CancellationToken cancellationToken) =>
            ReadOneAsync(async () =>
                await client.GetAsync(key, cancellationToken).ConfigureAwait(false) is DavResource resource
                    ? new DestinationItem(resource.Href, resource.ETag, resource.Data)
                    : null);

        public Task<string?> ReadVersionAsync(DestinationCollection collection, string key, CancellationToken cancellationToken) =>
            ReadOneAsync(() => client.GetETagAsync(key, cancellationToken));

        public string NewItemKey(DestinationCollection collection, string uid, string contentType) =>
            DavClient.ResourceHref(ToDav(collection), uid, contentType.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase) ? ".vcf" : ".ics");

        /// <remarks>The result's key is the href written to: a Location header in the answer is not followed.</remarks>
        public async Task<CollectionWrite> WriteItemAsync(DestinationCollection collection, string key, string contentType, string data, string? expectedVersion,
            object? native, CancellationToken cancellationToken)
        {
            try
            {
                var written = await client.PutAsync(key, contentType, data, expectedVersion, cancellationToken).ConfigureAwait(false);
                if (written.Outcome == DavWriteOutcome.PreconditionFailed)
                {
                    var outcome = expectedVersion == null ? CollectionWriteOutcome.AlreadyThere : CollectionWriteOutcome.ChangedThere;
                    return CollectionWrite.NotWritten(outcome, key, written.Attempts);
                }

                // Without the copy's ETag a later update could not tell whether someone changed it on the destination.
                var version = written.ETag ?? await client.GetETagAsync(key, cancellationToken).ConfigureAwait(false);
                var stored = written.Outcome == DavWriteOutcome.Created ? CollectionWriteOutcome.Created : CollectionWriteOutcome.Updated;
                return CollectionWrite.Written(stored, key, version, written.Attempts);
            }
            catch (DavRequestBrokeException e)
            {
                return CollectionWrite.Failed(CollectionWriteOutcome.KeptFailing, key, e.AboutItem("sent"));
            }
            catch (DavException e) when (IsAboutTheItem(e))
            {
                return CollectionWrite.Failed(IsInvalidContent(e) ? CollectionWriteOutcome.RefusedAsInvalid : CollectionWriteOutcome.Refused, key, e.Message);
            }
            catch (DavException e)
            {
                throw DavFailures.Of(e);
            }
        }

        public Task<bool> DeleteItemAsync(string collectionKey, string key, CancellationToken cancellationToken) =>
            DavFailures.OfAsync(() => client.DeleteAsync(key, null, cancellationToken));

        public Task<bool> DeleteEmptyCollectionAsync(DestinationCollection collection, CancellationToken cancellationToken) =>
            DavFailures.OfAsync(async () =>
            {
                if ((await client.ListResourcesAsync(ToDav(collection), cancellationToken).ConfigureAwait(false)).Count > 0)
                    return false;
                await client.DeleteAsync(collection.Key, null, cancellationToken).ConfigureAwait(false);
                return true;
            });

        public void Dispose() => client.Dispose();

        /// <summary>A read of one item: the server refusing that item (or a request about it that keeps breaking) is about the item alone.</summary>
        private static async Task<T> ReadOneAsync<T>(Func<Task<T>> read)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (DavRequestBrokeException e)
            {
                throw new UnreadableItemException(e.AboutItem("read"), e);
            }
            catch (DavException e) when (IsAboutTheItem(e))
            {
                throw new UnreadableItemException(e.Message, e);
            }
            catch (DavException e)
            {
                throw DavFailures.Of(e);
            }
        }

        private static DestinationCollection ToDestination(DavCollection collection) =>
            new DestinationCollection(collection.Href, collection.Kind, collection.Name, collection.Components, collection.AddressDataVersions);

        private static DavCollection ToDav(DestinationCollection collection) => new DavCollection(collection.Key, collection.Kind);

        /// <summary>A refusal of this item (invalid data, UID conflict, too large) rather than of the server or the login.</summary>
        private static bool IsAboutTheItem(DavException e) =>
            !(e is DavAuthenticationException) && !(e is DavUnavailableException) && e.StatusCode is int status
            && status >= 400 && status != 401 && status != 407 && status < 502;

        /// <summary>
        /// The server found the data itself invalid: 400, 415, 422; 403 or 412 naming a valid-*/supported-* precondition
        /// (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1; Xandikos answers 412); or 500, which Xandikos answers when data it
        /// took in crashes it (two CLASS in one event).
        /// </summary>
        private static bool IsInvalidContent(DavException e)
        {
            var status = e.StatusCode ?? 0;
            if (status == 400 || status == 415 || status == 422 || status == 500)
                return true;
            var condition = e.Condition ?? string.Empty;
            return (status == 403 || status == 412 || status == 409)
                && (condition.StartsWith("valid-", StringComparison.Ordinal) || condition.StartsWith("supported-", StringComparison.Ordinal));
        }
    }
}
