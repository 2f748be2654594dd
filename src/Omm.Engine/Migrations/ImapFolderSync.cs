using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Omm.Engine.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One IMAP source folder in one pass: lists what is new (and, with CONDSTORE, what changed),
    /// re-identifies earlier copies when the source's UIDVALIDITY changed, copies what is new byte for
    /// byte through a <see cref="DestinationFolderWriter"/>, and brings flags of earlier copies up to date.
    /// Never copies a message twice.
    /// </summary>
    internal sealed class ImapFolderSync
    {
        private readonly PassContext pass;
        private readonly IMailFolder source;
        private readonly DestinationFolderWriter writer;
        private readonly string name;

        public ImapFolderSync(PassContext pass, IMailFolder source, IMailFolder destination, bool created)
        {
            this.pass = pass;
            this.source = source;
            name = source.FullName;
            writer = new DestinationFolderWriter(pass, name, destination, created);
        }

        /// <returns>False when stopped on request before the folder was done.</returns>
        public async Task<bool> RunAsync(CancellationToken stopToken)
        {
            if (!await OpenSourceAsync(stopToken).ConfigureAwait(false) || !await writer.OpenAsync(stopToken).ConfigureAwait(false))
                return true;

            var sourceValidity = source.UidValidity;
            var folder = await writer.PrepareAsync(stopToken).ConfigureAwait(false);
            var useCondStore = (pass.Source.Client.Capabilities & ImapCapabilities.CondStore) != 0 && source.HighestModSeq > 0;
            var highestModSeq = source.HighestModSeq;
            var since = useCondStore && folder.SourceUidValidity == sourceValidity ? folder.SourceHighestModSeq : null;
            var (sourceUids, flagChanges) = await ListSourceAsync(since, stopToken).ConfigureAwait(false);
            pass.Progress.StartFolder(name, sourceUids.Count);

            var items = pass.Store.GetMigratedItems(pass.MigrationId, name);
            var copied = items.Where(i => i.SourceUidValidity == sourceValidity).ToDictionary(i => i.SourceUid);
            var unrecorded = sourceUids.Where(u => !copied.ContainsKey(u.Id)).ToList();
            var fresh = unrecorded.Count == 0
                ? new List<IMessageSummary>()
                : (await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing new messages of '{name}'",
                    () => source.FetchAsync(unrecorded, CopyLocator.IdentityItems, stopToken)).ConfigureAwait(false)).ToList();

            RekeyChangedSourceValidity(items, sourceValidity, fresh, copied);
            pass.Progress.Skip(sourceUids.Count(u => copied.ContainsKey(u.Id)));

            var queue = new Queue<IMessageSummary>(fresh.OrderBy(s => s.UniqueId.Id));
            while (queue.Count > 0)
            {
                if (stopToken.IsCancellationRequested)
                    return false;
                await CopyBatchAsync(queue, sourceValidity, stopToken).ConfigureAwait(false);
            }

            if (stopToken.IsCancellationRequested)
                return false;
            await writer.SetFlagsAsync(
                flagChanges.Where(s => copied.ContainsKey(s.UniqueId.Id))
                    .Select(s => (copied[s.UniqueId.Id], s.Flags ?? MessageFlags.None, (IReadOnlyCollection<string>)Keywords(s))),
                stopToken).ConfigureAwait(false);

            writer.Complete(sourceValidity, useCondStore ? highestModSeq : (ulong?)null);
            await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"closing '{name}'", () => source.CloseAsync(false, stopToken)).ConfigureAwait(false);
            return true;
        }

        private async Task<bool> OpenSourceAsync(CancellationToken stopToken)
        {
            try
            {
                await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"opening '{name}'", () => source.OpenAsync(FolderAccess.ReadOnly, stopToken)).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                pass.Record(ItemErrorType.Error, name, "(folder)", $"The source folder could not be read: {e.Message} Its messages were not copied.");
                return false;
            }
        }

        /// <returns>The UIDs of the folder, and the messages whose flags may have changed since the last pass.</returns>
        private async Task<(IList<UniqueId> Uids, IList<IMessageSummary> FlagChanges)> ListSourceAsync(ulong? changedSince, CancellationToken stopToken)
        {
            if (changedSince.HasValue)
            {
                var uids = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing '{name}'",
                    () => source.SearchAsync(SearchQuery.All, stopToken)).ConfigureAwait(false);
                var changed = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing flag changes in '{name}'",
                    () => source.FetchAsync(0, -1, changedSince.Value, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, stopToken)).ConfigureAwait(false);
                return (uids, changed);
            }

            var all = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing '{name}'",
                () => source.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, stopToken)).ConfigureAwait(false);
            return (all.Select(s => s.UniqueId).ToList(), all);
        }

        /// <summary>The source folder's UIDVALIDITY changed: records made under the old one are matched to messages by fingerprint.</summary>
        private void RekeyChangedSourceValidity(IReadOnlyList<MigratedItem> items, uint sourceValidity, List<IMessageSummary> fresh, Dictionary<uint, MigratedItem> copied)
        {
            var stale = items.Where(i => i.SourceUidValidity != sourceValidity).ToList();
            if (stale.Count == 0 || fresh.Count == 0)
                return;

            var pairs = FingerprintMatcher.Match(fresh, CopyLocator.Fingerprint, stale, i => i.Fingerprint);
            foreach (var (summary, item) in pairs)
            {
                pass.Store.UpdateSourceIdentity(item.RowId, sourceValidity, summary.UniqueId.Id);
                copied[summary.UniqueId.Id] = item;
                fresh.Remove(summary);
            }

            pass.Observer.OnVerbose($"'{name}' changed its UIDs: {pairs.Count} earlier copies recognised by fingerprint.");
        }

        /// <summary>
        /// Reads the next messages (up to <see cref="DestinationFolderWriter.BatchMessages"/> or <see cref="DestinationFolderWriter.BatchBytes"/>) and
        /// appends them together: one round trip and one server transaction instead of one per message.
        /// </summary>
        private async Task CopyBatchAsync(Queue<IMessageSummary> queue, uint sourceValidity, CancellationToken stopToken)
        {
            var batch = new List<PendingCopy>();
            long bytes = 0;
            try
            {
                while (queue.Count > 0 && batch.Count < DestinationFolderWriter.BatchMessages && bytes < DestinationFolderWriter.BatchBytes && !stopToken.IsCancellationRequested)
                {
                    var summary = queue.Dequeue();
                    if (await writer.TryAdoptAsync(CopyLocator.Fingerprint(summary), sourceValidity, summary.UniqueId.Id, stopToken).ConfigureAwait(false))
                    {
                        pass.Progress.Advance();
                        continue;
                    }

                    var pending = await ReadAsync(summary, sourceValidity, stopToken).ConfigureAwait(false);
                    if (pending == null)
                    {
                        pass.Progress.Advance();
                        continue;
                    }

                    batch.Add(pending);
                    bytes += pending.Raw.Length;
                }

                await writer.AppendAsync(batch).ConfigureAwait(false);
                pass.Progress.Advance(batch.Count);
            }
            finally
            {
                foreach (var pending in batch)
                    pending.Raw.Dispose();
            }
        }

        /// <summary>The message's bytes, spooled; null (and a recorded item problem) when the source cannot give them.</summary>
        private async Task<PendingCopy?> ReadAsync(IMessageSummary summary, uint sourceValidity, CancellationToken stopToken)
        {
            var itemName = ItemName(summary);
            Stream raw;
            try
            {
                raw = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"reading a message of '{name}'",
                    () => source.GetStreamAsync(summary.UniqueId, string.Empty, stopToken)).ConfigureAwait(false);
            }
            catch (MessageNotFoundException)
            {
                pass.Record(ItemErrorType.Warning, name, itemName, "The message was deleted from the source during the migration; nothing was copied.");
                return null;
            }
            catch (ImapCommandException e)
            {
                pass.Record(ItemErrorType.Error, name, itemName, $"The source server would not return the message: {e.Message}");
                return null;
            }

            return new PendingCopy(raw, summary.Flags ?? MessageFlags.None, Keywords(summary), summary.InternalDate,
                new MessageFingerprint(summary.Envelope?.MessageId, summary.Size ?? raw.Length, summary.InternalDate), itemName, sourceValidity, summary.UniqueId.Id);
        }

        private static IReadOnlyCollection<string> Keywords(IMessageSummary summary) =>
            (IReadOnlyCollection<string>?)summary.Keywords?.ToList() ?? Array.Empty<string>();

        internal static string ItemName(string? subject, string key)
        {
            if (string.IsNullOrWhiteSpace(subject))
                subject = "(no subject)";
            else if (subject!.Length > 200)
                subject = subject.Substring(0, 200) + "…";
            return $"{subject} ({key})";
        }

        private static string ItemName(IMessageSummary summary) => ItemName(summary.Envelope?.Subject, $"UID {summary.UniqueId.Id}");
    }
}
