using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// SyncFolderItems: what was created, changed or deleted in a folder since a sync state (everything, without one),
    /// a page at a time, with the state to ask from next time.
    /// </summary>
    internal static class EwsSyncCall
    {
        /// <summary>The most SyncFolderItems returns at once.</summary>
        public const int MaxChanges = 512;

        public static async Task<EwsSyncPage> NextAsync(EwsClient client, string folderId, string? syncState, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("SyncFolderItems", writer =>
            {
                writer.WriteStartElement("SyncFolderItems", EwsNames.Messages);
                EwsMailItem.WriteShape(writer);
                writer.WriteStartElement("SyncFolderId", EwsNames.Messages);
                EwsXml.FolderId(writer, folderId);
                writer.WriteEndElement();
                if (syncState != null)
                    writer.WriteElementString("SyncState", EwsNames.Messages, syncState);
                writer.WriteElementString("MaxChangesReturned", EwsNames.Messages, MaxChanges.ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("SyncScope", EwsNames.Messages, "NormalItems");
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            EwsFolderCalls.Expect(answer, 1, "SyncFolderItems");
            var message = answer.Messages[0];
            if (message.IsError)
                throw message.ToException();
            return EwsSyncPage.Read(message, syncState);
        }
    }
}
