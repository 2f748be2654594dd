using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// An Exchange mailbox as a destination of contacts, calendars and tasks: collections are its IPF.Contact,
    /// IPF.Appointment and IPF.Task folders (by folder id); items are created from typed properties mapped from the vCard or
    /// iCalendar, keyed by their item id, versioned by their ChangeKey. A new item's key is "uid:" and its UID until it
    /// exists; Omm's mark on each copy (<see cref="EwsItemMark"/>) finds the copy of a UID again. Tasks written into a
    /// calendar go into the tasks folder of the same name (the mailbox's Tasks for its Calendar): Exchange keeps them apart.
    /// An update replaces the copy (deleted, then made again) once its ChangeKey is still the one recorded. An item of another
    /// Exchange mailbox is copied whole (<see cref="EwsExportedItem"/>: exported there, uploaded here, then marked), or
    /// made from its text when either side will not move it whole.
    /// </summary>
    internal sealed class EwsCollectionDestination : ICollectionDestination
    {
        private const string UidKeyPrefix = "uid:";

        private readonly EwsClient client;
        private readonly SemaphoreSlim loading = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<string, Dictionary<string, EwsGroupwareEntry>> byUid =
            new ConcurrentDictionary<string, Dictionary<string, EwsGroupwareEntry>>(StringComparer.Ordinal);

        private EwsGroupwareFolders? folders;

        public EwsCollectionDestination(AccountEndpoint destination)
            : this(new EwsClient(destination))
        {
        }

        /// <param name="client">Owned: disposed with this destination.</param>
        internal EwsCollectionDestination(EwsClient client)
        {
            this.client = client;
        }

        public IEqualityComparer<string> KeyComparer => StringComparer.Ordinal;

        public async Task<IReadOnlyList<DestinationCollection>> ListCollectionsAsync(CancellationToken cancellationToken)
        {
            var tree = await FoldersAsync(cancellationToken).ConfigureAwait(false);
            return tree.Folders.Select(ToCollection).ToList();
        }

        public Task<DestinationCollection> CreateAddressBookAsync(string displayName, string? description, CancellationToken cancellationToken) =>
            CreateFolderAsync(ItemType.Contacts, displayName, cancellationToken);

        public Task<DestinationCollection> CreateCalendarAsync(string displayName, string? color, string? description, IReadOnlyList<string> components,
            CancellationToken cancellationToken) =>
            CreateFolderAsync(components.Count == 1 && components[0] == "VTODO" ? ItemType.Tasks : ItemType.Calendar, displayName, cancellationToken);

        public async Task<IReadOnlyList<DestinationEntry>> ListItemsAsync(DestinationCollection collection, CancellationToken cancellationToken)
        {
            var entries = new List<DestinationEntry>();
            foreach (var folder in await FoldersOfAsync(collection, cancellationToken).ConfigureAwait(false))
                entries.AddRange((await ListAsync(folder, cancellationToken).ConfigureAwait(false)).Select(e => new DestinationEntry(e.Id, e.ChangeKey)));
            return entries;
        }

        public async Task<DestinationItem?> ReadItemAsync(DestinationCollection collection, string key, CancellationToken cancellationToken)
        {
            var id = await IdOfAsync(collection, key, cancellationToken).ConfigureAwait(false);
            if (id == null)
                return null;
            var read = await Call(() => EwsGroupwareReader.ReadAsync(client, new[] { (id, (string?)null) }, cancellationToken)).ConfigureAwait(false);
            var item = read[0];
            if (item.Missing)
                return null;
            if (item.Error != null)
                throw new UnreadableItemException(item.Error);
            return new DestinationItem(item.Id, item.ChangeKey, item.Text!);
        }

        public async Task<string?> ReadVersionAsync(DestinationCollection collection, string key, CancellationToken cancellationToken)
        {
            var id = await IdOfAsync(collection, key, cancellationToken).ConfigureAwait(false);
            return id == null ? null : await Call(() => EwsGroupwareCalls.ChangeKeyAsync(client, id, cancellationToken)).ConfigureAwait(false);
        }

        public string NewItemKey(DestinationCollection collection, string uid, string contentType) => UidKeyPrefix + uid;

        public async Task<CollectionWrite> WriteItemAsync(DestinationCollection collection, string key, string contentType, string data, string? expectedVersion,
            object? native, CancellationToken cancellationToken)
        {
            // An item of this very session would be exported and uploaded by the same client: nothing to gain over a copy.
            var whole = native is EwsExportedItem exported && exported.Source != client ? exported : null;
            EwsGroupwareDraft draft;
            string uid;
            try
            {
                (draft, uid) = EwsGroupwareTexts.ToDraft(contentType, data, client.Mailbox);
            }
            catch (FormatException e)
            {
                return CollectionWrite.Failed(CollectionWriteOutcome.RefusedAsInvalid, key, $"Omm cannot map it to Exchange's fields: {e.Message}");
            }

            var folder = await FolderForAsync(collection, draft.Type, cancellationToken).ConfigureAwait(false);
            if (folder == null)
                return CollectionWrite.Failed(CollectionWriteOutcome.Refused, key,
                    $"Exchange keeps {draft.Type.ToString().ToLowerInvariant()} apart from what '{collection.Name}' holds, and Omm found no folder to put it in.");

            if (expectedVersion == null)
            {
                var there = await FindByUidAsync(folder, uid, cancellationToken).ConfigureAwait(false);
                if (there != null)
                {
                    if (there.Mark?.ContentHash == EwsItemMark.HashOf(data))
                        return CollectionWrite.Written(CollectionWriteOutcome.Created, there.Id, there.ChangeKey, 1, draft.Losses);
                    if (there.Mark?.ContentHash != EwsItemMark.Incomplete)
                        return CollectionWrite.NotWritten(CollectionWriteOutcome.AlreadyThere, there.Id, 1);
                    // Made by a pass killed before it finished the item (its exceptions or photo): made again whole.
                    await Call(() => EwsGroupwareCalls.DeleteAsync(client, new[] { there.Id }, cancellationToken)).ConfigureAwait(false);
                    Forget(folder, uid);
                }

                return await MakeAsync(folder, draft, uid, data, whole, CollectionWriteOutcome.Created, key, cancellationToken).ConfigureAwait(false);
            }

            var id = await IdOfAsync(collection, key, cancellationToken).ConfigureAwait(false);
            var current = id == null ? null : await Call(() => EwsGroupwareCalls.ChangeKeyAsync(client, id, cancellationToken)).ConfigureAwait(false);
            if (current == null || current != expectedVersion)
                return CollectionWrite.NotWritten(CollectionWriteOutcome.ChangedThere, key, 1);
            await Call(() => EwsGroupwareCalls.DeleteAsync(client, new[] { id! }, cancellationToken)).ConfigureAwait(false);
            Forget(folder, uid);
            var written = await MakeAsync(folder, draft, uid, data, whole, CollectionWriteOutcome.Updated, key, cancellationToken).ConfigureAwait(false);
            return written.IsFailure
                ? CollectionWrite.Failed(written.Outcome, key, written.Reason + " Its earlier copy was deleted to be replaced; the next pass makes it again.")
                : written;
        }

        public async Task<bool> DeleteItemAsync(string collectionKey, string key, CancellationToken cancellationToken)
        {
            string? id = key;
            if (key.StartsWith(UidKeyPrefix, StringComparison.Ordinal))
            {
                var tree = await FoldersAsync(cancellationToken).ConfigureAwait(false);
                var folder = tree.Find(collectionKey);
                id = folder == null ? null : (await FindByUidAsync(folder, key.Substring(UidKeyPrefix.Length), cancellationToken).ConfigureAwait(false))?.Id;
                if (id == null)
                    return false;
            }

            var deleted = await Call(() => EwsGroupwareCalls.DeleteAsync(client, new[] { id }, cancellationToken)).ConfigureAwait(false);
            return deleted[0];
        }

        public async Task<bool> DeleteEmptyCollectionAsync(DestinationCollection collection, CancellationToken cancellationToken)
        {
            var own = await FoldersOfAsync(collection, cancellationToken).ConfigureAwait(false);
            foreach (var folder in own)
            {
                if (folder.IsDefault || (await ListAsync(folder, cancellationToken).ConfigureAwait(false)).Count > 0)
                    return false;
            }

            foreach (var folder in own)
                await Call(async () =>
                {
                    await EwsFolderCalls.DeleteAsync(client, folder.Folder.Id, cancellationToken).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            return true;
        }

        public void Dispose()
        {
            client.Dispose();
            loading.Dispose();
        }

        /// <summary>The copy of an item: uploaded whole when it can be, else created from its typed properties.</summary>
        private async Task<CollectionWrite> MakeAsync(EwsGroupwareFolder folder, EwsGroupwareDraft draft, string uid, string data, EwsExportedItem? whole,
            CollectionWriteOutcome outcome, string key, CancellationToken cancellationToken)
        {
            if (whole != null && await CopyWholeAsync(whole, folder, draft.Item.Name.LocalName, uid, data, outcome, cancellationToken).ConfigureAwait(false) is CollectionWrite copied)
                return copied;
            return await CreateAsync(folder, draft, uid, data, outcome, key, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Copies an item of another Exchange mailbox whole: exported there, uploaded into <paramref name="folder"/>, then
        /// marked as the copy of <paramref name="data"/> (UploadItems takes no property of Omm's). Null when either side
        /// will not move it whole (refused, or too large to upload): it is then made from its text.
        /// </summary>
        /// <param name="element">Contact, DistributionList, CalendarItem or Task.</param>
        private async Task<CollectionWrite?> CopyWholeAsync(EwsExportedItem item, EwsGroupwareFolder folder, string element, string uid, string data,
            CollectionWriteOutcome outcome, CancellationToken cancellationToken)
        {
            string? blob;
            try
            {
                blob = (await EwsExportCalls.ExportAsync(item.Source, new[] { item.ItemId }, cancellationToken).ConfigureAwait(false))[0].Data;
            }
            catch (Exception e) when (e is EwsException || e is FormatException)
            {
                return null;
            }

            if (string.IsNullOrEmpty(blob) || blob!.Length > EwsExportCalls.MaxUploadBase64)
                return null;
            string? id;
            try
            {
                var (uploaded, refusal) = (await EwsExportCalls.UploadAsync(client, folder.Folder.Id, new[] { blob }, cancellationToken).ConfigureAwait(false))[0];
                if (refusal?.ResponseCode == "ErrorQuotaExceeded")
                    throw EwsFailures.OverQuota(client.Endpoint, client.Mailbox, refusal);
                id = uploaded;
            }
            catch (EwsException e) when (e.ResponseCode == "ErrorQuotaExceeded")
            {
                throw EwsFailures.OverQuota(client.Endpoint, client.Mailbox, e);
            }
            catch (Exception e) when (e is EwsException || e is FormatException)
            {
                return null;
            }

            if (id == null)
                return null;
            // Until marked, the copy is found again only by its calendar UID (calendar items) or the source's own mark, if any.
            var mark = EwsItemMark.For(uid, data);
            await Call(() => Done(EwsGroupwareCalls.SetMarkAsync(client, id, element, mark, cancellationToken))).ConfigureAwait(false);
            var changeKey = await Call(() => EwsGroupwareCalls.ChangeKeyAsync(client, id, cancellationToken)).ConfigureAwait(false) ?? string.Empty;
            Remember(folder, uid, new EwsGroupwareEntry(id, changeKey, EwsGroupwareClasses.Of(element), mark));
            return CollectionWrite.WrittenWhole(outcome, id, changeKey);
        }

        private async Task<CollectionWrite> CreateAsync(EwsGroupwareFolder folder, EwsGroupwareDraft draft, string uid, string data,
            CollectionWriteOutcome outcome, string key, CancellationToken cancellationToken)
        {
            var mark = draft.HasSteps ? new EwsItemMark(uid, EwsItemMark.Incomplete) : EwsItemMark.For(uid, data);
            var item = new XElement(draft.Item);
            EwsGroupwareTexts.Mark(item, mark);
            string id, changeKey;
            try
            {
                (id, changeKey) = await Call(() => EwsGroupwareCalls.CreateAsync(client, folder.Folder.Id, item, cancellationToken)).ConfigureAwait(false);
            }
            catch (EwsException e) when (e.ResponseCode == "ErrorQuotaExceeded")
            {
                throw EwsFailures.OverQuota(client.Endpoint, client.Mailbox, e);
            }
            catch (EwsException e)
            {
                return CollectionWrite.Failed(IsInvalid(e.ResponseCode) ? CollectionWriteOutcome.RefusedAsInvalid : CollectionWriteOutcome.Refused, key,
                    $"Exchange refused it ({e.ResponseCode}: {e.Message}).");
            }

            var warnings = new List<string>(draft.Losses);
            if (draft.HasSteps)
            {
                await FinishAsync(id, draft, warnings, cancellationToken).ConfigureAwait(false);
                await Call(() => Done(EwsGroupwareCalls.SetMarkAsync(client, id, draft.Item.Name.LocalName, EwsItemMark.For(uid, data), cancellationToken))).ConfigureAwait(false);
                changeKey = await Call(() => EwsGroupwareCalls.ChangeKeyAsync(client, id, cancellationToken)).ConfigureAwait(false) ?? changeKey;
            }

            Remember(folder, uid, new EwsGroupwareEntry(id, changeKey, EwsGroupwareClasses.Of(draft.Item.Name.LocalName), EwsItemMark.For(uid, data)));
            return CollectionWrite.Written(outcome, id, changeKey, 1, warnings);
        }

        /// <summary>The exceptions of a series and a contact's photo: what fails is a warning on the item, which stays.</summary>
        private async Task FinishAsync(string id, EwsGroupwareDraft draft, List<string> warnings, CancellationToken cancellationToken)
        {
            foreach (var change in draft.Occurrences)
            {
                try
                {
                    if (change.Deleted)
                        await Call(() => Done(EwsGroupwareCalls.DeleteOccurrenceAsync(client, id, change.InstanceIndex, cancellationToken))).ConfigureAwait(false);
                    else if (change.Changes.Count > 0)
                        await Call(() => Done(EwsGroupwareCalls.UpdateOccurrenceAsync(client, id, change.InstanceIndex, change.Changes, cancellationToken))).ConfigureAwait(false);
                }
                catch (EwsException e)
                {
                    warnings.Add($"RECURRENCE-ID: the occurrence of {change.OriginalStartUtc:yyyy-MM-dd HH:mm} UTC could not be {(change.Deleted ? "deleted" : "changed")} " +
                                 $"as the source has it: Exchange refused it ({e.ResponseCode}: {e.Message}).");
                }
            }

            if (draft.Photo != null)
            {
                try
                {
                    await Call(() => Done(EwsGroupwareCalls.AttachPhotoAsync(client, id, draft.Photo, cancellationToken))).ConfigureAwait(false);
                }
                catch (EwsException e)
                {
                    warnings.Add($"PHOTO: Exchange refused the contact's picture ({e.ResponseCode}: {e.Message}); the contact was copied without it.");
                }
            }
        }

        private static async Task<bool> Done(Task call)
        {
            await call.ConfigureAwait(false);
            return true;
        }

        private static bool IsInvalid(string code) =>
            code.StartsWith("ErrorInvalid", StringComparison.Ordinal) || code == "ErrorSchemaValidation" || code.StartsWith("ErrorCalendar", StringComparison.Ordinal)
            || code == "ErrorValueOutOfRange" || code == "ErrorPropertyValidationFailure";

        private async Task<DestinationCollection> CreateFolderAsync(ItemType type, string displayName, CancellationToken cancellationToken)
        {
            var tree = await FoldersAsync(cancellationToken).ConfigureAwait(false);
            var folder = await CreateOrFindAsync(tree, type, displayName, cancellationToken).ConfigureAwait(false);
            return ToCollection(folder);
        }

        private async Task<EwsGroupwareFolder> CreateOrFindAsync(EwsGroupwareFolders tree, ItemType type, string displayName, CancellationToken cancellationToken)
        {
            if (tree.Named(type, displayName) is EwsGroupwareFolder named)
                return named;
            var @class = type == ItemType.Contacts ? EwsGroupwareClasses.ContactsFolder
                : type == ItemType.Calendar ? EwsGroupwareClasses.CalendarFolder
                : EwsGroupwareClasses.TasksFolder;
            try
            {
                var created = await Call(() => EwsFolderCalls.CreateAsync(client, EwsDistinguishedFolders.Root, displayName, @class, cancellationToken)).ConfigureAwait(false);
                var folder = new EwsGroupwareFolder(created, type, false);
                tree.Add(folder);
                return folder;
            }
            catch (EwsException e)
            {
                throw new MigrationFailedException(FailureKind.Protocol,
                    $"{client.SideCapitalised} would not create the folder '{displayName}' ({@class}) in '{client.Mailbox}' ({e.ResponseCode}: {e.Message}).", e);
            }
        }

        private DestinationCollection ToCollection(EwsGroupwareFolder folder) =>
            new DestinationCollection(folder.Folder.Id, folder.Kind, folder.Folder.DisplayName, folder.Components, new[] { "4.0", "3.0" });

        /// <summary>The folder a collection's items of <paramref name="type"/> go into: its own, or the tasks folder beside a calendar.</summary>
        private async Task<EwsGroupwareFolder?> FolderForAsync(DestinationCollection collection, ItemType type, CancellationToken cancellationToken)
        {
            var tree = await FoldersAsync(cancellationToken).ConfigureAwait(false);
            var own = tree.Find(collection.Key);
            if (own == null)
                return null;
            if (own.Type == type)
                return own;
            if (own.Type == ItemType.Calendar && type == ItemType.Tasks)
                return await CompanionAsync(tree, own, true, cancellationToken).ConfigureAwait(false);
            return null;
        }

        /// <summary>A collection's folder and, for a calendar, the tasks folder beside it if there is one.</summary>
        private async Task<IReadOnlyList<EwsGroupwareFolder>> FoldersOfAsync(DestinationCollection collection, CancellationToken cancellationToken)
        {
            var tree = await FoldersAsync(cancellationToken).ConfigureAwait(false);
            var own = tree.Find(collection.Key);
            if (own == null)
                return Array.Empty<EwsGroupwareFolder>();
            if (own.Type != ItemType.Calendar)
                return new[] { own };
            var companion = await CompanionAsync(tree, own, false, cancellationToken).ConfigureAwait(false);
            return companion == null ? new[] { own } : new[] { own, companion };
        }

        private async Task<EwsGroupwareFolder?> CompanionAsync(EwsGroupwareFolders tree, EwsGroupwareFolder calendar, bool create, CancellationToken cancellationToken)
        {
            if (calendar.IsDefault)
                return tree.Default(ItemType.Tasks);
            var named = tree.Named(ItemType.Tasks, calendar.Folder.DisplayName);
            if (named != null || !create)
                return named;
            return await CreateOrFindAsync(tree, ItemType.Tasks, calendar.Folder.DisplayName, cancellationToken).ConfigureAwait(false);
        }

        private async Task<EwsGroupwareFolders> FoldersAsync(CancellationToken cancellationToken)
        {
            if (folders != null)
                return folders;
            await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return folders ??= await EwsGroupwareFolders.LoadAsync(client, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                loading.Release();
            }
        }

        private async Task<IReadOnlyList<EwsGroupwareEntry>> ListAsync(EwsGroupwareFolder folder, CancellationToken cancellationToken)
        {
            var entries = await Call(() => EwsGroupwareCalls.ListAsync(client, folder.Folder.Id, cancellationToken, folder.Type == ItemType.Calendar))
                .ConfigureAwait(false);
            var uids = new Dictionary<string, EwsGroupwareEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry.Mark != null && !uids.ContainsKey(entry.Mark.Uid))
                    uids[entry.Mark.Uid] = entry;
            }

            // An unmarked calendar item of the same UID: most likely a whole copy whose pass was killed before it marked it,
            // else the same meeting there already; either way, not to be made twice.
            foreach (var entry in entries)
            {
                if (entry.Mark == null && entry.CalendarUid != null && !uids.ContainsKey(entry.CalendarUid))
                    uids[entry.CalendarUid] = entry;
            }

            byUid[folder.Folder.Id] = uids;
            return entries;
        }

        private async Task<EwsGroupwareEntry?> FindByUidAsync(EwsGroupwareFolder folder, string uid, CancellationToken cancellationToken)
        {
            if (!byUid.TryGetValue(folder.Folder.Id, out var uids))
            {
                await ListAsync(folder, cancellationToken).ConfigureAwait(false);
                uids = byUid[folder.Folder.Id];
            }

            lock (uids)
                return uids.TryGetValue(uid, out var entry) ? entry : null;
        }

        private void Remember(EwsGroupwareFolder folder, string uid, EwsGroupwareEntry entry)
        {
            var uids = byUid.GetOrAdd(folder.Folder.Id, _ => new Dictionary<string, EwsGroupwareEntry>(StringComparer.Ordinal));
            lock (uids)
                uids[uid] = entry;
        }

        private void Forget(EwsGroupwareFolder folder, string uid)
        {
            if (byUid.TryGetValue(folder.Folder.Id, out var uids))
            {
                lock (uids)
                    uids.Remove(uid);
            }
        }

        /// <summary>A key's item id: the key itself, or for "uid:" keys the id of the copy marked with that UID.</summary>
        private async Task<string?> IdOfAsync(DestinationCollection collection, string key, CancellationToken cancellationToken)
        {
            if (!key.StartsWith(UidKeyPrefix, StringComparison.Ordinal))
                return key;
            var uid = key.Substring(UidKeyPrefix.Length);
            foreach (var folder in await FoldersOfAsync(collection, cancellationToken).ConfigureAwait(false))
            {
                if (await FindByUidAsync(folder, uid, cancellationToken).ConfigureAwait(false) is EwsGroupwareEntry entry)
                    return entry.Id;
            }

            return null;
        }

        /// <summary>Runs a call; answers Omm cannot read fail the pass as garbled.</summary>
        private async Task<T> Call<T>(Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, "writing contacts, calendars and tasks", e);
            }
        }
    }
}
