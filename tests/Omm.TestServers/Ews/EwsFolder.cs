namespace Omm.TestServers.Ews;

/// <summary>A folder of a mailbox on the EWS test server; changed only under the server's lock.</summary>
internal sealed class EwsFolder(string id, string displayName, string folderClass, EwsFolder? parent, string? distinguishedId)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string FolderClass { get; } = folderClass;

    public EwsFolder? Parent { get; set; } = parent;

    /// <summary>inbox, sentitems, msgfolderroot...; null for folders users made.</summary>
    public string? DistinguishedId { get; } = distinguishedId;

    public long ChangeNumber { get; set; } = 1;

    public string ChangeKey => EwsIds.ChangeKey(EwsIds.FolderKind, ChangeNumber);

    public List<EwsFolder> Children { get; } = [];

    /// <summary>In the order they were put here.</summary>
    public List<EwsItem> Items { get; } = [];

    public int UnreadCount => Items.Count(i => !i.IsRead);

    /// <summary>Display names below msgfolderroot joined by '/', or "" for msgfolderroot and above.</summary>
    public string Path
    {
        get
        {
            var names = new List<string>();
            for (var folder = this; folder is { DistinguishedId: not ("msgfolderroot" or "root") }; folder = folder.Parent)
                names.Add(folder.DisplayName);
            names.Reverse();
            return string.Join('/', names);
        }
    }

    /// <summary>This folder's descendants, parents before their children.</summary>
    public IEnumerable<EwsFolder> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var grandChild in child.Descendants())
                yield return grandChild;
        }
    }

    public bool IsUnder(EwsFolder ancestor)
    {
        for (var folder = Parent; folder != null; folder = folder.Parent)
        {
            if (folder == ancestor)
                return true;
        }

        return false;
    }
}
