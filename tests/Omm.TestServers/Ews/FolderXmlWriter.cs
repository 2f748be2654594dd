using System.Globalization;

namespace Omm.TestServers.Ews;

/// <summary>Writes a folder as t:Folder, t:CalendarFolder, t:ContactsFolder or t:TasksFolder (by its class), fields in schema order.</summary>
internal static class FolderXmlWriter
{
    public static string ElementName(string folderClass) => folderClass switch
    {
        _ when IsClass(folderClass, "IPF.Appointment") => "CalendarFolder",
        _ when IsClass(folderClass, "IPF.Contact") => "ContactsFolder",
        _ when IsClass(folderClass, "IPF.Task") => "TasksFolder",
        _ => "Folder",
    };

    private static bool IsClass(string folderClass, string root) =>
        folderClass == root || folderClass.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>Call under the server's lock.</summary>
    public static void Write(EwsResponseWriter writer, EwsFolder folder, FolderShape shape)
    {
        var element = ElementName(folder.FolderClass);
        var fields = shape.Fields;
        writer.StartT(element);
        writer.Id("FolderId", folder.Id, folder.ChangeKey);
        if (fields.Contains("folder:ParentFolderId") && folder.Parent != null)
            writer.Id("ParentFolderId", folder.Parent.Id, "AQAAAA==");
        if (fields.Contains("folder:FolderClass") && folder.FolderClass.Length > 0)
            writer.T("FolderClass", folder.FolderClass);
        if (fields.Contains("folder:DisplayName"))
            writer.T("DisplayName", folder.DisplayName);
        if (fields.Contains("folder:TotalCount"))
            writer.T("TotalCount", folder.Items.Count.ToString(CultureInfo.InvariantCulture));
        if (fields.Contains("folder:ChildFolderCount"))
            writer.T("ChildFolderCount", folder.Children.Count.ToString(CultureInfo.InvariantCulture));
        if (fields.Contains("folder:EffectiveRights"))
        {
            writer.StartT("EffectiveRights");
            foreach (var right in new[] { "CreateAssociated", "CreateContents", "CreateHierarchy", "Delete", "Modify", "Read" })
                writer.T(right, "true");
            writer.End();
        }

        if (fields.Contains("folder:UnreadCount") && element is "Folder" or "TasksFolder")
            writer.T("UnreadCount", folder.UnreadCount.ToString(CultureInfo.InvariantCulture));
        writer.End();
    }
}
