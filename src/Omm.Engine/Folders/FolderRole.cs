namespace Omm.Engine.Folders
{
    /// <summary>What a folder is for, whatever its name (IMAP SPECIAL-USE, or a well-known name).</summary>
    public enum FolderRole
    {
        None,
        Inbox,
        Sent,
        Drafts,
        Trash,
        Junk,
        Archive,
    }
}
