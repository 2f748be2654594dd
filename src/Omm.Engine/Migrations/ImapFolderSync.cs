using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Imap;
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

        public ImapFolderSync(PassContext pass, IMailFolder source, IMailDestinationFolder destination, bool created)
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
            var folder = await writer.PrepareAsync(records => SourceContentAsync(records.Select(r => ImapItemKey.UidAt(r.SourceKey, sourceValidity)).ToList(), stopToken),
                stopToken).ConfigureAwait(false);
            var useCondStore = (pass.Source.Client.Capabilities & ImapCapabilities.CondStore) != 0 && source.HighestModSeq > 0;
            var highestModSeq = source.HighestModSeq;
            var since = useCondStore ? ImapItemKey.CursorValueAt(folder.SourceCursor, sourceValidity) : null;
            var (sourceUids, flagChanges) = await ListSourceAsync(since, stopToken).ConfigureAwait(false);
            pass.Progress.StartFolder(name, sourceUids.Count);

            var items = writer.Items;
            var copied = new Dictionary<uint, MigratedItem>(items.Count);
            var stale = new List<MigratedItem>();
            foreach (var item in items)
            {
                if (ImapItemKey.UidAt(item.SourceKey, sourceValidity) is uint uid)
                    copied[uid] = item;
                else
                    stale.Add(item);
            }

            var unrecorded = sourceUids.Where(u => !copied.ContainsKey(u.Id)).OrderBy(u => u.Id).ToList();
            pass.Progress.Skip(sourceUids.Count - unrecorded.Count);

            // What is new is identified and copied a slice at a time, so that memory does not grow with the folder.
            for (var start = 0; start < unrecorded.Count; start += pass.IdentitySlice)
            {
                if (stopToken.IsCancellationRequested)
                    return false;
                var slice = unrecorded.GetRange(start, Math.Min(pass.IdentitySlice, unrecorded.Count - start));
                var fresh = (await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing new messages of '{name}'",
                    () => source.FetchAsync(slice, MessageIdentity.Request, stopToken)).ConfigureAwait(false)).ToList();
                await RekeyChangedSourceValidityAsync(stale, sourceValidity, fresh, copied, stopToken).ConfigureAwait(false);
                var toCopy = await AdoptUnrecordedCopiesAsync(fresh, sourceValidity, stopToken).ConfigureAwait(false);
                if (!await CopyAsync(toCopy, sourceValidity, stopToken).ConfigureAwait(false))
                    return false;
            }

            if (stopToken.IsCancellationRequested)
                return false;
            await BringFlagsUpToDateAsync(flagChanges, sourceUids, copied, stopToken).ConfigureAwait(false);

            writer.Complete(ImapItemKey.Cursor(sourceValidity, useCondStore ? highestModSeq : (ulong?)null));
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

        /// <returns>
        /// The UIDs of the folder and, with CONDSTORE, the messages whose flags changed since the last pass;
        /// null then means the flags of earlier copies are to be compared one by one.
        /// </returns>
        private async Task<(IList<UniqueId> Uids, IList<IMessageSummary>? FlagChanges)> ListSourceAsync(ulong? changedSince, CancellationToken stopToken)
        {
            var uids = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing '{name}'",
                () => source.SearchAsync(SearchQuery.All, stopToken)).ConfigureAwait(false);
            if (!changedSince.HasValue)
                return (uids, null);
            var changed = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing flag changes in '{name}'",
                () => source.FetchAsync(0, -1, changedSince.Value, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, stopToken)).ConfigureAwait(false);
            return (uids, changed);
        }

        /// <summary>
        /// Sets on earlier copies the flags their source messages have now: those CONDSTORE says changed,
        /// else the flags of every earlier copy's source, read a slice at a time.
        /// </summary>
        private async Task BringFlagsUpToDateAsync(IList<IMessageSummary>? changed, IList<UniqueId> sourceUids, Dictionary<uint, MigratedItem> copied,
            CancellationToken stopToken)
        {
            if (changed != null)
            {
                await writer.SetFlagsAsync(FlagsOfCopies(changed, copied), stopToken).ConfigureAwait(false);
                return;
            }

            var earlier = sourceUids.Where(u => copied.ContainsKey(u.Id)).ToList();
            for (var start = 0; start < earlier.Count && !stopToken.IsCancellationRequested; start += pass.IdentitySlice)
            {
                var slice = earlier.GetRange(start, Math.Min(pass.IdentitySlice, earlier.Count - start));
                var flags = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"reading flags in '{name}'",
                    () => source.FetchAsync(slice, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, stopToken)).ConfigureAwait(false);
                await writer.SetFlagsAsync(FlagsOfCopies(flags, copied), stopToken).ConfigureAwait(false);
            }
        }

        private static IEnumerable<(MigratedItem, MessageFlags, IReadOnlyCollection<string>)> FlagsOfCopies(IEnumerable<IMessageSummary> summaries,
            Dictionary<uint, MigratedItem> copied) =>
            summaries.Where(s => copied.ContainsKey(s.UniqueId.Id))
                .Select(s => (copied[s.UniqueId.Id], s.Flags ?? MessageFlags.None, SourceBatchReader.Keywords(s)));

        /// <summary>
        /// The source folder's UIDVALIDITY changed: records made under the old one are matched to messages by
        /// fingerprint, and where several share one, by content (the source message's against its copy's).
        /// A server that rebuilt the folder may have given its messages new received dates too (GNU Mailutils
        /// keeps none): what no fingerprint matches is matched by Message-ID, size and content.
        /// </summary>
        /// <param name="stale">Records made under an earlier UIDVALIDITY not matched yet; those matched now are taken out.</param>
        private async Task RekeyChangedSourceValidityAsync(List<MigratedItem> stale, uint sourceValidity, List<IMessageSummary> fresh,
            Dictionary<uint, MigratedItem> copied, CancellationToken stopToken)
        {
            if (stale.Count == 0 || fresh.Count == 0)
                return;

            ContentReader<IMessageSummary> sourceContent = messages => SourceContentAsync(messages.Select(m => (uint?)m.UniqueId.Id).ToList(), stopToken);
            ContentReader<MigratedItem> copyContent = items => writer.ContentOfCopiesAsync(items, stopToken);
            var byFingerprint = await FingerprintMatcher.MatchAsync(fresh, MessageIdentity.Fingerprint, sourceContent, stale, i => i.Fingerprint, copyContent,
                alwaysCompareContent: false, pairUnreadable: true).ConfigureAwait(false);
            Rekey(byFingerprint, stale, sourceValidity, fresh, copied);
            if (stale.Count == 0 || fresh.Count == 0)
            {
                ReportRecognised(byFingerprint.Count, 0);
                return;
            }

            var byContent = await FingerprintMatcher.MatchAsync(fresh, s => MessageIdentity.Fingerprint(s).WithoutDate(), sourceContent,
                stale, i => i.Fingerprint.WithoutDate(), copyContent, alwaysCompareContent: true, pairUnreadable: false).ConfigureAwait(false);
            Rekey(byContent, stale, sourceValidity, fresh, copied);
            ReportRecognised(byFingerprint.Count, byContent.Count);
        }

        private void Rekey(IReadOnlyList<(IMessageSummary Summary, MigratedItem Item)> pairs, List<MigratedItem> stale, uint sourceValidity,
            List<IMessageSummary> fresh, Dictionary<uint, MigratedItem> copied)
        {
            foreach (var (summary, item) in pairs)
            {
                pass.Store.UpdateSourceIdentity(item.RowId, ImapItemKey.Of(sourceValidity, summary.UniqueId.Id));
                copied[summary.UniqueId.Id] = item;
                fresh.Remove(summary);
                stale.Remove(item);
            }

            pass.Progress.Advance(pairs.Count);
        }

        private void ReportRecognised(int byFingerprint, int byContent) =>
            pass.Observer.OnVerbose($"'{name}' changed its UIDs: {byFingerprint} earlier copies recognised by fingerprint"
                + (byContent > 0 ? $", {byContent} by content (their received dates changed too)." : "."));

        /// <summary>The content hash of source messages of the open folder by UID, in the order given; null where there is no UID or no message.</summary>
        private async Task<IReadOnlyList<byte[]?>> SourceContentAsync(IReadOnlyList<uint?> uids, CancellationToken stopToken)
        {
            var hashes = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"reading '{name}'",
                () => MessageContent.HashAsync(source, uids.Where(u => u.HasValue).Select(u => u!.Value), stopToken)).ConfigureAwait(false);
            return uids.Select(u => u is uint uid && hashes.TryGetValue(uid, out var hash) ? hash : null).ToList();
        }

        /// <summary>
        /// Copies a killed pass (or a broken APPEND) made without recording them are recorded now, and messages
        /// given up earlier in this pass are left out; returns the messages still to copy.
        /// </summary>
        private async Task<List<IMessageSummary>> AdoptUnrecordedCopiesAsync(List<IMessageSummary> fresh, uint sourceValidity, CancellationToken stopToken)
        {
            var toCopy = new List<IMessageSummary>(fresh.Count);
            foreach (var summary in fresh.OrderBy(s => s.UniqueId.Id))
            {
                var uid = summary.UniqueId.Id;
                if (await writer.TryAdoptAsync(MessageIdentity.Fingerprint(summary), ImapItemKey.Of(sourceValidity, uid),
                        async () => (await SourceContentAsync(new uint?[] { uid }, stopToken).ConfigureAwait(false))[0], stopToken).ConfigureAwait(false)
                    || pass.Poison.LeavesOut(pass, name, ImapItemKey.Of(sourceValidity, uid)))
                    pass.Progress.Advance();
                else
                    toCopy.Add(summary);
            }

            return toCopy;
        }

        /// <summary>
        /// Copies in batches (<see cref="PassContext.Batches"/>). Each connection pair (this pass's own and its
        /// copy lanes) takes the next batch in turn; on each, one FETCH reads a batch from the source while
        /// the previous one is appended to the destination in one MULTIAPPEND, so that neither side waits.
        /// </summary>
        /// <returns>False when stopped on request; what was appended is recorded.</returns>
        private async Task<bool> CopyAsync(List<IMessageSummary> toCopy, uint sourceValidity, CancellationToken stopToken)
        {
            var batches = new ConcurrentQueue<List<IMessageSummary>>(
                SourceBatchReader.Plan(toCopy, pass.Batches.Messages, pass.Batches.Bytes));
            if (batches.IsEmpty)
                return true;

            var lanes = batches.Count > 1 && pass.Lanes != null
                ? await pass.Lanes.OpenAsync(name, writer.Name, stopToken).ConfigureAwait(false)
                : Array.Empty<CopyLane>();
            using var failed = new CancellationTokenSource();
            var copying = new List<Task<bool>> { CopyOnLaneAsync((ImapFolder)source, null, batches, sourceValidity, stopToken, failed) };
            copying.AddRange(lanes.Select(l => CopyOnLaneAsync(l.SourceFolder!, l.DestinationFolder, batches, sourceValidity, stopToken, failed)));
            var done = await Task.WhenAll(copying).ConfigureAwait(false);
            return done.All(d => d) && batches.IsEmpty;
        }

        /// <summary>One connection pair's share of a folder: takes batches until none is left, the pass is stopped, or another lane failed.</summary>
        private async Task<bool> CopyOnLaneAsync(ImapFolder from, IMailDestinationFolder? via, ConcurrentQueue<List<IMessageSummary>> batches, uint sourceValidity,
            CancellationToken stopToken, CancellationTokenSource failed)
        {
            var reader = new SourceBatchReader(from, pass.Source.Endpoint, sourceValidity, pass.Poison);
            Task<FetchedBatch>? next = batches.TryDequeue(out var first) ? reader.ReadAsync(first, stopToken) : null;
            try
            {
                while (next != null)
                {
                    FetchedBatch batch;
                    try
                    {
                        batch = await next.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                    {
                        next = null;
                        return false;
                    }

                    next = !stopToken.IsCancellationRequested && !failed.IsCancellationRequested && batches.TryDequeue(out var following)
                        ? reader.ReadAsync(following, stopToken)
                        : null;
                    using (batch)
                    {
                        foreach (var (summary, problem, isError) in batch.Problems)
                            pass.Record(isError ? ItemErrorType.Error : ItemErrorType.Warning, name, ItemName(summary), problem);
                        try
                        {
                            await writer.AppendAsync(batch.Copies, via, stopToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                        {
                            // Stopped while waiting for the throughput caps: this batch is copied by the next pass.
                            return false;
                        }

                        pass.Progress.Advance(batch.Copies.Count + batch.Problems.Count);
                    }
                }

                return true;
            }
            catch
            {
                failed.Cancel();
                throw;
            }
            finally
            {
                if (next != null)
                    await DiscardAsync(next).ConfigureAwait(false);
            }
        }

        /// <summary>A read started for a batch that will not be appended (stop, or a failure on the destination).</summary>
        private static async Task DiscardAsync(Task<FetchedBatch> read)
        {
            try
            {
                (await read.ConfigureAwait(false)).Dispose();
            }
            catch (Exception)
            {
                // The pass is ending already; its own failure, if any, is the one reported.
            }
        }

        internal static string ItemName(IMessageSummary summary) => ItemNames.Of(MessageIdentity.Subject(summary), $"UID {summary.UniqueId.Id}");
    }
}
