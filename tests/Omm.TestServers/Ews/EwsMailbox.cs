namespace Omm.TestServers.Ews;

/// <summary>
/// One mailbox: the folder tree Exchange creates for a new mailbox (under root, msgfolderroot with the default
/// folders) and every item. Changed only under the server's lock.
/// </summary>
internal sealed class EwsMailbox
{
    private static readonly (string Id, string Name, string Class)[] DefaultFolders =
    [
        ("inbox", "Inbox", "IPF.Note"), ("sentitems", "Sent Items", "IPF.Note"), ("drafts", "Drafts", "IPF.Note"),
        ("deleteditems", "Deleted Items", "IPF.Note"), ("junkemail", "Junk Email", "IPF.Note"), ("outbox", "Outbox", "IPF.Note"),
        ("calendar", "Calendar", "IPF.Appointment"), ("contacts", "Contacts", "IPF.Contact"), ("tasks", "Tasks", "IPF.Task"),
        ("notes", "Notes", "IPF.StickyNote"), ("journal", "Journal", "IPF.Journal"),
    ];

    private readonly Dictionary<string, EwsFolder> folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EwsFolder> distinguished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EwsItem> items = new(StringComparer.Ordinal);

    public EwsMailbox(int number, string smtpAddress, string password)
    {
        Number = number;
        SmtpAddress = smtpAddress;
        Password = password;
        Root = Add(new EwsFolder(EwsIds.NewId(EwsIds.FolderKind, number), "root", "", null, "root"));
        MessageRoot = Add(new EwsFolder(EwsIds.NewId(EwsIds.FolderKind, number), "Top of Information Store", "IPF.Note", Root, "msgfolderroot"));
        foreach (var (id, name, folderClass) in DefaultFolders)
            Add(new EwsFolder(EwsIds.NewId(EwsIds.FolderKind, number), name, folderClass, MessageRoot, id));
    }

    public int Number { get; }

    public string SmtpAddress { get; }

    public string Password { get; }

    public EwsFolder Root { get; }

    /// <summary>msgfolderroot, "Top of Information Store": the IPM subtree users see.</summary>
    public EwsFolder MessageRoot { get; }

    public long TotalSize => items.Values.Sum(i => i.Size);

    public IEnumerable<EwsFolder> AllFolders => folders.Values;

    public EwsFolder? Distinguished(string id) => distinguished.GetValueOrDefault(id);

    public EwsFolder? Folder(string id) => folders.GetValueOrDefault(id);

    public EwsItem? Item(string id) => items.GetValueOrDefault(id);

    public EwsFolder Add(EwsFolder folder)
    {
        folders.Add(folder.Id, folder);
        if (folder.DistinguishedId != null)
            distinguished.Add(folder.DistinguishedId, folder);
        folder.Parent?.Children.Add(folder);
        return folder;
    }

    public EwsFolder NewFolder(EwsFolder parent, string name, string folderClass, long changeNumber) =>
        Add(new EwsFolder(EwsIds.NewId(EwsIds.FolderKind, Number), name, folderClass, parent, null) { ChangeNumber = changeNumber });

    /// <summary>Removes a folder, its subfolders and their items.</summary>
    public void Remove(EwsFolder folder)
    {
        foreach (var child in folder.Children.ToList())
            Remove(child);
        foreach (var item in folder.Items.ToList())
            Remove(item);
        folder.Parent?.Children.Remove(folder);
        folders.Remove(folder.Id);
    }

    public void Move(EwsFolder folder, EwsFolder parent)
    {
        folder.Parent?.Children.Remove(folder);
        folder.Parent = parent;
        parent.Children.Add(folder);
    }

    public EwsItem NewItem(EwsFolder folder, ItemContent content)
    {
        var item = new EwsItem(EwsIds.NewId(EwsIds.ItemKind, Number), folder, content);
        items.Add(item.Id, item);
        folder.Items.Add(item);
        return item;
    }

    /// <summary>A modified occurrence of a series: an item of its own that the folder does not list (FindItem shows only the master).</summary>
    public EwsItem NewException(EwsItem master)
    {
        var exception = new EwsItem(EwsIds.NewId(EwsIds.ItemKind, Number), master.Folder, ItemContent.Empty) { Master = master };
        items.Add(exception.Id, exception);
        master.Exceptions.Add(exception);
        return exception;
    }

    /// <summary>Removes an item; a master takes its exceptions with it, an exception leaves its series.</summary>
    public void Remove(EwsItem item)
    {
        items.Remove(item.Id);
        foreach (var exception in item.Exceptions)
            items.Remove(exception.Id);
        if (item.Master != null)
            item.Master.Exceptions.Remove(item);
        else
            item.Folder.Items.Remove(item);
    }

    /// <summary>The attachment with that id and the item holding it, or nulls.</summary>
    public (EwsItem? Item, EwsAttachment? Attachment) FindAttachment(string id)
    {
        foreach (var item in items.Values)
        {
            if (item.Attachments.FirstOrDefault(a => a.Id == id) is { } attachment)
                return (item, attachment);
        }

        return (null, null);
    }

    public void Move(EwsItem item, EwsFolder folder)
    {
        item.Folder.Items.Remove(item);
        item.Folder = folder;
        folder.Items.Add(item);
    }

    /// <summary>A folder by '/'-separated display names below msgfolderroot; null if a step is missing.</summary>
    public EwsFolder? FolderAt(string path)
    {
        var folder = MessageRoot;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            folder = folder.Children.FirstOrDefault(c => string.Equals(c.DisplayName, name, StringComparison.OrdinalIgnoreCase));
            if (folder == null)
                return null;
        }

        return folder;
    }
}
