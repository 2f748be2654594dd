using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using MailKit;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>The item operations of EWS Omm uses for mail: FindItem (paged), GetItem, UpdateItem, DeleteItem.</summary>
    internal static class EwsItemCalls
    {
        /// <summary>FindItem's page (Exchange answers at most 1,000 by default).</summary>
        public const int PageSize = 500;

        /// <summary>GetItem and UpdateItem batches, as Microsoft advises for mailbox synchronisation.</summary>
        public const int Batch = 10;

        /// <summary>DeleteItem batches.</summary>
        public const int DeleteBatch = 100;

        /// <summary>Every item of a folder with its properties, a page at a time.</summary>
        public static Task<IReadOnlyList<EwsMailItem>> FindAllAsync(EwsClient client, string folderId, CancellationToken cancellationToken) =>
            FindAllAsync(client, folderId, writer => EwsMailItem.WriteShape(writer), EwsMailItem.Parse, cancellationToken);

        /// <summary>Every item of a folder in the shape <paramref name="writeShape"/> writes (an ItemShape), a page at a time.</summary>
        public static async Task<IReadOnlyList<T>> FindAllAsync<T>(EwsClient client, string folderId, Action<XmlWriter> writeShape, Func<System.Xml.Linq.XElement, T> parse,
            CancellationToken cancellationToken)
        {
            var items = new List<T>();
            for (var offset = 0; ;)
            {
                var start = offset;
                var answer = await client.CallAsync("FindItem", writer =>
                {
                    writer.WriteStartElement("FindItem", EwsNames.Messages);
                    writer.WriteAttributeString("Traversal", "Shallow");
                    writeShape(writer);
                    writer.WriteStartElement("IndexedPageItemView", EwsNames.Messages);
                    writer.WriteAttributeString("MaxEntriesReturned", PageSize.ToString(CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("Offset", start.ToString(CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("BasePoint", "Beginning");
                    writer.WriteEndElement();
                    writer.WriteStartElement("ParentFolderIds", EwsNames.Messages);
                    EwsXml.FolderId(writer, folderId);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                EwsFolderCalls.Expect(answer, 1, "FindItem");
                var message = answer.Messages[0];
                if (message.IsError)
                    throw message.ToException();
                var page = EwsPage<T>.Read(message, "Items", parse, offset);
                items.AddRange(page.Entries);
                if (page.Last)
                    return items;
                offset = page.NextOffset;
            }
        }

        /// <summary>Items by id with their properties, in the order asked; null for each one that is gone.</summary>
        public static async Task<IReadOnlyList<EwsMailItem?>> GetAsync(EwsClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var items = new List<EwsMailItem?>(ids.Count);
            foreach (var batch in EwsBatches.Of(ids, Batch))
            {
                var answer = await client.CallAsync("GetItem", writer =>
                {
                    writer.WriteStartElement("GetItem", EwsNames.Messages);
                    EwsMailItem.WriteShape(writer);
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
                    if (message.IsError && message.Code != "ErrorItemNotFound")
                        throw message.ToException();
                    var item = message.Element.Element(EwsNames.M + "Items")?.Elements().FirstOrDefault();
                    items.Add(message.IsError || item == null ? null : EwsMailItem.Parse(item));
                }
            }

            return items;
        }

        /// <summary>Writes an item's MIME content (GetItem IncludeMimeContent) to <paramref name="output"/> as it arrives.</summary>
        /// <exception cref="UnreadableItemException">Exchange will not give this item's content.</exception>
        public static async Task ReadMimeAsync(EwsClient client, string id, Stream output, CancellationToken cancellationToken)
        {
            var refusal = (await ReadMimeAsync(client, new[] { id }, _ => output, cancellationToken).ConfigureAwait(false))[0];
            if (refusal == null)
                return;
            if (EwsClient.IsBusy(refusal.ResponseCode))
            {
                client.BackOff(refusal);
                throw new Migrations.MigrationFailedException(Migrations.FailureKind.ServerUnavailable,
                    $"{client.SideCapitalised} is busy ({refusal.ResponseCode}); the pass goes on after the wait it asked for.");
            }

            throw new UnreadableItemException(refusal.ResponseCode == "ErrorItemNotFound"
                ? "The message is no longer on the source (deleted since it was listed)."
                : refusal.ResponseCode == "NoMimeContent" ? "Exchange gave no MIME content for this item."
                : $"Exchange would not give the message's content ({refusal.ResponseCode}: {refusal.Message}).");
        }

        /// <summary>
        /// Several items' MIME content in one GetItem, each written as it arrives to the stream <paramref name="output"/> gives
        /// for its index; for each item, null when it was written, else why not.
        /// </summary>
        public static async Task<IReadOnlyList<EwsException?>> ReadMimeAsync(EwsClient client, IReadOnlyList<string> ids, Func<int, Stream> output,
            CancellationToken cancellationToken)
        {
            var refusals = new EwsException?[ids.Count];
            var wrote = new bool[ids.Count];
            var index = -1;
            string? responseClass = null, code = null, text = null;
            await client.StreamAsync("GetItem", writer =>
            {
                writer.WriteStartElement("GetItem", EwsNames.Messages);
                writer.WriteStartElement("ItemShape", EwsNames.Messages);
                writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
                writer.WriteElementString("IncludeMimeContent", EwsNames.Types, "true");
                writer.WriteEndElement();
                writer.WriteStartElement("ItemIds", EwsNames.Messages);
                foreach (var id in ids)
                    EwsXml.ItemId(writer, id);
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, async reader =>
            {
                var buffer = new byte[64 * 1024];
                var more = await reader.ReadAsync().ConfigureAwait(false);
                while (more)
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        if (reader.NamespaceURI == EwsNames.Messages && reader.LocalName == "GetItemResponseMessage")
                        {
                            Settle(index);
                            index++;
                            responseClass = reader.GetAttribute("ResponseClass");
                            code = text = null;
                        }
                        else if (reader.NamespaceURI == EwsNames.Messages && (reader.LocalName == "ResponseCode" || reader.LocalName == "MessageText"))
                        {
                            var name = reader.LocalName;
                            var value = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                            if (name == "ResponseCode")
                                code = value;
                            else
                                text = value;
                            more = reader.ReadState == ReadState.Interactive;
                            continue;
                        }
                        else if (reader.NamespaceURI == EwsNames.Types && reader.LocalName == "MimeContent" && index >= 0 && index < ids.Count && !wrote[index])
                        {
                            wrote[index] = true;
                            var target = output(index);
                            int read;
                            while ((read = await reader.ReadElementContentAsBase64Async(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                                await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                            more = reader.ReadState == ReadState.Interactive;
                            continue;
                        }
                    }

                    more = await reader.ReadAsync().ConfigureAwait(false);
                }

                Settle(index);
            }, cancellationToken).ConfigureAwait(false);

            for (var i = index + 1; i < ids.Count; i++)
                refusals[i] = new EwsException("NoAnswer", "Exchange answered fewer items than it was asked.");
            return refusals;

            void Settle(int settled)
            {
                if (settled < 0 || settled >= ids.Count)
                    return;
                if (responseClass == "Error")
                    refusals[settled] = new EwsException(code ?? "Error", text ?? code ?? "Error");
                else if (!wrote[settled])
                    refusals[settled] = new EwsException("NoMimeContent", "Exchange gave no MIME content for this item.");
            }
        }

        /// <summary>Gives messages exactly these flags (read, follow-up, answered/forwarded) and categories.</summary>
        /// <returns>The ids Exchange refused to change, with why.</returns>
        public static async Task<IReadOnlyList<(string Id, EwsException Why)>> SetFlagsAsync(EwsClient client, IReadOnlyList<string> ids, MessageFlags flags,
            IReadOnlyCollection<string> keywords, CancellationToken cancellationToken)
        {
            var verb = EwsMessageFlags.LastVerb(flags, keywords);
            var categories = EwsMessageFlags.Categories(keywords);
            return await EwsUpdateCall.UpdateAsync(client, ids, id => id, (writer, _) =>
            {
                if (categories.Count > 0)
                    EwsUpdateCall.SetField(writer, Field("item:Categories"), w => EwsMessageFlags.WriteCategories(w, categories));
                else
                    EwsUpdateCall.DeleteField(writer, Field("item:Categories"));
                if (verb is int lastVerb)
                {
                    EwsUpdateCall.SetExtended(writer, Integer(EwsMailItem.LastVerbTag), lastVerb.ToString(CultureInfo.InvariantCulture));
                    EwsUpdateCall.SetExtended(writer, Integer(EwsMessageFlags.IconIndexTag), EwsMessageFlags.IconOf(lastVerb).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    EwsUpdateCall.DeleteField(writer, Integer(EwsMailItem.LastVerbTag));
                }

                EwsUpdateCall.SetField(writer, Field("item:Flag"), w => EwsMessageFlags.WriteFlag(w, (flags & MessageFlags.Flagged) != 0));
                EwsUpdateCall.SetField(writer, Field("message:IsRead"),
                    w => w.WriteElementString("IsRead", EwsNames.Types, (flags & MessageFlags.Seen) != 0 ? "true" : "false"));
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Deletes items for good (HardDelete); those already gone are not counted.</summary>
        public static async Task<int> DeleteAsync(EwsClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            (await DeleteEachAsync(client, ids, (writer, id) => EwsXml.ItemId(writer, id), cancellationToken).ConfigureAwait(false)).Count(deleted => deleted);

        /// <summary>
        /// Deletes items for good (HardDelete), each named by what <paramref name="writeId"/> writes (an ItemId, an
        /// OccurrenceItemId); a meeting so deleted tells no attendee, a recurring task goes whole.
        /// </summary>
        /// <returns>Per item, whether it was there.</returns>
        public static async Task<IReadOnlyList<bool>> DeleteEachAsync<T>(EwsClient client, IReadOnlyList<T> items, Action<XmlWriter, T> writeId,
            CancellationToken cancellationToken)
        {
            var deleted = new List<bool>(items.Count);
            foreach (var batch in EwsBatches.Of(items, DeleteBatch))
            {
                var answer = await client.CallAsync("DeleteItem", writer =>
                {
                    writer.WriteStartElement("DeleteItem", EwsNames.Messages);
                    writer.WriteAttributeString("DeleteType", "HardDelete");
                    writer.WriteAttributeString("SendMeetingCancellations", "SendToNone");
                    writer.WriteAttributeString("AffectedTaskOccurrences", "AllOccurrences");
                    writer.WriteStartElement("ItemIds", EwsNames.Messages);
                    foreach (var item in batch)
                        writeId(writer, item);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                EwsFolderCalls.Expect(answer, batch.Count, "DeleteItem");
                foreach (var message in answer.Messages)
                {
                    if (message.IsError && message.Code != "ErrorItemNotFound")
                        throw message.ToException();
                    deleted.Add(!message.IsError);
                }
            }

            return deleted;
        }

        private static Action<XmlWriter> Field(string fieldUri) => writer => EwsXml.FieldUri(writer, fieldUri);

        private static Action<XmlWriter> Integer(int tag) => writer => EwsXml.PropertyTag(writer, tag, "Integer");
    }
}
