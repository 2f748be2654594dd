using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using Omm.Engine.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One source folder in one pass: re-identifies earlier copies when a UIDVALIDITY changed, takes over
    /// copies a killed pass appended but did not record, copies what is new byte for byte, and brings
    /// flags of earlier copies up to date. Never copies a message twice.
    /// </summary>
    internal sealed class ImapFolderSync
    {
        private const MessageSummaryItems IdentityItems = CopyLocator.IdentityItems;

        private readonly PassContext pass;
        private readonly IMailFolder source;
        private readonly IMailFolder destination;
        private readonly bool created;
        private readonly string name;

        public ImapFolderSync(PassContext pass, IMailFolder source, IMailFolder destination, bool created)
        {
            this.pass = pass;
            this.source = source;
            this.destination = destination;
            this.created = created;
            name = source.FullName;
        }

        /// <returns>False when stopped on request before the folder was done.</returns>
        public async Task<bool> RunAsync(CancellationToken stopToken)
        {
            if (!await OpenAsync(stopToken).ConfigureAwait(false))
                return true;

            var sourceValidity = source.UidValidity;
            var destinationValidity = destination.UidValidity;
            var folder = await PrepareFolderStateAsync(destinationValidity, stopToken).ConfigureAwait(false);

            var useCondStore = (pass.Source.Client.Capabilities & ImapCapabilities.CondStore) != 0 && source.HighestModSeq > 0;
            var highestModSeq = source.HighestModSeq;
            var since = useCondStore && folder.SourceUidValidity == sourceValidity ? folder.SourceHighestModSeq : null;
            var (sourceUids, flagChanges) = await ListSourceAsync(since, stopToken).ConfigureAwait(false);
            pass.Progress.StartFolder(name, sourceUids.Count);

            var present = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"listing '{destination.FullName}'",
                () => destination.SearchAsync(SearchQuery.All, stopToken)).ConfigureAwait(false);
            ForgetVanishedCopies(destinationValidity, present);

            var items = pass.Store.GetMigratedItems(pass.MigrationId, name);
            var copied = items.Where(i => i.SourceUidValidity == sourceValidity).ToDictionary(i => i.SourceUid);
            var unrecorded = sourceUids.Where(u => !copied.ContainsKey(u.Id)).ToList();
            var fresh = unrecorded.Count == 0
                ? new List<IMessageSummary>()
                : (await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"listing new messages of '{name}'",
                    () => source.FetchAsync(unrecorded, IdentityItems, stopToken)).ConfigureAwait(false)).ToList();

            RekeyChangedSourceValidity(items, sourceValidity, fresh, copied);
            pass.Progress.Skip(sourceUids.Count(u => copied.ContainsKey(u.Id)));
            await AdoptUnrecordedCopiesAsync(folder, destinationValidity, present, fresh, stopToken).ConfigureAwait(false);

            var acceptsKeywords = (destination.PermanentFlags & MessageFlags.UserDefined) != 0;
            foreach (var summary in fresh.OrderBy(s => s.UniqueId.Id))
            {
                if (stopToken.IsCancellationRequested)
                    return false;
                await CopyAsync(summary, sourceValidity, acceptsKeywords, stopToken).ConfigureAwait(false);
                pass.Progress.Advance();
            }

            if (stopToken.IsCancellationRequested)
                return false;
            await SyncFlagsAsync(copied, flagChanges, destinationValidity, acceptsKeywords, stopToken).ConfigureAwait(false);

            pass.Store.SaveFolder(pass.MigrationId, folder.With(sourceUidValidity: sourceValidity, sourceHighestModSeq: useCondStore ? highestModSeq : (ulong?)null));
            await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"closing '{name}'", () => source.CloseAsync(false, stopToken)).ConfigureAwait(false);
            return true;
        }

        private async Task<bool> OpenAsync(CancellationToken stopToken)
        {
            try
            {
                await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"opening '{name}'", () => source.OpenAsync(FolderAccess.ReadOnly, stopToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                pass.Record(ItemErrorType.Error, name, "(folder)", $"The source folder could not be read: {e.Message} Its messages were not copied.");
                return false;
            }

            try
            {
                await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"opening '{destination.FullName}'",
                    () => destination.OpenAsync(FolderAccess.ReadWrite, stopToken)).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                pass.Record(ItemErrorType.Error, name, "(folder)",
                    $"The destination folder '{destination.FullName}' could not be opened: {e.Message} Its messages were not copied.");
                return false;
            }
        }

        /// <summary>Records the folder pairing; re-identifies earlier copies when the destination's UIDVALIDITY changed.</summary>
        private async Task<FolderState> PrepareFolderStateAsync(uint destinationValidity, CancellationToken stopToken)
        {
            var folder = pass.Store.GetFolder(pass.MigrationId, name);
            if (folder == null || folder.DestinationFolder != destination.FullName)
            {
                folder = new FolderState(name, destination.FullName, folder?.CreatedAtSyncPoint ?? (created ? pass.SyncPoint : (int?)null), destinationValidity,
                    destination.UidNext?.Id ?? 1, folder?.SourceUidValidity, folder?.SourceHighestModSeq);
            }
            else if (folder.DestinationUidValidity != destinationValidity
                     || pass.Store.GetMigratedItems(pass.MigrationId, name).Any(i => i.DestinationUid == null))
            {
                await RekeyDestinationAsync(destinationValidity, stopToken).ConfigureAwait(false);
                folder = folder.With(destinationUidValidity: destinationValidity, destinationFirstUid: 1);
            }

            pass.Store.SaveFolder(pass.MigrationId, folder);
            return folder;
        }

        /// <summary>
        /// The destination folder's UIDs changed (UIDVALIDITY), or some copies were appended without
        /// UIDPLUS: find each recorded copy by fingerprint. A copy that is gone is forgotten, so its
        /// message is copied again.
        /// </summary>
        private async Task RekeyDestinationAsync(uint destinationValidity, CancellationToken stopToken)
        {
            var unsure = pass.Store.GetMigratedItems(pass.MigrationId, name)
                .Where(i => i.DestinationUidValidity != destinationValidity || i.DestinationUid == null)
                .ToList();
            var (_, lost) = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"listing '{destination.FullName}'",
                () => CopyLocator.RelocateAsync(pass.Store, pass.MigrationId, destination, unsure, stopToken)).ConfigureAwait(false);
            pass.Store.ForgetItems(lost.Select(i => i.RowId));
            if (unsure.Count > 0)
                pass.Observer.OnVerbose($"'{destination.FullName}': {unsure.Count - lost.Count} earlier copies found again by fingerprint, {lost.Count} gone (copied again).");
        }

        /// <summary>
        /// Copies recorded for this folder that are no longer on the destination (deleted there, or by an
        /// interrupted removal) are forgotten, so their messages are copied again: a sync brings over
        /// whatever is missing.
        /// </summary>
        private void ForgetVanishedCopies(uint destinationValidity, IList<UniqueId> present)
        {
            var there = new HashSet<uint>(present.Select(u => u.Id));
            var vanished = pass.Store.GetMigratedItems(pass.MigrationId, name)
                .Where(i => i.DestinationUidValidity == destinationValidity && i.DestinationUid.HasValue && !there.Contains(i.DestinationUid.Value))
                .ToList();
            if (vanished.Count == 0)
                return;
            pass.Store.ForgetItems(vanished.Select(i => i.RowId));
            pass.Observer.OnVerbose($"{vanished.Count} earlier copies are no longer in '{destination.FullName}'; they are copied again.");
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

            var pairs = FingerprintMatcher.Match(fresh, Fingerprint, stale, i => i.Fingerprint);
            foreach (var (summary, item) in pairs)
            {
                pass.Store.UpdateSourceIdentity(item.RowId, sourceValidity, summary.UniqueId.Id);
                copied[summary.UniqueId.Id] = item;
                fresh.Remove(summary);
            }

            pass.Observer.OnVerbose($"'{name}' changed its UIDs: {pairs.Count} earlier copies recognised by fingerprint.");
        }

        /// <summary>
        /// A pass killed between an APPEND and its record leaves a copy the state does not know. Copies
        /// of still unrecorded messages among the destination messages that arrived since this migration
        /// first opened the folder are recorded instead of appended again.
        /// </summary>
        private async Task AdoptUnrecordedCopiesAsync(FolderState folder, uint destinationValidity, IList<UniqueId> present,
            List<IMessageSummary> fresh, CancellationToken stopToken)
        {
            if (fresh.Count == 0)
                return;

            var claimed = new HashSet<uint>(pass.Store.GetDestinationUids(pass.MigrationId, destination.FullName, destinationValidity));
            var candidates = present.Where(u => u.Id >= folder.DestinationFirstUid && !claimed.Contains(u.Id)).ToList();
            if (candidates.Count == 0)
                return;

            var copies = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"reading '{destination.FullName}'",
                () => destination.FetchAsync(candidates, IdentityItems, stopToken)).ConfigureAwait(false);
            var pairs = FingerprintMatcher.Match(fresh, Fingerprint, copies, Fingerprint);
            foreach (var (summary, copy) in pairs)
            {
                pass.Store.RecordMigrated(pass.MigrationId, MigratedItem.New(pass.SyncPoint, name, source.UidValidity, summary.UniqueId.Id,
                    destination.FullName, destinationValidity, copy.UniqueId.Id, Fingerprint(summary), FlagText.Of(copy.Flags, copy.Keywords)), Array.Empty<ItemError>());
                fresh.Remove(summary);
                pass.Progress.Advance();
            }

            if (pairs.Count > 0)
                pass.Observer.OnVerbose($"Found {pairs.Count} copies in '{destination.FullName}' that an interrupted pass made without recording them.");
        }

        private async Task CopyAsync(IMessageSummary summary, uint sourceValidity, bool acceptsKeywords, CancellationToken stopToken)
        {
            var itemName = ItemName(summary);
            var appendLimit = pass.Destination.Client.AppendLimit;
            if (appendLimit.HasValue && summary.Size.HasValue && summary.Size.Value > appendLimit.Value)
            {
                pass.Record(ItemErrorType.Error, name, itemName,
                    $"The message is {summary.Size.Value:N0} bytes; the destination accepts at most {appendLimit.Value:N0} (APPENDLIMIT).");
                return;
            }

            Stream raw;
            try
            {
                raw = await ImapFailures.OnSideAsync(pass.Source.Endpoint, $"reading a message of '{name}'",
                    () => source.GetStreamAsync(summary.UniqueId, string.Empty, stopToken)).ConfigureAwait(false);
            }
            catch (MessageNotFoundException)
            {
                pass.Record(ItemErrorType.Warning, name, itemName, "The message was deleted from the source during the migration; nothing was copied.");
                return;
            }
            catch (ImapCommandException e)
            {
                pass.Record(ItemErrorType.Error, name, itemName, $"The source server would not return the message: {e.Message}");
                return;
            }

            using (raw)
            {
                var warnings = new List<ItemError>();
                MimeMessage message;
                try
                {
                    message = VerbatimMessage.Create(raw, out var exact);
                    if (!exact)
                        warnings.Add(PassContext.Problem(ItemErrorType.Warning, name, itemName,
                            "The message is malformed (no empty line after its headers, or bare line feeds in them) and could not be sent byte for byte; it was copied as MimeKit re-wrote it."));
                }
                catch (Exception e) when (e is FormatException || e is ParseException)
                {
                    pass.Record(ItemErrorType.Error, name, itemName, $"The message cannot be read: {e.Message}");
                    return;
                }

                var keywords = summary.Keywords ?? (ISet<string>)new HashSet<string>();
                var request = new AppendRequest(message, (summary.Flags ?? MessageFlags.None) & FlagText.Kept) { InternalDate = summary.InternalDate };
                if (keywords.Count > 0 && acceptsKeywords)
                    request.Keywords = new HashSet<string>(keywords, StringComparer.Ordinal);
                else if (keywords.Count > 0)
                    warnings.Add(PassContext.Problem(ItemErrorType.Warning, name, itemName,
                        $"The keywords {string.Join(", ", keywords)} were not kept: the destination folder does not accept keywords."));

                UniqueId? appended;
                try
                {
                    // Not cancellable: the item in hand is finished and recorded, even when a stop is requested.
                    appended = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"appending to '{destination.FullName}'",
                        () => destination.AppendAsync(VerbatimMessage.AppendFormat, request, CancellationToken.None)).ConfigureAwait(false);
                }
                catch (ImapCommandException e)
                {
                    pass.Record(ItemErrorType.Error, name, itemName, $"The destination refused the message: {e.Message}");
                    return;
                }

                pass.Store.RecordMigrated(
                    pass.MigrationId,
                    MigratedItem.New(pass.SyncPoint, name, sourceValidity, summary.UniqueId.Id, destination.FullName,
                        appended.HasValue ? (appended.Value.Validity != 0 ? appended.Value.Validity : destination.UidValidity) : (uint?)null,
                        appended?.Id, new MessageFingerprint(summary.Envelope?.MessageId, summary.Size ?? raw.Length, summary.InternalDate),
                        FlagText.Of(request.Flags, request.Keywords)),
                    warnings);
                foreach (var warning in warnings)
                    pass.Observer.OnItemProblem(warning);
            }
        }

        /// <summary>Sets on each earlier copy the flags its source message has now, when they changed since they were set.</summary>
        private async Task SyncFlagsAsync(Dictionary<uint, MigratedItem> copied, IList<IMessageSummary> flagChanges, uint destinationValidity,
            bool acceptsKeywords, CancellationToken stopToken)
        {
            var updates = new Dictionary<string, (MessageFlags Flags, ISet<string> Keywords, List<MigratedItem> Items)>(StringComparer.Ordinal);
            foreach (var summary in flagChanges)
            {
                if (!copied.TryGetValue(summary.UniqueId.Id, out var item) || item.DestinationUid == null || item.DestinationUidValidity != destinationValidity)
                    continue;
                var keywords = acceptsKeywords ? summary.Keywords ?? (ISet<string>)new HashSet<string>() : new HashSet<string>();
                var flags = (summary.Flags ?? MessageFlags.None) & FlagText.Kept;
                var wanted = FlagText.Of(flags, keywords);
                if (wanted == item.Flags)
                    continue;
                if (!updates.TryGetValue(wanted, out var group))
                    updates[wanted] = group = (flags, keywords, new List<MigratedItem>());
                group.Items.Add(item);
            }

            foreach (var pair in updates)
            {
                if (stopToken.IsCancellationRequested)
                    return;
                var (flags, keywords, items) = pair.Value;
                var uids = items.Select(i => new UniqueId(destinationValidity, i.DestinationUid!.Value)).ToList();
                try
                {
                    await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"setting flags in '{destination.FullName}'",
                        () => destination.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Set, flags, keywords) { Silent = true }, CancellationToken.None))
                        .ConfigureAwait(false);
                    pass.Store.UpdateFlags(items.Select(i => i.RowId), pair.Key);
                }
                catch (ImapCommandException e)
                {
                    pass.Record(ItemErrorType.Warning, name, $"{items.Count} messages",
                        $"The destination refused to change their flags to '{pair.Key}': {e.Message}");
                }
            }

            if (updates.Count > 0)
                pass.Observer.OnVerbose($"Brought the flags of {updates.Values.Sum(g => g.Items.Count)} earlier copies in '{destination.FullName}' up to date.");
        }

        private static MessageFingerprint Fingerprint(IMessageSummary summary) => CopyLocator.Fingerprint(summary);

        private static string ItemName(IMessageSummary summary)
        {
            var subject = summary.Envelope?.Subject;
            if (string.IsNullOrWhiteSpace(subject))
                subject = "(no subject)";
            else if (subject!.Length > 200)
                subject = subject.Substring(0, 200) + "…";
            return $"{subject} (UID {summary.UniqueId.Id})";
        }
    }
}
