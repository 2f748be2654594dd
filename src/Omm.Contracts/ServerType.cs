namespace Omm
{
    /// <summary>The kind of server (or file) a migration reads from or writes to.</summary>
    public enum ServerType
    {
        /// <summary>An IMAP4rev1 server.</summary>
        Imap,

        /// <summary>A file or folder of files: PST, mbox, .eml (a source only).</summary>
        File,
    }
}
