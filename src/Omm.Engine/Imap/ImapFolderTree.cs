using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Folders;

namespace Omm.Engine.Imap
{
    /// <summary>The folders of an IMAP account's personal namespace, their roles, and creation of missing ones.</summary>
    internal sealed class ImapFolderTree
    {
        private readonly ImapClient client;
        private readonly Dictionary<string, IMailFolder> byName;

        private ImapFolderTree(ImapClient client, MailboxNamespace ns, List<IMailFolder> folders)
        {
            this.client = client;
            Namespace = ns;
            Folders = folders;
            byName = new Dictionary<string, IMailFolder>(StringComparer.Ordinal);
            foreach (var folder in folders)
                byName[Key(folder.FullName)] = folder;
            Roles = FolderRoles.Assign(folders.Select(f => (f.FullName, Advertised(f.Attributes))), ns);
            RoleFolders = FolderRoles.FoldersByRole(Roles);
        }

        public MailboxNamespace Namespace { get; }

        /// <summary>Every folder, parents before children, INBOX first.</summary>
        public IReadOnlyList<IMailFolder> Folders { get; }

        public IReadOnlyDictionary<string, FolderRole> Roles { get; }

        public IReadOnlyDictionary<FolderRole, string> RoleFolders { get; }

        public static async Task<ImapFolderTree> LoadAsync(ImapClient client, bool withCounts, CancellationToken cancellationToken)
        {
            var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new MailKit.FolderNamespace('/', string.Empty);
            var listed = await client.GetFoldersAsync(personal, withCounts ? StatusItems.Count : StatusItems.None, subscribedOnly: false, cancellationToken)
                .ConfigureAwait(false);
            var folders = listed.Where(f => (f.Attributes & FolderAttributes.NonExistent) == 0).ToList();
            if (!folders.Any(f => MailboxNamespace.IsInbox(f.FullName)) && client.Inbox != null)
            {
                if (withCounts)
                    await client.Inbox.StatusAsync(StatusItems.Count, cancellationToken).ConfigureAwait(false);
                folders.Add(client.Inbox);
            }

            folders = folders
                .OrderBy(f => MailboxNamespace.IsInbox(f.FullName) ? 0 : 1)
                .ThenBy(f => f.FullName, StringComparer.Ordinal)
                .ToList();
            var separator = folders.Select(f => f.DirectorySeparator).FirstOrDefault(c => c != '\0');
            if (separator == '\0')
                separator = personal.DirectorySeparator;
            return new ImapFolderTree(client, new MailboxNamespace(personal.Path ?? string.Empty, separator), folders);
        }

        public IMailFolder? Find(string fullName) => byName.TryGetValue(Key(fullName), out var folder) ? folder : null;

        public static bool CanHoldMessages(IMailFolder folder) =>
            (folder.Attributes & (FolderAttributes.NoSelect | FolderAttributes.NonExistent)) == 0;

        /// <summary>The folder with this full name, created (with its parents) if it does not exist.</summary>
        /// <returns>The folder, and whether this call created it.</returns>
        public async Task<(IMailFolder Folder, bool Created)> EnsureAsync(string fullName, CancellationToken cancellationToken)
        {
            if (byName.TryGetValue(Key(fullName), out var existing))
                return (existing, false);

            var separator = Namespace.Separator;
            var cut = separator == '\0' ? -1 : fullName.LastIndexOf(separator);
            IMailFolder parent;
            string name;
            if (cut > 0 && fullName.Substring(0, cut + 1) != Namespace.Prefix)
            {
                parent = (await EnsureAsync(fullName.Substring(0, cut), cancellationToken).ConfigureAwait(false)).Folder;
                name = fullName.Substring(cut + 1);
            }
            else
            {
                parent = client.GetFolder(client.PersonalNamespaces[0]);
                name = fullName.Substring(Namespace.Prefix.Length > 0 && fullName.StartsWith(Namespace.Prefix, StringComparison.Ordinal) ? Namespace.Prefix.Length : 0);
            }

            IMailFolder created;
            try
            {
                created = await parent.CreateAsync(name, isMessageFolder: true, cancellationToken).ConfigureAwait(false)
                    ?? await client.GetFolderAsync(fullName, cancellationToken).ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (e.ResponseText != null && e.ResponseText.IndexOf("exists", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Created meanwhile by someone else, or hidden from LIST: use it.
                created = await client.GetFolderAsync(fullName, cancellationToken).ConfigureAwait(false);
                byName[Key(fullName)] = created;
                return (created, false);
            }

            byName[Key(created.FullName)] = created;
            byName[Key(fullName)] = created;
            return (created, true);
        }

        private static string Key(string fullName) => MailboxNamespace.IsInbox(fullName) ? "INBOX" : fullName;

        private static FolderRole Advertised(FolderAttributes attributes)
        {
            if ((attributes & FolderAttributes.Inbox) != 0) return FolderRole.Inbox;
            if ((attributes & FolderAttributes.Sent) != 0) return FolderRole.Sent;
            if ((attributes & FolderAttributes.Drafts) != 0) return FolderRole.Drafts;
            if ((attributes & FolderAttributes.Trash) != 0) return FolderRole.Trash;
            if ((attributes & FolderAttributes.Junk) != 0) return FolderRole.Junk;
            if ((attributes & FolderAttributes.Archive) != 0) return FolderRole.Archive;
            return FolderRole.None;
        }
    }
}
