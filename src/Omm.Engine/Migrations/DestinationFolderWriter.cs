using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The destination side of one source folder in one pass, whatever the source and the destination's kind:
    /// records the folder pairing, re-identifies earlier copies when the destination's keys changed, forgets
    /// copies deleted there, takes over copies a killed pass appended without recording, appends byte for byte
    /// and records each copy, and sets flags on earlier copies.
    /// </summary>
    internal sealed class DestinationFolderWriter
    {
        private readonly PassContext pass;
        private readonly string sourceFolder;
        private readonly IMailDestinationFolder destination;
        private readonly bool created;
        private HashSet<string> present = new HashSet<string>(StringComparer.Ordinal);
        private List<DestinationCopy>? unclaimed;
        private readonly Dictionary<string, byte[]?> unclaimedContent = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        private int adopted;

        public DestinationFolderWriter(PassContext pass, string sourceFolder, IMailDestinationFolder destination, bool created)
        {
            this.pass = pass;
            this.sourceFolder = sourceFolder;
            this.destination = destination;
            this.created = created;
        }

        public string Name => destination.Path;

        /// <summary>The copies recorded for this folder, as they stand after <see cref="PrepareAsync"/>.</summary>
        public IReadOnlyList<MigratedItem> Items { get; private set; } = Array.Empty<MigratedItem>();

        /// <summary>
        /// Whether <see cref="PrepareAsync"/> forgot earlier copies (gone from the destination, or not found again after its keys
        /// changed): their messages are to be copied again, so a source that lists only changes must list everything.
        /// </summary>
        public bool ForgotCopies { get; private set; }

        /// <summary>The folder pairing as recorded (valid after <see cref="PrepareAsync"/>).</summary>
        public FolderState? Folder { get; private set; }

        /// <summary>Opens the destination folder; a refusal is a folder error and false.</summary>
        public async Task<bool> OpenAsync(CancellationToken stopToken)
        {
            try
            {
                await destination.OpenAsync(stopToken).ConfigureAwait(false);
                return true;
            }
            catch (RefusedException e)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, "(folder)",
                    $"The destination folder '{destination.Path}' could not be opened: {e.Message} Its messages were not copied.");
                return false;
            }
        }

        /// <summary>Records the pairing, re-identifies or forgets earlier copies as needed. Call after <see cref="OpenAsync"/>.</summary>
        /// <param name="sourceContent">Reads the content of recorded messages on the source, to tell apart copies that share a fingerprint; null if it cannot.</param>
        public async Task<FolderState> PrepareAsync(ContentReader<MigratedItem>? sourceContent, CancellationToken stopToken)
        {
            var folder = pass.Store.GetFolder(pass.MigrationId, sourceFolder);
            var items = pass.Store.GetMigratedItems(pass.MigrationId, sourceFolder);
            if (folder == null || folder.DestinationFolder != destination.Path)
            {
                folder = new FolderState(sourceFolder, destination.Path, folder?.CreatedAtSyncPoint ?? (created ? pass.SyncPoint : (int?)null),
                    destination.Cursor, folder?.SourceCursor);
            }
            else if (folder.DestinationCursor == null || !destination.Holds(folder.DestinationCursor) || items.Any(i => i.DestinationKey == null))
            {
                await RekeyAsync(items, sourceContent, stopToken).ConfigureAwait(false);
                // Where the copies of this migration begin is not known any more: any message no record claims may be one.
                folder = folder.With(destination.StartCursor);
                items = pass.Store.GetMigratedItems(pass.MigrationId, sourceFolder);
            }

            pass.Store.SaveFolder(pass.MigrationId, folder);
            Folder = folder;

            present = new HashSet<string>(await destination.ListKeysAsync(stopToken).ConfigureAwait(false), StringComparer.Ordinal);
            Items = ForgetVanishedCopies(items);
            return folder;
        }

        /// <summary>Saves the source folder's cursor (what its connector asks changes since next time) once the folder is done.</summary>
        public void Complete(string? sourceCursor)
        {
            if (adopted > 0)
                pass.Observer.OnVerbose($"Found {adopted} copies in '{destination.Path}' that an interrupted pass made without recording them; recorded, not copied again.");
            var folder = Folder ?? throw new InvalidOperationException("PrepareAsync first.");
            pass.Store.SaveFolder(pass.MigrationId, new FolderState(folder.SourceFolder, folder.DestinationFolder, folder.CreatedAtSyncPoint,
                folder.DestinationCursor, sourceCursor));
        }

        /// <summary>
        /// A pass killed between an append and its record leaves a copy the state does not know: if one of
        /// the destination messages that arrived since this migration first opened the folder, and that no
        /// record claims, has this fingerprint and the same content, it is recorded as this message's copy
        /// and true is returned (with no date in <paramref name="fingerprint"/>, any date: see
        /// <see cref="MessageFingerprint.MayBeCopy"/>). The content is compared because different messages can share a
        /// fingerprint: taking the copy of one for the other would leave the other out.
        /// </summary>
        /// <param name="sourceContent">Reads the content hash of the source message; called only when a copy has its fingerprint.</param>
        public async Task<bool> TryAdoptAsync(MessageFingerprint fingerprint, string sourceKey, Func<Task<byte[]?>> sourceContent,
            CancellationToken stopToken)
        {
            unclaimed ??= await UnclaimedCopiesAsync(stopToken).ConfigureAwait(false);
            // A message with no date was appended with none, and the destination dated the copy itself.
            var candidates = unclaimed.Where(c => fingerprint.MayBeCopy(c.Fingerprint)).ToList();
            if (candidates.Count == 0)
                return false;
            var content = await sourceContent().ConfigureAwait(false);
            if (content == null)
                return false;
            var unknown = candidates.Where(c => !unclaimedContent.ContainsKey(c.Key)).Select(c => c.Key).ToList();
            if (unknown.Count > 0)
            {
                var read = await destination.HashContentAsync(unknown, stopToken).ConfigureAwait(false);
                foreach (var key in unknown)
                    unclaimedContent[key] = read.TryGetValue(key, out var hash) ? hash : null;
            }

            var copy = candidates.FirstOrDefault(c => unclaimedContent[c.Key] is byte[] hash && hash.AsSpan().SequenceEqual(content));
            if (copy == null)
                return false;
            unclaimed.Remove(copy);
            pass.Store.RecordMigrated(pass.MigrationId, MigratedItem.New(pass.SyncPoint, sourceFolder, sourceKey,
                destination.Path, copy.Key, fingerprint, copy.Flags), Array.Empty<ItemError>());
            adopted++;
            return true;
        }

        /// <summary>The content hash of earlier copies in this folder, in the order given; null for a copy not known here now.</summary>
        public async Task<IReadOnlyList<byte[]?>> ContentOfCopiesAsync(IReadOnlyList<MigratedItem> items, CancellationToken stopToken)
        {
            var keys = items.Select(i => i.DestinationKey).OfType<string>().Where(destination.Holds).ToList();
            var hashes = await destination.HashContentAsync(keys, stopToken).ConfigureAwait(false);
            return items.Select(i => i.DestinationKey != null && hashes.TryGetValue(i.DestinationKey, out var hash) ? hash : null).ToList();
        }

        /// <summary>
        /// Appends several messages in one go (one round trip and one transaction where the destination has them) and
        /// records them in one transaction here. If the destination refuses the batch, each message is appended on its
        /// own, so that a refused message is one item error.
        /// </summary>
        /// <param name="via">The same folder opened on another connection of the destination (a copy lane); by default this writer's own.</param>
        /// <param name="stopToken">Ends a wait for the throughput caps (<see cref="PassContext.Pacer"/>); the append itself is not cancelled.</param>
        /// <exception cref="OperationCanceledException">Stopped while waiting for the throughput caps; nothing was appended.</exception>
        public Task AppendAsync(IReadOnlyList<PendingCopy> copies, IMailDestinationFolder? via = null, CancellationToken stopToken = default) =>
            AppendAsync(copies, via, paced: false, stopToken);

        private async Task AppendAsync(IReadOnlyList<PendingCopy> copies, IMailDestinationFolder? via, bool paced, CancellationToken stopToken)
        {
            var ready = copies.Where(Acceptable).ToList();
            if (ready.Count == 0)
                return;
            if (!paced)
                await pass.Pacer.WaitAsync(ready.Count, ready.Sum(r => r.Raw.Length), stopToken).ConfigureAwait(false);

            var target = via ?? destination;
            var withKeywords = target.AcceptsKeywords;
            var messages = ready.Select(c => new MessageToAppend(c.Raw, c.Flags, withKeywords ? c.Keywords : Array.Empty<string>(), c.InternalDate, c.Fingerprint, c.Native)).ToList();
            IReadOnlyList<AppendOutcome> outcomes;
            try
            {
                // Not cancellable: the items in hand are finished and recorded, even when a stop is requested.
                outcomes = await target.AppendAsync(messages, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RefusedException) when (ready.Count > 1)
            {
                foreach (var single in ready)
                    await AppendAsync(new[] { single }, via, paced: true, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (RefusedException e)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, ready[0].ItemName, $"The destination refused the message: {e.Message}");
                return;
            }
            catch (MigrationFailedException e) when (ready.Count == 1)
            {
                pass.Poison.NoteFailure(pass.DestinationEndpoint, sourceFolder, ready[0].SourceKey, ready[0].ItemName, ready[0].Raw.Length, e);
                throw;
            }

            Record(ready, messages, outcomes);
            YoungGenerationBound.Check();
        }

        /// <summary>Whether a copy can be sent at all; if not, an item error says why.</summary>
        private bool Acceptable(PendingCopy copy)
        {
            var limit = destination.MaxMessageBytes;
            if (limit.HasValue && copy.Raw.Length > limit.Value)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName, $"The message is {copy.Raw.Length:N0} bytes; the destination accepts at most {limit.Value:N0} (APPENDLIMIT).");
                return false;
            }

            if (copy.Raw.Length == 0)
            {
                pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName,
                    "The message is empty (0 bytes) on the source: there is nothing to copy, and IMAP servers such as Dovecot refuse an empty message.");
                return false;
            }

            return true;
        }

        private void Record(IReadOnlyList<PendingCopy> copies, IReadOnlyList<MessageToAppend> messages, IReadOnlyList<AppendOutcome> outcomes)
        {
            var records = new List<(MigratedItem, IReadOnlyList<ItemError>)>(copies.Count);
            var warnings = new List<ItemError>();
            for (var i = 0; i < copies.Count; i++)
            {
                var copy = copies[i];
                var outcome = outcomes[i];
                if (!outcome.Stored)
                {
                    pass.Record(ItemErrorType.Error, sourceFolder, copy.ItemName, $"The destination refused the message: {outcome.Refusal}");
                    continue;
                }

                var itemWarnings = new List<ItemError>();
                if (outcome.Warning != null)
                    itemWarnings.Add(PassContext.Problem(ItemErrorType.Warning, sourceFolder, copy.ItemName, outcome.Warning));
                if (copy.Keywords.Count > messages[i].Keywords.Count)
                    itemWarnings.Add(PassContext.Problem(ItemErrorType.Warning, sourceFolder, copy.ItemName,
                        $"The keywords {string.Join(", ", copy.Keywords)} were not kept: the destination folder does not accept keywords."));
                records.Add((MigratedItem.New(pass.SyncPoint, sourceFolder, copy.SourceKey, destination.Path, outcome.Key, copy.Fingerprint,
                    FlagText.Of(messages[i].Flags, messages[i].Keywords)), itemWarnings));
                warnings.AddRange(itemWarnings);
            }

            pass.Store.RecordMigrated(pass.MigrationId, records);
            foreach (var warning in warnings)
                pass.Observer.OnItemProblem(warning);
        }

        /// <summary>Sets on earlier copies the flags their source messages have now, where they differ from those recorded.</summary>
        public async Task SetFlagsAsync(IEnumerable<(MigratedItem Item, MessageFlags Flags, IReadOnlyCollection<string> Keywords)> wanted, CancellationToken stopToken)
        {
            var updates = new Dictionary<string, (MessageFlags Flags, HashSet<string> Keywords, List<MigratedItem> Items)>(StringComparer.Ordinal);
            var withKeywords = destination.AcceptsKeywords;
            foreach (var (item, rawFlags, rawKeywords) in wanted)
            {
                if (item.DestinationKey == null || !destination.Holds(item.DestinationKey))
                    continue;
                var keywords = withKeywords ? new HashSet<string>(rawKeywords, StringComparer.Ordinal) : new HashSet<string>();
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
                try
                {
                    await destination.SetFlagsAsync(items.Select(i => i.DestinationKey!).ToList(), flags, keywords, CancellationToken.None).ConfigureAwait(false);
                    pass.Store.UpdateFlags(items.Select(i => i.RowId), pair.Key);
                }
                catch (RefusedException e)
                {
                    pass.Record(ItemErrorType.Warning, sourceFolder, $"{items.Count} messages", $"The destination refused to change their flags to '{pair.Key}': {e.Message}");
                }
            }

            if (updates.Count > 0)
                pass.Observer.OnVerbose($"Brought the flags of {updates.Values.Sum(g => g.Items.Count)} earlier copies in '{destination.Path}' up to date.");
        }

        /// <summary>
        /// The destination folder's keys changed (an IMAP UIDVALIDITY), or some copies were stored without a key:
        /// find each recorded copy by fingerprint. A copy that is gone is forgotten, so its message is copied again.
        /// </summary>
        private async Task RekeyAsync(IReadOnlyList<MigratedItem> items, ContentReader<MigratedItem>? sourceContent, CancellationToken stopToken)
        {
            var unsure = items.Where(i => i.DestinationKey == null || !destination.Holds(i.DestinationKey)).ToList();
            var (_, lost) = await CopyLocator.RelocateAsync(pass.Store, pass.MigrationId, destination, unsure, sourceContent, stopToken).ConfigureAwait(false);
            pass.Store.ForgetItems(lost.Select(i => i.RowId));
            ForgotCopies |= lost.Count > 0;
            if (unsure.Count > 0)
                pass.Observer.OnVerbose($"'{destination.Path}': {unsure.Count - lost.Count} earlier copies found again by fingerprint, {lost.Count} gone (copied again).");
        }

        /// <summary>
        /// Copies recorded for this folder that are no longer on the destination (deleted there, or by an
        /// interrupted removal) are forgotten, so their messages are copied again: a sync brings over
        /// whatever is missing.
        /// </summary>
        /// <returns>The copies still there.</returns>
        private IReadOnlyList<MigratedItem> ForgetVanishedCopies(IReadOnlyList<MigratedItem> items)
        {
            var vanished = items
                .Where(i => i.DestinationKey != null && destination.Holds(i.DestinationKey) && !present.Contains(i.DestinationKey))
                .ToList();
            if (vanished.Count == 0)
                return items;
            pass.Store.ForgetItems(vanished.Select(i => i.RowId));
            ForgotCopies = true;
            pass.Observer.OnVerbose($"{vanished.Count} earlier copies are no longer in '{destination.Path}'; they are copied again.");
            var forgotten = new HashSet<long>(vanished.Select(i => i.RowId));
            return items.Where(i => !forgotten.Contains(i.RowId)).ToList();
        }

        private async Task<List<DestinationCopy>> UnclaimedCopiesAsync(CancellationToken stopToken)
        {
            var cursor = Folder?.DestinationCursor;
            if (cursor == null || !destination.Holds(cursor))
                return new List<DestinationCopy>();
            var claimed = new HashSet<string>(pass.Store.GetDestinationKeys(pass.MigrationId, destination.Path), StringComparer.Ordinal);
            return (await destination.ListCopiesAsync(cursor, claimed, stopToken).ConfigureAwait(false)).ToList();
        }
    }
}
