using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>The folder operations of EWS: GetFolder, FindFolder (deep, paged), CreateFolder, DeleteFolder.</summary>
    internal static class EwsFolderCalls
    {
        /// <summary>FindFolder's page; Exchange answers at most 1,000 by default (EWSFindCountLimit).</summary>
        public const int PageSize = 500;

        private static readonly string[] FolderFields = { "folder:DisplayName", "folder:FolderClass", "folder:ParentFolderId", "folder:TotalCount" };

        /// <summary>The folders with these ids (ids or distinguished names), null for each the mailbox does not have.</summary>
        public static async Task<IReadOnlyList<EwsFolder?>> GetAsync(EwsClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("GetFolder", writer =>
            {
                writer.WriteStartElement("GetFolder", EwsNames.Messages);
                Shape(writer);
                writer.WriteStartElement("FolderIds", EwsNames.Messages);
                foreach (var id in ids)
                    EwsXml.FolderId(writer, id);
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            Expect(answer, ids.Count, "GetFolder");
            return answer.Messages.Select(m =>
            {
                if (m.IsError)
                {
                    if (m.Code == "ErrorFolderNotFound" || m.Code == "ErrorItemNotFound")
                        return null;
                    throw m.ToException();
                }

                var folder = m.Element.Element(EwsNames.M + "Folders")?.Elements().FirstOrDefault();
                return folder == null ? null : EwsFolder.Parse(folder);
            }).ToList();
        }

        /// <summary>Every folder below <paramref name="parentId"/> (FindFolder Deep), a page at a time.</summary>
        public static async Task<IReadOnlyList<EwsFolder>> FindAllAsync(EwsClient client, string parentId, CancellationToken cancellationToken)
        {
            var folders = new List<EwsFolder>();
            for (var offset = 0; ;)
            {
                var start = offset;
                var answer = await client.CallAsync("FindFolder", writer =>
                {
                    writer.WriteStartElement("FindFolder", EwsNames.Messages);
                    writer.WriteAttributeString("Traversal", "Deep");
                    Shape(writer);
                    writer.WriteStartElement("IndexedPageFolderView", EwsNames.Messages);
                    writer.WriteAttributeString("MaxEntriesReturned", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("Offset", start.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("BasePoint", "Beginning");
                    writer.WriteEndElement();
                    writer.WriteStartElement("ParentFolderIds", EwsNames.Messages);
                    EwsXml.FolderId(writer, parentId);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                Expect(answer, 1, "FindFolder");
                var message = answer.Messages[0];
                if (message.IsError)
                    throw message.ToException();
                var page = EwsPage<EwsFolder>.Read(message, "Folders", EwsFolder.Parse, offset);
                folders.AddRange(page.Entries);
                if (page.Last)
                    return folders;
                offset = page.NextOffset;
            }
        }

        /// <summary>Creates a folder of <paramref name="folderClass"/> under a parent.</summary>
        /// <exception cref="EwsException">Exchange refused it (ErrorFolderExists when one of that name is there).</exception>
        public static async Task<EwsFolder> CreateAsync(EwsClient client, string parentId, string name, string folderClass, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("CreateFolder", writer =>
            {
                writer.WriteStartElement("CreateFolder", EwsNames.Messages);
                writer.WriteStartElement("ParentFolderId", EwsNames.Messages);
                EwsXml.FolderId(writer, parentId);
                writer.WriteEndElement();
                writer.WriteStartElement("Folders", EwsNames.Messages);
                writer.WriteStartElement("Folder", EwsNames.Types);
                writer.WriteElementString("FolderClass", EwsNames.Types, folderClass);
                writer.WriteElementString("DisplayName", EwsNames.Types, name);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            Expect(answer, 1, "CreateFolder");
            var message = answer.Messages[0];
            if (message.IsError)
                throw message.ToException();
            var id = (string?)message.Element.Element(EwsNames.M + "Folders")?.Elements().FirstOrDefault()?.Element(EwsNames.T + "FolderId")?.Attribute("Id")
                     ?? throw new FormatException("CreateFolder answered without the new folder's id.");
            return new EwsFolder(id, parentId, name, folderClass, 0);
        }

        /// <exception cref="EwsException">Exchange refused it.</exception>
        public static async Task DeleteAsync(EwsClient client, string id, CancellationToken cancellationToken)
        {
            var answer = await client.CallAsync("DeleteFolder", writer =>
            {
                writer.WriteStartElement("DeleteFolder", EwsNames.Messages);
                writer.WriteAttributeString("DeleteType", "HardDelete");
                writer.WriteStartElement("FolderIds", EwsNames.Messages);
                EwsXml.FolderId(writer, id);
                writer.WriteEndElement();
                writer.WriteEndElement();
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            Expect(answer, 1, "DeleteFolder");
            if (answer.Messages[0].IsError)
                throw answer.Messages[0].ToException();
        }

        private static void Shape(XmlWriter writer)
        {
            writer.WriteStartElement("FolderShape", EwsNames.Messages);
            writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
            writer.WriteStartElement("AdditionalProperties", EwsNames.Types);
            foreach (var field in FolderFields)
                EwsXml.FieldUri(writer, field);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        /// <summary>An answer with a fault, or not one message per thing asked, is a protocol error.</summary>
        public static void Expect(EwsAnswer answer, int messages, string operation)
        {
            if (answer.Fault != null)
                throw answer.Fault;
            if (answer.Messages.Count != messages)
                throw new FormatException($"{operation} answered {answer.Messages.Count} response messages for {messages} asked.");
        }
    }
}
