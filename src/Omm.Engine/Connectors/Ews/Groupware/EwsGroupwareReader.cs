using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// Reads contacts, calendar items and tasks whole and turns them into vCard and iCalendar text: each item with every
    /// property Omm maps, a series with its exceptions (each read by its own id), a contact with its photo.
    /// </summary>
    internal static class EwsGroupwareReader
    {
        /// <summary>Reads items in the order asked; one that cannot be read comes back with its error, the others all the same.</summary>
        /// <param name="items">Item ids, with their class when a listing gave it (else it is asked first).</param>
        public static async Task<IReadOnlyList<EwsReadItem>> ReadAsync(EwsClient client, IReadOnlyList<(string Id, string? ItemClass)> items,
            CancellationToken cancellationToken)
        {
            var classes = items.Select(i => i.ItemClass).ToArray();
            var got = new (XElement? Item, EwsException? Refusal)[items.Count];
            var unknown = Enumerable.Range(0, items.Count).Where(i => classes[i] == null).ToList();
            if (unknown.Count > 0)
            {
                var first = await GetAsync(client, unknown.Select(i => items[i].Id).ToList(), Array.Empty<XElement>(), cancellationToken).ConfigureAwait(false);
                for (var j = 0; j < unknown.Count; j++)
                {
                    if (first[j].Item is XElement item)
                        classes[unknown[j]] = EwsGroupwareEntry.Parse(item).ItemClass;
                    else
                        got[unknown[j]] = first[j];
                }
            }

            // Each class read with its own fields: Exchange may refuse a field its item type does not have.
            foreach (var group in Enumerable.Range(0, items.Count).Where(i => classes[i] != null).GroupBy(i => EwsGroupwareTexts.FieldsKey(classes[i]!)))
            {
                var indexes = group.ToList();
                var read = await GetAsync(client, indexes.Select(i => items[i].Id).ToList(), EwsGroupwareTexts.Fields(classes[indexes[0]]!), cancellationToken)
                    .ConfigureAwait(false);
                for (var j = 0; j < indexes.Count; j++)
                    got[indexes[j]] = read[j];
            }

            var results = new List<EwsReadItem>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var (item, refusal) = got[i];
                if (item == null)
                {
                    var code = refusal?.ResponseCode ?? "ErrorItemNotFound";
                    results.Add(code == "ErrorItemNotFound"
                        ? new EwsReadItem(items[i].Id, null, null, null, Array.Empty<string>(), "It is no longer there (deleted since it was listed).", missing: true)
                        : new EwsReadItem(items[i].Id, null, null, null, Array.Empty<string>(), $"Exchange would not give it ({code}: {refusal!.Message})."));
                    continue;
                }

                results.Add(await TextOfAsync(client, items[i].Id, item, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        private static async Task<EwsReadItem> TextOfAsync(EwsClient client, string id, XElement item, CancellationToken cancellationToken)
        {
            var entry = EwsGroupwareEntry.Parse(item);
            var type = entry.Type;
            if (type == null)
                return new EwsReadItem(id, entry.ChangeKey, null, null, Array.Empty<string>(),
                    $"It is of class {entry.ItemClass}, not a contact, calendar item or task: Omm does not copy it from this folder.");
            var losses = new List<string>();
            var exceptions = new List<XElement>();
            EwsContactPhoto? photo = null;
            try
            {
                var modified = item.Element(EwsNames.T + "ModifiedOccurrences")?.Elements(EwsNames.T + "Occurrence")
                    .Select(o => (string?)o.Element(EwsNames.T + "ItemId")?.Attribute("Id")).OfType<string>().ToList() ?? new List<string>();
                if (modified.Count > 0)
                {
                    var got = await GetAsync(client, modified, EwsGroupwareTexts.OccurrenceFields, cancellationToken).ConfigureAwait(false);
                    foreach (var (exception, refusal) in got)
                    {
                        if (exception != null)
                            exceptions.Add(exception);
                        else
                            losses.Add($"An exception of the series could not be read ({refusal?.ResponseCode}: {refusal?.Message}); the occurrence is copied as the series has it.");
                    }
                }

                if (type == ItemType.Contacts)
                {
                    try
                    {
                        photo = await EwsGroupwareCalls.ReadPhotoAsync(client, item, cancellationToken).ConfigureAwait(false);
                    }
                    catch (EwsException e)
                    {
                        losses.Add($"PHOTO: Exchange would not give the contact's picture ({e.ResponseCode}: {e.Message}); the contact is copied without it.");
                    }
                }

                var uid = EwsItemMark.Of(item)?.Uid ?? StableUid(id);
                var text = EwsGroupwareTexts.ToText(item, exceptions, photo, uid, losses);
                return new EwsReadItem(id, entry.ChangeKey, type, text, losses, null);
            }
            catch (FormatException e)
            {
                return new EwsReadItem(id, entry.ChangeKey, type, null, losses, $"Omm cannot read what Exchange gave for it: {e.Message}");
            }
        }

        /// <summary>GetItem, sending again the items Exchange turned away as busy once its back-off has passed.</summary>
        private static async Task<IReadOnlyList<(XElement? Item, EwsException? Refusal)>> GetAsync(EwsClient client, IReadOnlyList<string> ids,
            IReadOnlyList<XElement> fields, CancellationToken cancellationToken)
        {
            var results = (await EwsGroupwareCalls.GetAsync(client, ids, fields, cancellationToken).ConfigureAwait(false)).ToArray();
            for (var attempt = 0; attempt < EwsClient.BusyRetries; attempt++)
            {
                var busy = Enumerable.Range(0, ids.Count).Where(i => results[i].Refusal is EwsException e && EwsClient.IsBusy(e.ResponseCode)).ToList();
                if (busy.Count == 0)
                    break;
                client.BackOff(results[busy[0]].Refusal!);
                var again = await EwsGroupwareCalls.GetAsync(client, busy.Select(i => ids[i]).ToList(), fields, cancellationToken).ConfigureAwait(false);
                for (var j = 0; j < busy.Count; j++)
                    results[busy[j]] = again[j];
            }

            return results;
        }

        /// <summary>A UID for an item that has none of its own (contacts, tasks): the same for the same item id.</summary>
        public static string StableUid(string id)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(id));
            return "exchange-" + BitConverter.ToString(hash, 0, 16).Replace("-", string.Empty).ToLowerInvariant();
        }
    }
}
