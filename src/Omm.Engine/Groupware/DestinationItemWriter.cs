using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Dav;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// Writes one item into its destination collection: a new one with If-None-Match, so that an item already there
    /// is kept; a changed one with If-Match, so that a change made on the destination is not overwritten. Each PUT
    /// waits for the pass's throughput caps. An item the server refuses as invalid is sent once more in a repaired
    /// form (<see cref="DestinationFormat.Repair"/>) before it counts as an error; one whose PUT keeps breaking the
    /// connection while the server answers other requests is an item error, and the pass goes on.
    /// </summary>
    internal sealed class DestinationItemWriter
    {
        private readonly DavClient destination;
        private readonly CopyPacer pacer;

        public DestinationItemWriter(DavClient destination, CopyPacer pacer)
        {
            this.destination = destination;
            this.pacer = pacer;
        }

        /// <param name="previous">The copy an earlier pass made, or null.</param>
        public async Task<ItemWrite> WriteAsync(SourceItem item, DavCollection collection, MigratedEntry? previous, CancellationToken cancellationToken)
        {
            var (data, contentType, extension) = DestinationFormat.Prepare(item, collection);
            var href = previous?.DestinationHref ?? DavClient.ResourceHref(collection, item.Uid, extension);
            DavException refusal;
            try
            {
                return await PutAsync(href, contentType, data, previous, cancellationToken).ConfigureAwait(false);
            }
            catch (DavRequestBrokeException e)
            {
                return ItemWrite.Failed(e.AboutItem("sent"));
            }
            catch (DavException e) when (IsAboutTheItem(e))
            {
                refusal = e;
            }

            var repaired = IsInvalidContent(refusal) ? DestinationFormat.Repair(item, data) : null;
            if (repaired == null)
                return ItemWrite.Failed(refusal.Message);
            var changes = string.Join("; ", repaired.Changes);
            try
            {
                var stored = await PutAsync(href, contentType, repaired.Text, previous, cancellationToken).ConfigureAwait(false);
                var warnings = new List<string> { $"{refusal.Message} Omm sent it again repaired: {changes}." };
                warnings.AddRange(stored.Warnings);
                return ItemWrite.Stored(stored.Href, stored.ETag, stored.Bytes, warnings);
            }
            catch (DavRequestBrokeException e)
            {
                return ItemWrite.Failed($"{refusal.Message} Omm sent it again repaired ({changes}): {e.AboutItem("sent")}");
            }
            catch (DavException e) when (IsAboutTheItem(e))
            {
                return ItemWrite.Failed($"{refusal.Message} Omm sent it again repaired ({changes}), and that was refused too: {e.Message}");
            }
        }

        private async Task<ItemWrite> PutAsync(string href, string contentType, string data, MigratedEntry? previous, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetByteCount(data);
            await pacer.WaitAsync(1, bytes, cancellationToken).ConfigureAwait(false);
            var warnings = new List<string>();
            string? etag;
            if (previous == null)
            {
                var created = await destination.PutAsync(href, contentType, data, null, cancellationToken).ConfigureAwait(false);
                // Without the copy's ETag a later update could not tell whether someone changed it on the destination.
                etag = created.ETag ?? await destination.GetETagAsync(href, cancellationToken).ConfigureAwait(false);
                if (created.Outcome == DavWriteOutcome.PreconditionFailed)
                {
                    var there = await destination.GetAsync(href, cancellationToken).ConfigureAwait(false);
                    etag = there?.ETag;
                    // After a broken attempt, what is there is most likely that attempt's copy (as the server rewrote it).
                    if (there != null && created.Attempts == 1 && !DestinationFormat.SameContent(there.Data, data))
                        warnings.Add("An item with this UID was already on the destination; it was kept as it is.");
                }
            }
            else
            {
                var ifMatch = previous.DestinationETag ?? await destination.GetETagAsync(href, cancellationToken).ConfigureAwait(false);
                var updated = await destination.PutAsync(href, contentType, data, ifMatch, cancellationToken).ConfigureAwait(false);
                etag = updated.ETag ?? await destination.GetETagAsync(href, cancellationToken).ConfigureAwait(false);
                // After a broken attempt, a failed If-Match most likely means that attempt made the update: the ETag read is its.
                if (updated.Outcome == DavWriteOutcome.PreconditionFailed && updated.Attempts == 1)
                {
                    etag = previous.DestinationETag;
                    warnings.Add("It changed on the source and on the destination since the last pass; the destination's version was kept.");
                }
            }

            return ItemWrite.Stored(href, etag, bytes, warnings);
        }

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
