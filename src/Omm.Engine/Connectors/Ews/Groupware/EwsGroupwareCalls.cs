using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// The EWS calls for contacts, calendar items and tasks: listing a folder, reading items whole, creating one from typed
    /// properties, changing and deleting occurrences of a series, deleting items, and contact photos. Nothing is ever sent to
    /// attendees: every call that could send a meeting request or cancellation says SendToNone.
    /// </summary>
    internal static class EwsGroupwareCalls
    {
        /// <summary>Every item of a folder with its version, class and Omm's mark, a page at a time.</summary>
        /// <param name="calendarUids">Also each calendar item's own UID (calendar:UID): for calendar folders only.</param>
        public static Task<IReadOnlyList<EwsGroupwareEntry>> ListAsync(EwsClient client, string folderId, CancellationToken cancellationToken,
            bool calendarUids = false) =>
            EwsItemCalls.FindAllAsync(client, folderId, writer =>
            {
                writer.WriteStartElement("ItemShape", EwsNames.Messages);
                writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
                writer.WriteStartElement("AdditionalProperties", EwsNames.Types);
                EwsXml.FieldUri(writer, "item:ItemClass");
                if (calendarUids)
                    EwsXml.FieldUri(writer, "calendar:UID");
                EwsItemMark.WriteUri(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }, EwsGroupwareEntry.Parse, cancellationToken);

        /// <summary>
        /// Items with their class, <paramref name="fields"/> and Omm's mark, in the
        /// order asked; for each, the item element or why Exchange would not give it.
        /// </summary>
        public static async Task<IReadOnlyList<(XElement? Item, EwsException? Refusal)>> GetAsync(EwsClient client, IReadOnlyList<string> ids,
            IReadOnlyList<XElement> fields, CancellationToken cancellationToken)
        {
            var items = new List<(XElement?, EwsException?)>(ids.Count);
            foreach (var batch in EwsBatches.Of(ids, EwsItemCalls.Batch))
            {
                var answer = await client.CallAsync("GetItem", writer =>
                {
                    writer.WriteStartElement("GetItem", EwsNames.Messages);
                    writer.WriteStartElement("ItemShape", EwsNames.Messages);
                    writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
                    writer.WriteElementString("BodyType", EwsNames.Types, "Text");
                    writer.WriteStartElement("AdditionalProperties", EwsNames.Types);
                    EwsXml.FieldUri(writer, "item:ItemClass");
                    foreach (var field in fields)
                        field.WriteTo(writer);
                    EwsItemMark.WriteUri(writer);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    writer.WriteStartElement("ItemIds", EwsNames.Messages);
                    foreach (var id in batch)
                        EwsXml.ItemId(writer, id);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                EwsFolderCalls.Expect(answer, batch.Count, "GetItem");
                foreach (var message in answer.Messages)
                {
                    if (message.IsError)
                        items.Add((null, message.ToException()));
                    else
                        items.Add((message.Element.Element(EwsNames.M + "Items")?.Elements().FirstOrDefault()
                                   ?? throw new FormatException("GetItem answered an item without its element."), null));
                }
            }

            return items;
        }

        /// <summary>An item's current version; null when it is gone.</summary>
        public static async Task<string?> ChangeKeyAsync(EwsClient client, string id, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("GetItem", writer =>
            {
                writer.WriteStartElement("GetItem", EwsNames.Messages);
                writer.WriteStartElement("ItemShape", EwsNames.Messages);
                writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
                writer.WriteEndElement();
                writer.WriteStartElement("ItemIds", EwsNames.Messages);
                EwsXml.ItemId(writer, id);
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, 1, "GetItem");
            var message = answer.Messages[0];
            if (message.IsError)
            {
                if (message.Code == "ErrorItemNotFound" || message.Code == "ErrorInvalidIdMalformed" || message.Code == "ErrorInvalidIdNotAnItemAttachmentId")
                    return null;
                throw message.ToException();
            }

            return (string?)message.Element.Element(EwsNames.M + "Items")?.Elements().FirstOrDefault()?.Element(EwsNames.T + "ItemId")?.Attribute("ChangeKey");
        }

        /// <summary>Creates one item from its element (t:Contact, t:DistributionList, t:CalendarItem or t:Task).</summary>
        /// <returns>Its id and version.</returns>
        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static async Task<(string Id, string ChangeKey)> CreateAsync(EwsClient client, string folderId, XElement item, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("CreateItem", writer =>
            {
                writer.WriteStartElement("CreateItem", EwsNames.Messages);
                writer.WriteAttributeString("SendMeetingInvitations", "SendToNone");
                writer.WriteStartElement("SavedItemFolderId", EwsNames.Messages);
                EwsXml.FolderId(writer, folderId);
                writer.WriteEndElement();
                writer.WriteStartElement("Items", EwsNames.Messages);
                item.WriteTo(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, 1, "CreateItem");
            var message = answer.Messages[0];
            if (message.IsError)
                throw message.ToException();
            var id = message.Element.Element(EwsNames.M + "Items")?.Elements().FirstOrDefault()?.Element(EwsNames.T + "ItemId")
                     ?? throw new FormatException("CreateItem answered without the new item's id.");
            return ((string?)id.Attribute("Id") ?? throw new FormatException("CreateItem answered an ItemId without Id."), (string?)id.Attribute("ChangeKey") ?? string.Empty);
        }

        /// <summary>Changes one occurrence of a series (which makes it an exception), by its position in the series.</summary>
        /// <param name="updates">SetItemField/DeleteItemField elements.</param>
        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static Task UpdateOccurrenceAsync(EwsClient client, string masterId, int instanceIndex, IReadOnlyList<XElement> updates,
            CancellationToken cancellationToken) =>
            UpdateOneAsync(client, writer => Occurrence(writer, masterId, instanceIndex), writer =>
            {
                foreach (var update in updates)
                    update.WriteTo(writer);
            }, cancellationToken);

        /// <summary>Replaces Omm's mark on an item (<paramref name="element"/>: Contact, CalendarItem, Task...), once it is made whole.</summary>
        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static Task SetMarkAsync(EwsClient client, string id, string element, EwsItemMark mark, CancellationToken cancellationToken) =>
            UpdateOneAsync(client, writer => EwsXml.ItemId(writer, id), writer =>
            {
                writer.WriteStartElement("SetItemField", EwsNames.Types);
                EwsItemMark.WriteUri(writer);
                writer.WriteStartElement(element, EwsNames.Types);
                mark.ToElement().WriteTo(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }, cancellationToken);

        /// <summary>Deletes one occurrence of a series, by its position in the series (gone already: nothing to do).</summary>
        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static Task DeleteOccurrenceAsync(EwsClient client, string masterId, int instanceIndex, CancellationToken cancellationToken) =>
            EwsItemCalls.DeleteEachAsync(client, new[] { instanceIndex }, (writer, index) => Occurrence(writer, masterId, index), cancellationToken);

        /// <summary>Deletes items for good, a series with its exceptions, telling no attendee.</summary>
        /// <returns>Per id, whether it was there.</returns>
        public static Task<IReadOnlyList<bool>> DeleteAsync(EwsClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            EwsItemCalls.DeleteEachAsync(client, ids, (writer, id) => EwsXml.ItemId(writer, id), cancellationToken);

        /// <summary>Attaches a contact's photo (a file attachment Outlook shows as the contact's picture).</summary>
        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static async Task AttachPhotoAsync(EwsClient client, string itemId, EwsContactPhoto photo, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("CreateAttachment", writer =>
            {
                writer.WriteStartElement("CreateAttachment", EwsNames.Messages);
                writer.WriteStartElement("ParentItemId", EwsNames.Messages);
                writer.WriteAttributeString("Id", itemId);
                writer.WriteEndElement();
                writer.WriteStartElement("Attachments", EwsNames.Messages);
                writer.WriteStartElement("FileAttachment", EwsNames.Types);
                writer.WriteElementString("Name", EwsNames.Types, photo.FileName);
                writer.WriteElementString("ContentType", EwsNames.Types, photo.ContentType);
                writer.WriteElementString("IsContactPhoto", EwsNames.Types, "true");
                writer.WriteStartElement("Content", EwsNames.Types);
                writer.WriteBase64(photo.Data, 0, photo.Data.Length);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, 1, "CreateAttachment");
            if (answer.Messages[0].IsError)
                throw answer.Messages[0].ToException();
        }

        /// <summary>The contact photo of an item read whole (its attachment marked IsContactPhoto); null when it has none.</summary>
        /// <exception cref="EwsException">Exchange would not give it.</exception>
        public static async Task<EwsContactPhoto?> ReadPhotoAsync(EwsClient client, XElement item, CancellationToken cancellationToken)
        {
            var attachment = item.Element(EwsNames.T + "Attachments")?.Elements(EwsNames.T + "FileAttachment")
                .FirstOrDefault(a => (string?)a.Element(EwsNames.T + "IsContactPhoto") == "true");
            var id = (string?)attachment?.Element(EwsNames.T + "AttachmentId")?.Attribute("Id");
            if (id == null)
                return null;
            var answer = await client.CallAsync("GetAttachment", writer =>
            {
                writer.WriteStartElement("GetAttachment", EwsNames.Messages);
                writer.WriteStartElement("AttachmentIds", EwsNames.Messages);
                writer.WriteStartElement("AttachmentId", EwsNames.Types);
                writer.WriteAttributeString("Id", id);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, 1, "GetAttachment");
            var message = answer.Messages[0];
            if (message.IsError)
                throw message.ToException();
            var file = message.Element.Element(EwsNames.M + "Attachments")?.Element(EwsNames.T + "FileAttachment");
            var content = (string?)file?.Element(EwsNames.T + "Content");
            if (content == null)
                return null;
            var data = Convert.FromBase64String(content);
            return new EwsContactPhoto(data, (string?)file!.Element(EwsNames.T + "ContentType") ?? EwsContactPhoto.Sniff(data));
        }

        private static async Task UpdateOneAsync(EwsClient client, Action<XmlWriter> writeId, Action<XmlWriter> writeUpdates, CancellationToken cancellationToken)
        {
            var refused = await EwsUpdateCall.UpdateAsync(client, new[] { 0 }, (writer, _) => writeId(writer), (writer, _) => writeUpdates(writer), cancellationToken)
                .ConfigureAwait(false);
            if (refused.Count > 0)
                throw refused[0].Why;
        }

        private static void Occurrence(XmlWriter writer, string masterId, int instanceIndex)
        {
            writer.WriteStartElement("OccurrenceItemId", EwsNames.Types);
            writer.WriteAttributeString("RecurringMasterId", masterId);
            writer.WriteAttributeString("InstanceIndex", instanceIndex.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }
    }
}
