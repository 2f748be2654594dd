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
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The destination side of one source folder in one pass, whatever the source (IMAP folder, file):
    /// records the folder pairing, re-identifies earlier copies when the destination's UIDs changed,
    /// forgets copies deleted there, takes over copies a killed pass appended without recording, appends
    /// byte for byte and records each copy, and sets flags on earlier copies.
    /// </summary>
    internal sealed class DestinationFolderWriter
    {
        private readonly PassContext pass;
        private readonly string sourceFolder;
        private readonly IMailFolder destination;
        private readonly bool created;
        private IList<UniqueId> present = new List<UniqueId>();
        private List<IMessageSummary>? unclaimed;
        private readonly Dictionary<uint, byte[]?> unclaimedContent = new Dictionary<uint, byte[]?>();
        private int adopted;

        public DestinationFolderWriter(PassContext pass, string sourceFolder, IMailFolder destination, bool created)
        {
            this.pass = pass;
            this.sourceFolder = sourceFolder;
            this.destination = destination;
            this.created = created;
        }

        public string Name => destination.FullName;

        public uint Validity => destination.UidValidity;

        public bool AcceptsKeywords => (destination.PermanentFlags & MessageFlags.UserDefined) != 0;

        /// <summary>The copies recorded for this folder, as they stand after <see cref="PrepareAsync"/>.</summary>
        public IReadOnlyList<MigratedItem> Items { get; private set; } = Array.Empty<MigratedItem>();

        /// <summary>The folder pairing as recorded (valid after <see cref="PrepareAsync"/>).</summary>
        public FolderState? Folder { get; private set; }

        /// <summary>Opens the destination folder; a refusal is a folder error and false.</summary>
        public async Task<bool> OpenAsync(CancellationToken stopToken)
        {
            try
            {
                await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"opening '{destination.FullName}'",
                    () => destination.OpenAsync(FolderAccess.ReadWrite, stopToken)).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                pass.Record(ItemErrorType.Error, sourceFolder, "(folder)",
                    $"The destination folder '{destination.FullName}' could not be opened: {e.Message} Its messages were not copied.");
                return false;
            }
        }

        /// <summary>Records the pairing, re-identifies or forgets earlier copies as needed. Call after <see cref="OpenAsync"/>.</summary>
        /// <param name="sourceContent">Reads the content of recorded messages on the source, to tell apart copies that share a fingerprint; null if it cannot.</param>
        public async Task<FolderState> PrepareAsync(ContentReader<MigratedItem>? sourceContent, CancellationToken stopToken)
        {
            var validity = destination.UidValidity;
            var folder = pass.Store.GetFolder(pass.MigrationId, sourceFolder);
            var items = pass.Store.GetMigratedItems(pass.MigrationId, sourceFolder);
            if (folder == null || folder.DestinationFolder != destination.FullName)
            {
                folder = new FolderState(sourceFolder, destination.FullName, folder?.CreatedAtSyncPoint ?? (created ? pass.SyncPoint : (int?)null),
                    ImapItemKey.Cursor(validity, destination.UidNext?.Id ?? 1), folder?.SourceCursor);
            }
            else if (ImapItemKey.CursorValueAt(folder.DestinationCursor, validity) == null || items.Any(i => i.DestinationKey == null))
            {
                await RekeyAsync(items, validity, sourceContent, stopToken).ConfigureAwait(false);
                folder = folder.With(ImapItemKey.Cursor(validity, 1));
                items = pass.Store.GetMigratedItems(pass.MigrationId, sourceFolder);
            }

            pass.Store.SaveFolder(pass.MigrationId, folder);
            Folder = folder;

            present = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"listing '{destination.FullName}'",
                () => destination.SearchAsync(SearchQuery.All, stopToken)).ConfigureAwait(false);
            Items = ForgetVanishedCopies(items, validity);
            return folder;
        }

        /// <summary>Saves the source folder's cursor (what its connector asks changes since next time) once the folder is done.</summary>
        public void Complete(string? sourceCursor)
        {
            if (adopted > 0)
                pass.Observer.OnVerbose($"Found {adopted} copies in '{destination.FullName}' that an interrupted pass made without recording them; recorded, not copied again.");
            var folder = Folder ?? throw new InvalidOperationException("PrepareAsync first.");
            pass.Store.SaveFolder(pass.MigrationId, new FolderState(folder.SourceFolder, folder.DestinationFolder, folder.CreatedAtSyncPoint,
                folder.DestinationCursor, sourceCursor));
        }

        /// <summary>
        /// A pass killed between an APPEND and its record leaves a copy the state does not know: if one of
        /// the destination messages that arrived since this migration first opened the folder, and that no
        /// record claims, has this fingerprint and the same content, it is recorded as this message's copy
        /// and true is returned (with no date in <paramref name="fingerprint"/>, any date: see
        /// <see cref="MessageFingerprint.MayBeCopy"/>). The content is compared because different messages can share a fingerprint:
        /// taking the copy of one for the other would leave the other out.
        /// </summary>
        /// <param name="sourceContent">Reads the content hash of the source message; called only when a copy has its fingerprint.</param>
        public async Task<bool> TryAdoptAsync(MessageFingerprint fingerprint, string sourceKey, Func<Task<byte[]?>> sourceContent,
            CancellationToken stopToken)
        {
            unclaimed ??= await UnclaimedCopiesAsync(stopToken).ConfigureAwait(false);
            // A message with no date was appended with none, and the destination dated the copy itself.
            var candidates = unclaimed.Where(c => fingerprint.MayBeCopy(MessageIdentity.Fingerprint(c))).ToList();
            if (candidates.Count == 0)
                return false;
            var content = await sourceContent().ConfigureAwait(false);
            if (content == null)
                return false;
            var unknown = candidates.Where(c => !unclaimedContent.ContainsKey(c.UniqueId.Id)).Select(c => c.UniqueId.Id).ToList();
            if (unknown.Count > 0)
            {
                var read = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"reading '{destination.FullName}'",
                    () => MessageContent.HashAsync(destination, unknown, stopToken)).ConfigureAwait(false);
                foreach (var uid in unknown)
                    unclaimedContent[uid] = read.TryGetValue(uid, out var hash) ? hash : null;
            }

            var copy = candidates.FirstOrDefault(c => unclaimedContent[c.UniqueId.Id] is byte[] hash && hash.AsSpan().SequenceEqual(content));
            if (copy == null)
                return false;
            unclaimed.Remove(copy);
            pass.Store.RecordMigrated(pass.MigrationId, MigratedItem.New(pass.SyncPoint, sourceFolder, sourceKey,
                destination.FullName, ImapItemKey.Of(destination.UidValidity, copy.UniqueId.Id), fingerprint, FlagText.Of(copy.Flags, copy.Keywords)), Array.Empty<ItemError>());
            adopted++;
            return true;
        }

        /// <summary>The content hash of earlier copies in this folder, in the order given; null for a copy not known here now.</summary>
        public async Task<IReadOnlyList<byte[]?>> ContentOfCopiesAsync(IReadOnlyList<MigratedItem> items, CancellationToken stopToken)
        {
            var validity = destination.UidValidity;
            var uids = items.Select(i => ImapItemKey.UidAt(i.DestinationKey, validity)).OfType<uint>().ToList();
            var hashes = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"reading '{destination.FullName}'",
                () => MessageContent.HashAsync(destination, uids, stopToken)).ConfigureAwait(false);
            return items.Select(i => ImapItemKey.UidAt(i.DestinationKey, validity) is uint uid && hashes.TryGetValue(uid, out var hash) ? hash : null).ToList();
        }

        /// <summary>
        /// Appends several messages in one command where the server has MULTIAPPEND (one round trip,
        /// one transaction on the server) and records them in one transaction here. If the server refuses
        /// the batch, each message is appended on its own, so that a refused message is one item error.
        /// </summary>
        /// <param name="via">The same folder opened on another connection of the destination (a copy lane); by default this writer's own.</param>
        /// <param name="stopToken">Ends a wait for the throughput caps (<see cref="PassContext.Pacer"/>); the append itself is not cancelled.</param>
        /// <exception cref="OperationCanceledException">Stopped while waiting for the throughput caps; nothing was appended.</exception>
        public Task AppendAsync(IReadOnlyList<PendingCopy> copies, IMailFolder? via = null, CancellationToken stopToken = default) =>
            AppendAsync(copies, via, paced: false, stopToken);

        private async Task AppendAsync(IReadOnlyList<PendingCopy> copies, IMailFolder? via, bool paced, CancellationToken stopToken)
        {
            var target = via ?? destination;
            var ready = new List<(PendingCopy Copy, AppendRequest Request, List<ItemError> Warnings)>();
            foreach (var copy in copies)
            {
                var prepared = Prepare(copy);
                if (prepared != null)
                    ready.Add((copy, prepared.Value.Request, prepared.Value.Warnings));
            }

            if (ready.Count == 0)
                return;

            try
            {
                if (!paced)
                    await pass.Pacer.WaitAsync(ready.Count, ready.Sum(r => r.Copy.Raw.Length), stopToken).ConfigureAwait(false);
                await AppendPreparedAsync(ready, via, target).ConfigureAwait(false);
            }
            finally
            {
                foreach (var prepared in ready)
                    VerbatimMessage.Return(prepared.Request.Message);
            }

            YoungGenerationBound.Check();
        }

        private async Task AppendPreparedAsync(List<(PendingCopy Copy, AppendRequest Request, List<ItemError> Warnings)> ready, IMailFolder? via, IMailFolder target)
        {
            IList<UniqueId> uids;
            try
            {
                // Not cancellable: the items in hand are finished and recorded, even when a stop is requested.
                uids = ready.Count == 1
                    ? ToList(await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"appending to '{destination.FullName}'",
                        () => target.AppendAsync(VerbatimMessage.AppendFormat, ready[0].Request, CancellationToken.None)).ConfigureAwait(false))
                    : await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"appending to '{destination.FullName}'",
                        () => target.AppendAsync(VerbatimMessage.AppendFormat, ready.Select(r => (IAppendRequest)r.Request).ToList(), CancellationToken.None))
                        .ConfigureAwait(false);
            }
            catch (ImapCommandException) when (ready.Count > 1)
            {
                // A refused MULTIAPPEND stores none of its messages (RFC 3502), so each is appended again on
                // its own. Refusals that are not about a message (UNAVAILABLE, OVERQUOTA...) never get here:
                // OnSideAsync turned them into a failure of the pass.
                foreach (var single in ready)
                    await AppendAsync(new[] { single.Copy }, via, paced: true, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (MigrationFailedException e) when (ready.Count == 1)
            {
                var copy = ready[0].Copy;
                pass.Poison.NoteFailure(pass.Destination.Endpoint, sourceFolder, copy.SourceKey, copy.ItemName, copy.Raw.Length, e);
                throw;
            }
            catch (ImapCommandException e)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, ready[0].Copy.ItemName,
                    $"The destination refused the message: {ImapFailures.Refusal(pass.Destination.Endpoint, e)}");
                return;
            }

            var validity = destination.UidValidity;
            var records = ready.Select((r, i) => (MigratedItem.New(pass.SyncPoint, sourceFolder, r.Copy.SourceKey, destination.FullName,
                    i < uids.Count ? ImapItemKey.Of(uids[i].Validity != 0 ? uids[i].Validity : validity, uids[i].Id) : null, r.Copy.Fingerprint, FlagText.Of(r.Request.Flags, r.Request.Keywords)),
                (IReadOnlyList<ItemError>)r.Warnings)).ToList();
            pass.Store.RecordMigrated(pass.MigrationId, records);
            foreach (var warning in ready.SelectMany(r => r.Warnings))
                pass.Observer.OnItemProblem(warning);
        }

        private (AppendRequest Request, List<ItemError> Warnings)? Prepare(PendingCopy copy)
        {
            var appendLimit = pass.Destination.Client.AppendLimit;
            if (appendLimit.HasValue && copy.Raw.Length > appendLimit.Value)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName, $"The message is {copy.Raw.Length:N0} bytes; the destination accepts at most {appendLimit.Value:N0} (APPENDLIMIT).");
                return null;
            }

            if (copy.Raw.Length == 0)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName,
                    "The message is empty (0 bytes) on the source: there is nothing to copy, and IMAP servers such as Dovecot refuse an empty message.");
                return null;
            }

            var warnings = new List<ItemError>();
            MimeMessage message;
            try
            {
                message = VerbatimMessage.Create(copy.Raw, out var exact);
                if (!exact)
                    warnings.Add(PassContext.Problem(ItemErrorType.Warning, sourceFolder, copy.ItemName,
                        "The message's first line does not end in CRLF (a bare line feed, or no CRLF in its first 4 MB) and could not be sent byte for byte; it was copied as MimeKit re-wrote it."));
            }
            catch (Exception e) when (e is FormatException || e is ParseException)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName, $"The message cannot be read: {e.Message}");
                return null;
            }

            var request = new AppendRequest(message, copy.Flags & FlagText.Kept) { InternalDate = copy.InternalDate };
            if (copy.Keywords.Count > 0 && AcceptsKeywords)
                request.Keywords = new HashSet<string>(copy.Keywords, StringComparer.Ordinal);
            else if (copy.Keywords.Count > 0)
                warnings.Add(PassContext.Problem(ItemErrorType.Warning, sourceFolder, copy.ItemName,
                    $"The keywords {string.Join(", ", copy.Keywords)} were not kept: the destination folder does not accept keywords."));
            return (request, warnings);
        }

        private static IList<UniqueId> ToList(UniqueId? uid) => uid.HasValue ? new List<UniqueId> { uid.Value } : new List<UniqueId>();

        /// <summary>Sets on earlier copies the flags their source messages have now, where they differ from those recorded.</summary>
        public async Task SetFlagsAsync(IEnumerable<(MigratedItem Item, MessageFlags Flags, IReadOnlyCollection<string> Keywords)> wanted, CancellationToken stopToken)
        {
            var validity = destination.UidValidity;
            var updates = new Dictionary<string, (MessageFlags Flags, HashSet<string> Keywords, List<MigratedItem> Items)>(StringComparer.Ordinal);
            foreach (var (item, rawFlags, rawKeywords) in wanted)
            {
                if (ImapItemKey.UidAt(item.DestinationKey, validity) == null)
                    continue;
                var keywords = AcceptsKeywords ? new HashSet<string>(rawKeywords, StringComparer.Ordinal) : new HashSet<string>();
                var flags = rawFlags & FlagText.Kept;
                var text = FlagText.Of(flags, keywords);
                if (text == item.Flags)
                    continue;
                if (!updates.TryGetValue(text, out var group))
                    updates[text] = group = (flags, keywords, new List<MigratedItem>());
                group.Items.Add(item);
            }

            foreach (var pair in updates)
            {
                if (stopToken.IsCancellationRequested)
                    return;
                var (flags, keywords, items) = pair.Value;
                var uids = items.Select(i => new UniqueId(validity, ImapItemKey.UidAt(i.DestinationKey, validity)!.Value)).ToList();
                try
                {
                    await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"setting flags in '{destination.FullName}'",
                        () => destination.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Set, flags, keywords) { Silent = true }, CancellationToken.None))
                        .ConfigureAwait(false);
                    pass.Store.UpdateFlags(items.Select(i => i.RowId), pair.Key);
                }
                catch (ImapCommandException e)
                {
                    pass.Record(ItemErrorType.Warning, sourceFolder, $"{items.Count} messages", $"The destination refused to change their flags to '{pair.Key}': {e.Message}");
                }
            }

            if (updates.Count > 0)
                pass.Observer.OnVerbose($"Brought the flags of {updates.Values.Sum(g => g.Items.Count)} earlier copies in '{destination.FullName}' up to date.");
        }

        /// <summary>
        /// The destination folder's UIDs changed (UIDVALIDITY), or some copies were appended without
        /// UIDPLUS: find each recorded copy by fingerprint. A copy that is gone is forgotten, so its
        /// message is copied again.
        /// </summary>
        private async Task RekeyAsync(IReadOnlyList<MigratedItem> items, uint validity, ContentReader<MigratedItem>? sourceContent, CancellationToken stopToken)
        {
            var unsure = items
                .Where(i => ImapItemKey.UidAt(i.DestinationKey, validity) == null)
                .ToList();
            var (_, lost) = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"listing '{destination.FullName}'",
                () => CopyLocator.RelocateAsync(pass.Store, pass.MigrationId, destination, unsure, sourceContent, stopToken)).ConfigureAwait(false);
            pass.Store.ForgetItems(lost.Select(i => i.RowId));
            if (unsure.Count > 0)
                pass.Observer.OnVerbose($"'{destination.FullName}': {unsure.Count - lost.Count} earlier copies found again by fingerprint, {lost.Count} gone (copied again).");
        }

        /// <summary>
        /// Copies recorded for this folder that are no longer on the destination (deleted there, or by an
        /// interrupted removal) are forgotten, so their messages are copied again: a sync brings over
        /// whatever is missing.
        /// </summary>
        /// <returns>The copies still there.</returns>
        private IReadOnlyList<MigratedItem> ForgetVanishedCopies(IReadOnlyList<MigratedItem> items, uint validity)
        {
            var there = new HashSet<uint>(present.Select(u => u.Id));
            var vanished = items
                .Where(i => ImapItemKey.UidAt(i.DestinationKey, validity) is uint uid && !there.Contains(uid))
                .ToList();
            if (vanished.Count == 0)
                return items;
            pass.Store.ForgetItems(vanished.Select(i => i.RowId));
            pass.Observer.OnVerbose($"{vanished.Count} earlier copies are no longer in '{destination.FullName}'; they are copied again.");
            var forgotten = new HashSet<long>(vanished.Select(i => i.RowId));
            return items.Where(i => !forgotten.Contains(i.RowId)).ToList();
        }

        private async Task<List<IMessageSummary>> UnclaimedCopiesAsync(CancellationToken stopToken)
        {
            var first = ImapItemKey.CursorValueAt(Folder?.DestinationCursor, destination.UidValidity) ?? uint.MaxValue;
            var claimed = new HashSet<uint>(ImapItemKey.UidsAt(pass.Store.GetDestinationKeys(pass.MigrationId, destination.FullName), destination.UidValidity));
            var candidates = present.Where(u => u.Id >= first && !claimed.Contains(u.Id)).ToList();
            if (candidates.Count == 0)
                return new List<IMessageSummary>();
            var copies = await ImapFailures.OnSideAsync(pass.Destination.Endpoint, $"reading '{destination.FullName}'",
                () => destination.FetchAsync(candidates, MessageIdentity.Request, stopToken)).ConfigureAwait(false);
            return copies.ToList();
        }
    }
}
