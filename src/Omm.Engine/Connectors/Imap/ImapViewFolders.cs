using MailKit;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// Folders that show messages kept in other folders (RFC 6154 \All and \Flagged, RFC 8457 \Important): Gmail's
    /// [Gmail]/All Mail, Starred and Important, Dovecot's virtual folders. Copying them would copy every message again.
    /// </summary>
    internal static class ImapViewFolders
    {
        public static bool IsView(IMailFolder folder) =>
            (folder.Attributes & (FolderAttributes.All | FolderAttributes.Flagged | FolderAttributes.Important)) != 0;

        /// <summary>Why it is left out, for the pass's message.</summary>
        public static string Reason(IMailFolder folder) =>
            (folder.Attributes & FolderAttributes.All) != 0
                ? "it shows every message of the account, which the other folders hold (Gmail: its labels); a message archived without any label is only there"
                : (folder.Attributes & FolderAttributes.Flagged) != 0
                ? "it shows the flagged (starred) messages of the other folders, which keep their flag"
                : "it shows the messages the provider ranks as important, which the other folders hold";
    }
}
