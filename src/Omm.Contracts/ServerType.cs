namespace Omm
{
    /// <summary>The kind of server (or file) a migration reads from or writes to.</summary>
    public enum ServerType
    {
        /// <summary>An IMAP4rev1 server.</summary>
        Imap,
    }
}
