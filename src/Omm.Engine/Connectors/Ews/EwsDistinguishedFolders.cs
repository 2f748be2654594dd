using System;
using System.Collections.Generic;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>The well-known folders of a mailbox, found by their distinguished ids since their display names are localised.</summary>
    internal static class EwsDistinguishedFolders
    {
        public const string Root = "msgfolderroot";
        public const string Inbox = "inbox";

        /// <summary>Mail folders with a role, by distinguished id.</summary>
        public static readonly IReadOnlyList<(string Id, FolderRole Role)> Roles = new[]
        {
            (Inbox, FolderRole.Inbox),
            ("sentitems", FolderRole.Sent),
            ("drafts", FolderRole.Drafts),
            ("deleteditems", FolderRole.Trash),
            ("junkemail", FolderRole.Junk),
        };

        /// <summary>Mail folders no migration copies: what waits to be sent, and Outlook's synchronisation logs.</summary>
        public static readonly IReadOnlyList<string> Skipped = new[] { "outbox", "syncissues" };

        private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.Ordinal)
        {
            "calendar", "contacts", "deleteditems", "drafts", "inbox", "journal", "notes", "outbox", "sentitems", "tasks", "msgfolderroot",
            "publicfoldersroot", "root", "junkemail", "searchfolders", "voicemail", "archivemsgfolderroot", "archiveroot", "syncissues",
            "conflicts", "localfailures", "serverfailures", "recoverableitemsroot", "recoverableitemsdeletions",
        };

        public static bool IsName(string id) => Names.Contains(id);
    }
}
