using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>UpdateItem: set or delete fields of existing messages, a batch of items per call, overwriting what is there.</summary>
    internal static class EwsUpdateCall
    {
        /// <summary>Applies to each item the updates <paramref name="writeUpdates"/> writes for it.</summary>
        /// <returns>The items Exchange refused to change, with why.</returns>
        public static Task<IReadOnlyList<(T Item, EwsException Why)>> UpdateAsync<T>(EwsClient client, IReadOnlyList<T> items, Func<T, string> idOf,
            Action<XmlWriter, T> writeUpdates, CancellationToken cancellationToken) =>
            UpdateAsync(client, items, (writer, item) => EwsXml.ItemId(writer, idOf(item)), writeUpdates, cancellationToken);

        /// <summary>
        /// Applies to each item, named by what <paramref name="writeId"/> writes (an ItemId, an OccurrenceItemId), the updates
        /// <paramref name="writeUpdates"/> writes for it; a calendar item changed so tells no attendee.
        /// </summary>
        /// <returns>The items Exchange refused to change, with why.</returns>
        public static async Task<IReadOnlyList<(T Item, EwsException Why)>> UpdateAsync<T>(EwsClient client, IReadOnlyList<T> items, Action<XmlWriter, T> writeId,
            Action<XmlWriter, T> writeUpdates, CancellationToken cancellationToken)
        {
            var refused = new List<(T, EwsException)>();
            foreach (var batch in EwsBatches.Of(items, EwsItemCalls.Batch))
            {
                var answer = await client.CallAsync("UpdateItem", writer =>
                {
                    writer.WriteStartElement("UpdateItem", EwsNames.Messages);
                    writer.WriteAttributeString("ConflictResolution", "AlwaysOverwrite");
                    writer.WriteAttributeString("MessageDisposition", "SaveOnly");
                    writer.WriteAttributeString("SendMeetingInvitationsOrCancellations", "SendToNone");
                    writer.WriteStartElement("ItemChanges", EwsNames.Messages);
                    foreach (var item in batch)
                    {
                        writer.WriteStartElement("ItemChange", EwsNames.Types);
                        writeId(writer, item);
                        writer.WriteStartElement("Updates", EwsNames.Types);
                        writeUpdates(writer, item);
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                EwsFolderCalls.Expect(answer, batch.Count, "UpdateItem");
                refused.AddRange(batch.Select((item, i) => (item, answer.Messages[i])).Where(p => p.Item2.IsError).Select(p => (p.item, p.Item2.ToException())));
            }

            return refused;
        }

        /// <summary>A field set to what <paramref name="value"/> writes inside a t:Message.</summary>
        public static void SetField(XmlWriter writer, Action<XmlWriter> uri, Action<XmlWriter> value)
        {
            writer.WriteStartElement("SetItemField", EwsNames.Types);
            uri(writer);
            writer.WriteStartElement("Message", EwsNames.Types);
            value(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        /// <summary>An extended property set to a value.</summary>
        public static void SetExtended(XmlWriter writer, Action<XmlWriter> uri, string value) =>
            SetField(writer, uri, w => EwsXml.ExtendedValue(w, uri, value));

        public static void DeleteField(XmlWriter writer, Action<XmlWriter> uri)
        {
            writer.WriteStartElement("DeleteItemField", EwsNames.Types);
            uri(writer);
            writer.WriteEndElement();
        }
    }
}
