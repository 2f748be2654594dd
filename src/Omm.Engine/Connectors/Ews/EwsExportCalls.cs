using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// Exchange to Exchange with full fidelity: ExportItems gives each item as an opaque stream of its properties,
    /// UploadItems makes a new item from it. Not MIME, and not read by Omm.
    /// </summary>
    internal static class EwsExportCalls
    {
        /// <summary>Microsoft's advice for one ExportItems call.</summary>
        public const int MaxItems = 100;

        /// <summary>UploadItems takes 25 MB of base64 by default; a little less, for the envelope.</summary>
        public const long MaxUploadBase64 = 24L * 1024 * 1024;

        /// <summary>The exported data of each item (base64, as Exchange gave it), in the order asked; why for each one it would not give.</summary>
        public static async Task<IReadOnlyList<(string? Data, EwsException? Refusal)>> ExportAsync(EwsClient client, IReadOnlyList<string> ids,
            CancellationToken cancellationToken)
        {
            var results = new List<(string?, EwsException?)>(ids.Count);
            foreach (var batch in EwsBatches.Of(ids, MaxItems))
            {
                var answer = await client.CallAsync("ExportItems", writer =>
                {
                    writer.WriteStartElement("ExportItems", EwsNames.Messages);
                    writer.WriteStartElement("ItemIds", EwsNames.Messages);
                    foreach (var id in batch)
                        EwsXml.ItemId(writer, id);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                EwsFolderCalls.Expect(answer, batch.Count, "ExportItems");
                results.AddRange(answer.Messages.Select(m => m.IsError
                    ? ((string?)null, m.ToException())
                    : (((string?)m.Element.Element(EwsNames.M + "Data"))?.Trim(), (EwsException?)null)));
            }

            return results;
        }

        /// <summary>Makes new items in a folder from exported data; the new ids in order, or why Exchange refused each.</summary>
        public static async Task<IReadOnlyList<(string? Id, EwsException? Refusal)>> UploadAsync(EwsClient client, string folderId,
            IReadOnlyList<string> data, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("UploadItems", writer =>
            {
                writer.WriteStartElement("UploadItems", EwsNames.Messages);
                writer.WriteStartElement("Items", EwsNames.Messages);
                foreach (var item in data)
                {
                    writer.WriteStartElement("Item", EwsNames.Types);
                    writer.WriteAttributeString("CreateAction", "CreateNew");
                    writer.WriteStartElement("ParentFolderId", EwsNames.Types);
                    writer.WriteAttributeString("Id", folderId);
                    writer.WriteEndElement();
                    writer.WriteElementString("Data", EwsNames.Types, item);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, data.Count, "UploadItems");
            return answer.Messages.Select(m => m.IsError
                ? ((string?)null, m.ToException())
                : ((string?)m.Element.Element(EwsNames.M + "ItemId")?.Attribute("Id"), (EwsException?)null)).ToList();
        }

        /// <summary>Writes Omm's mark on items made by UploadItems (which takes no property of its own).</summary>
        public static async Task MarkAsync(EwsClient client, IReadOnlyList<(string Id, EwsCopyMark Mark)> items, CancellationToken cancellationToken)
        {
            var refused = await EwsUpdateCall.UpdateAsync(client, items, i => i.Id,
                (writer, item) => EwsUpdateCall.SetExtended(writer, EwsCopyMark.WriteUri, item.Mark.ToString()), cancellationToken).ConfigureAwait(false);
            if (refused.Count > 0)
                throw refused[0].Why;
        }
    }
}
