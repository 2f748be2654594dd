using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// An Exchange mailbox as a source of contacts, calendars and tasks: its IPF.Contact, IPF.Appointment and IPF.Task
    /// folders, their items listed with their ChangeKeys (the version: a pass reads only what changed) and read whole as
    /// vCard or iCalendar, a series with its exceptions as one item. Each item carries its id for an Exchange destination
    /// to copy it whole (<see cref="EwsExportedItem"/>).
    /// </summary>
    internal sealed class EwsCollectionSource : ICollectionSource
    {
        private readonly EwsClient client;
        private readonly Dictionary<string, string> classes = new Dictionary<string, string>(StringComparer.Ordinal);

        public EwsCollectionSource(AccountEndpoint source)
            : this(new EwsClient(source))
        {
        }

        /// <param name="client">Owned: disposed with this source.</param>
        internal EwsCollectionSource(EwsClient client)
        {
            this.client = client;
        }

        public string Description => client.Url.AbsoluteUri + " (" + client.Mailbox + ")";

        public async Task<IReadOnlyList<SourceCollection>> ListCollectionsAsync(CancellationToken cancellationToken)
        {
            var tree = await EwsGroupwareFolders.LoadAsync(client, cancellationToken).ConfigureAwait(false);
            return tree.Folders.Select(f => new SourceCollection(f.Folder.Id, f.Kind, f.Folder.DisplayName, f.Components, isDefault: f.IsDefault)).ToList();
        }

        public async Task<IReadOnlyList<SourceEntry>> ListEntriesAsync(SourceCollection collection, CancellationToken cancellationToken)
        {
            try
            {
                var entries = await EwsGroupwareCalls.ListAsync(client, collection.Key, cancellationToken).ConfigureAwait(false);
                foreach (var entry in entries)
                    classes[entry.Id] = entry.ItemClass;
                return entries.Select(e => new SourceEntry(e.Id, e.ChangeKey, e.Type, $"item {Short(e.Id)}")).ToList();
            }
            catch (EwsException e)
            {
                throw new MigrationFailedException(FailureKind.Protocol,
                    $"{client.SideCapitalised} would not list the folder '{collection.DisplayName}' of '{client.Mailbox}' ({e.ResponseCode}: {e.Message}).", e);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, $"listing '{collection.DisplayName}'", e);
            }
        }

        public async Task<IReadOnlyList<SourceItem>> ReadAsync(SourceCollection collection, IReadOnlyList<SourceEntry> entries, CancellationToken cancellationToken)
        {
            IReadOnlyList<EwsReadItem> read;
            try
            {
                read = await EwsGroupwareReader.ReadAsync(client,
                    entries.Select(e => (e.Key, classes.TryGetValue(e.Key, out var itemClass) ? itemClass : null)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (EwsException e)
            {
                throw new MigrationFailedException(FailureKind.Protocol,
                    $"{client.SideCapitalised} would not give the items of '{collection.DisplayName}' ({e.ResponseCode}: {e.Message}).", e);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, $"reading '{collection.DisplayName}'", e);
            }

            return entries.Select((entry, i) => ToSourceItem(entry, read[i])).Select(i => i.Error == null ? i.WithNative(new EwsExportedItem(client, i.Entry.Key)) : i)
                .ToList();
        }

        public void Dispose() => client.Dispose();

        private static SourceItem ToSourceItem(SourceEntry entry, EwsReadItem read)
        {
            if (read.Text == null)
                return SourceItem.Unreadable(entry, read.Error ?? "Exchange gave nothing for it.");
            try
            {
                var item = read.Type == ItemType.Contacts
                    ? SourceItem.Contact(entry, VCard.Parse(read.Text))
                    : SourceItem.CalendarItem(entry, CalendarObject.Parse(read.Text), null);
                return item.WithNotes(read.Losses);
            }
            catch (Exception e) when (e is VCardFormatException || e is CalendarFormatException || e is FormatException)
            {
                return SourceItem.Unreadable(entry, $"What Omm made of it cannot be read back ({e.Message}); this is a defect of Omm's mapping.");
            }
        }

        private static string Short(string id) => id.Length <= 16 ? id : "…" + id.Substring(id.Length - 16);
    }
}
