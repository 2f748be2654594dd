using System;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>A folder of an Exchange mailbox as FindFolder or GetFolder describe it.</summary>
    internal sealed class EwsFolder
    {
        public EwsFolder(string id, string? parentId, string displayName, string? folderClass, int? totalCount)
        {
            Id = id;
            ParentId = parentId;
            DisplayName = displayName;
            FolderClass = folderClass;
            TotalCount = totalCount;
        }

        public string Id { get; }

        public string? ParentId { get; }

        public string DisplayName { get; }

        /// <summary>IPF.Note for mail (and its subclasses), IPF.Appointment, IPF.Contact...; null when the folder has none.</summary>
        public string? FolderClass { get; }

        public int? TotalCount { get; }

        /// <summary>A folder of mail: IPF.Note or a subclass of it, or no class at all (as folders made by some clients have).</summary>
        public bool HoldsMail => string.IsNullOrEmpty(FolderClass)
                                 || string.Equals(FolderClass, "IPF.Note", StringComparison.OrdinalIgnoreCase)
                                 || FolderClass!.StartsWith("IPF.Note.", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads t:Folder, t:CalendarFolder, t:ContactsFolder, t:TasksFolder or t:SearchFolder.</summary>
        public static EwsFolder Parse(XElement folder)
        {
            var id = (string?)folder.Element(EwsNames.T + "FolderId")?.Attribute("Id")
                     ?? throw new FormatException($"A <{folder.Name.LocalName}> has no FolderId.");
            var count = (string?)folder.Element(EwsNames.T + "TotalCount");
            return new EwsFolder(id, (string?)folder.Element(EwsNames.T + "ParentFolderId")?.Attribute("Id"),
                (string?)folder.Element(EwsNames.T + "DisplayName") ?? string.Empty, (string?)folder.Element(EwsNames.T + "FolderClass"),
                int.TryParse(count, out var total) ? total : (int?)null);
        }
    }
}
