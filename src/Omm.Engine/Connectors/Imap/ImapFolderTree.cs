using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// The folders of an IMAP account's personal namespace, their roles, and creation of missing ones.
    /// Full names are built from the namespace (<see cref="MailboxNamespace"/>), whatever its prefix.
    /// </summary>
    internal sealed class ImapFolderTree
    {
        private readonly ImapClient client;
        private readonly FolderNamespace personal;
        private readonly Dictionary<string, IMailFolder> byName;

        /// <summary>Folders whose message count the server would not tell (STATUS refused).</summary>
        private readonly HashSet<IMailFolder> uncounted;

        private ImapFolderTree(ImapClient client, FolderNamespace personal, MailboxNamespace ns, List<IMailFolder> folders, HashSet<IMailFolder> uncounted)
        {
            this.client = client;
            this.personal = personal;
            this.uncounted = uncounted;
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

        /// <param name="withCounts">
        /// Read each folder's message count: with LIST-STATUS in the listing; else by STATUS on each folder that
        /// can hold messages (never on a \Noselect parent, which servers such as Courier refuse).
        /// </param>
        public static async Task<ImapFolderTree> LoadAsync(ImapClient client, bool withCounts, CancellationToken cancellationToken)
        {
            var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
            var listStatus = withCounts && (client.Capabilities & ImapCapabilities.ListStatus) != 0;
            var listed = await client.GetFoldersAsync(personal, listStatus ? StatusItems.Count : StatusItems.None, subscribedOnly: false, cancellationToken)
                .ConfigureAwait(false);
            var folders = listed.Where(f => (f.Attributes & FolderAttributes.NonExistent) == 0).ToList();
            if (!folders.Any(f => MailboxNamespace.IsInbox(f.FullName)) && client.Inbox != null)
            {
                if (listStatus)
                    await client.Inbox.StatusAsync(StatusItems.Count, cancellationToken).ConfigureAwait(false);
                folders.Add(client.Inbox);
            }

            var uncounted = new HashSet<IMailFolder>();
            if (withCounts && !listStatus)
            {
                foreach (var folder in folders.Where(CanHoldMessages))
                {
                    try
                    {
                        await folder.StatusAsync(StatusItems.Count, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ImapCommandException)
                    {
                        // Told when the folder is opened, as an error about that folder alone.
                        uncounted.Add(folder);
                    }
                }
            }

            folders = folders
                .OrderBy(f => MailboxNamespace.IsInbox(f.FullName) ? 0 : 1)
                .ThenBy(f => f.FullName, StringComparer.Ordinal)
                .ToList();
            var separator = folders.Select(f => f.DirectorySeparator).FirstOrDefault(c => c != '\0');
            if (separator == '\0')
                separator = personal.DirectorySeparator;
            return new ImapFolderTree(client, personal, new MailboxNamespace(personal.Path, separator), folders, uncounted);
        }

        public IMailFolder? Find(string fullName) => byName.TryGetValue(Key(fullName), out var folder) ? folder : null;

        public static bool CanHoldMessages(IMailFolder folder) =>
            (folder.Attributes & (FolderAttributes.NoSelect | FolderAttributes.NonExistent)) == 0;

        /// <summary>The folder's message count as loaded with counts; null when the server would not tell it.</summary>
        public int? CountOf(IMailFolder folder) => uncounted.Contains(folder) ? (int?)null : folder.Count;

        /// <summary>
        /// The folder with this full name, created (with its parents) if it does not exist. A folder that exists
        /// only as a parent (\Noselect) is created for real when it is to hold messages.
        /// </summary>
        /// <param name="fullName">The folder's full name.</param>
        /// <param name="holdsMessages">Whether it must be able to hold messages.</param>
        /// <param name="createdParents">Receives the full names of the missing parents this call created, outermost first.</param>
        /// <param name="cancellationToken">Cancels the commands.</param>
        /// <returns>The folder, and whether this call created it.</returns>
        public async Task<(IMailFolder Folder, bool Created)> EnsureAsync(string fullName, bool holdsMessages, ICollection<string> createdParents,
            CancellationToken cancellationToken)
        {
            if (byName.TryGetValue(Key(fullName), out var existing) && (!holdsMessages || CanHoldMessages(existing)))
                return (existing, false);

            var parentName = Namespace.ParentOf(fullName);
            IMailFolder parent;
            if (parentName == null)
            {
                parent = client.GetFolder(personal);
            }
            else
            {
                var (ensured, madeParent) = await EnsureAsync(parentName, holdsMessages: false, createdParents, cancellationToken).ConfigureAwait(false);
                parent = ensured;
                if (madeParent)
                    createdParents.Add(parentName);
            }

            IMailFolder created;
            try
            {
                created = await parent.CreateAsync(Namespace.LeafOf(fullName), isMessageFolder: true, cancellationToken).ConfigureAwait(false)
                    ?? await client.GetFolderAsync(fullName, cancellationToken).ConfigureAwait(false);
            }
            catch (ImapCommandException) when (existing != null)
            {
                // A parent the server will not turn into a folder: opening it tells the user, for that folder alone.
                return (existing, false);
            }
            catch (ImapCommandException)
            {
                // Created meanwhile by someone else, or hidden from LIST ("Cannot create this folder", says Courier): use it if it is there.
                var found = await FindOnServerAsync(fullName, cancellationToken).ConfigureAwait(false);
                if (found == null)
                    throw;
                byName[Key(fullName)] = found;
                return (found, false);
            }

            byName[Key(created.FullName)] = created;
            byName[Key(fullName)] = created;
            return (created, true);
        }

        /// <summary>The folder with this full name, as listed or, if created since, as the server finds it now; null when there is none.</summary>
        public async Task<IMailFolder?> FindAsync(string fullName, CancellationToken cancellationToken) =>
            Find(fullName) ?? await FindOnServerAsync(fullName, cancellationToken).ConfigureAwait(false);

        private async Task<IMailFolder?> FindOnServerAsync(string fullName, CancellationToken cancellationToken)
        {
            try
            {
                return await client.GetFolderAsync(fullName, cancellationToken).ConfigureAwait(false);
            }
            catch (FolderNotFoundException)
            {
                return null;
            }
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
