using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// Finds the folder a t:FolderId or t:DistinguishedFolderId names. Errors as Exchange gives them: a malformed id is
/// ErrorInvalidIdMalformed, a well-formed unknown one ErrorItemNotFound (ex2010sp2 GetFolder after HardDelete), a parent
/// ErrorParentFolderNotFound (ex2010sp2 CreateFolder), a distinguished folder the mailbox lacks ErrorFolderNotFound.
/// Call under the server's lock.
/// </summary>
internal static class FolderResolver
{
    public static (EwsFolder? Folder, ResponseError? Error) Resolve(EwsMailbox mailbox, XElement? id, bool asParent = false)
    {
        if (id == null)
            return (null, ResponseError.FolderNotFound);
        var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
        if (id.Name == EwsNamespaces.T + "DistinguishedFolderId")
        {
            var folder = mailbox.Distinguished(value);
            return folder == null ? (null, ResponseError.FolderNotFound) : (folder, null);
        }

        if (!EwsIds.IsWellFormed(value, EwsIds.FolderKind))
            return (null, ResponseError.IdMalformed);
        var found = mailbox.Folder(value);
        if (found != null)
            return (found, null);
        return (null, asParent ? ResponseError.ParentFolderNotFound : ResponseError.ItemNotFound);
    }

    /// <summary>The folder ids inside a container such as m:FolderIds or m:ParentFolderIds.</summary>
    public static IEnumerable<XElement> Ids(XElement? container) =>
        container?.Elements().Where(e => e.Name == EwsNamespaces.T + "FolderId" || e.Name == EwsNamespaces.T + "DistinguishedFolderId") ?? [];
}
