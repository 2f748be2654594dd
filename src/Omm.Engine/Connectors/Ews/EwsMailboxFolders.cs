using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// The folder tree of a mailbox under its top of information store (msgfolderroot), as '/'-separated paths of display
    /// names, the inbox being "INBOX" whatever its localised name; well-known folders known by their distinguished ids.
    /// </summary>
    internal sealed class EwsMailboxFolders
    {
        private readonly Dictionary<string, EwsFolder> byPath;
        private readonly Dictionary<string, string> pathOfId;

        private EwsMailboxFolders(string rootId, IReadOnlyDictionary<string, string> distinguished, IReadOnlyList<EwsFolder> folders)
        {
            RootId = rootId;
            Distinguished = distinguished;
            byPath = new Dictionary<string, EwsFolder>(StringComparer.OrdinalIgnoreCase);
            pathOfId = new Dictionary<string, string>(StringComparer.Ordinal);
            Notes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            var inboxId = distinguished.TryGetValue(EwsDistinguishedFolders.Inbox, out var inbox) ? inbox : null;
            var byId = folders.ToDictionary(f => f.Id, StringComparer.Ordinal);
            foreach (var folder in folders)
                PathOf(folder, byId, inboxId);
            Folders = folders.Where(f => pathOfId.ContainsKey(f.Id)).ToList();
        }

        public string RootId { get; }

        /// <summary>Folder ids by distinguished name, for those the mailbox has.</summary>
        public IReadOnlyDictionary<string, string> Distinguished { get; }

        /// <summary>Every folder below the root, parents before children.</summary>
        public IReadOnlyList<EwsFolder> Folders { get; }

        /// <summary>Why a path differs from the folder's names, by path.</summary>
        public Dictionary<string, IReadOnlyList<string>> Notes { get; }

        /// <exception cref="Omm.Engine.Migrations.MigrationFailedException">Exchange will not list them, or answers what Omm cannot read.</exception>
        public static async Task<EwsMailboxFolders> LoadAsync(EwsClient client, CancellationToken cancellationToken)
        {
            try
            {
                return await ReadAsync(client, cancellationToken).ConfigureAwait(false);
            }
            catch (EwsException e)
            {
                throw new Omm.Engine.Migrations.MigrationFailedException(Omm.Engine.Migrations.FailureKind.Protocol,
                    $"{client.SideCapitalised} would not list the folders of '{client.Mailbox}' ({e.ResponseCode}: {e.Message}).", e);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, "listing the folders", e);
            }
        }

        private static async Task<EwsMailboxFolders> ReadAsync(EwsClient client, CancellationToken cancellationToken)
        {
            var names = new[] { EwsDistinguishedFolders.Root }.Concat(EwsDistinguishedFolders.Roles.Select(r => r.Id)).Concat(EwsDistinguishedFolders.Skipped).ToList();
            var found = await EwsFolderCalls.GetAsync(client, names, cancellationToken).ConfigureAwait(false);
            var distinguished = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                if (found[i] is EwsFolder folder)
                    distinguished[names[i]] = folder.Id;
            }

            if (!distinguished.TryGetValue(EwsDistinguishedFolders.Root, out var rootId))
                throw new EwsException("ErrorFolderNotFound", "The mailbox has no top of information store (msgfolderroot).");
            var folders = await EwsFolderCalls.FindAllAsync(client, rootId, cancellationToken).ConfigureAwait(false);
            return new EwsMailboxFolders(rootId, distinguished, Parents(folders, rootId));
        }

        public string? PathOf(string id) => pathOfId.TryGetValue(id, out var path) ? path : null;

        public EwsFolder? Find(string path) => byPath.TryGetValue(path, out var folder) ? folder : null;

        /// <summary>The path of the folder with a role, for the roles the mailbox has.</summary>
        public IReadOnlyDictionary<FolderRole, string> RolePaths()
        {
            var roles = new Dictionary<FolderRole, string>();
            foreach (var (id, role) in EwsDistinguishedFolders.Roles)
            {
                if (Distinguished.TryGetValue(id, out var folderId) && PathOf(folderId) is string path)
                    roles[role] = path;
            }

            return roles;
        }

        public FolderRole RoleOf(EwsFolder folder) =>
            EwsDistinguishedFolders.Roles.Where(r => Distinguished.TryGetValue(r.Id, out var id) && id == folder.Id).Select(r => r.Role).FirstOrDefault();

        /// <summary>Whether a folder is one no migration copies, or lies below one.</summary>
        public bool IsSkipped(EwsFolder folder)
        {
            var skipped = EwsDistinguishedFolders.Skipped.Select(name => Distinguished.TryGetValue(name, out var id) ? PathOf(id) : null).OfType<string>().ToList();
            var path = PathOf(folder.Id);
            return path != null && skipped.Any(s => string.Equals(path, s, StringComparison.OrdinalIgnoreCase)
                                                    || path.StartsWith(s + "/", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Remembers a folder made after loading.</summary>
        public void Add(EwsFolder folder, string path)
        {
            byPath[path] = folder;
            pathOfId[folder.Id] = path;
        }

        private string? PathOf(EwsFolder folder, IReadOnlyDictionary<string, EwsFolder> byId, string? inboxId)
        {
            if (pathOfId.TryGetValue(folder.Id, out var known))
                return known;
            string? path;
            var notes = new List<string>();
            if (folder.Id == inboxId)
            {
                path = "INBOX";
            }
            else
            {
                var name = folder.DisplayName.Replace('/', SafeFolderName.Replacement);
                if (name != folder.DisplayName)
                    notes.Add($"'/' in '{folder.DisplayName}' was replaced by '{SafeFolderName.Replacement}': it separates folder levels.");
                if (folder.ParentId == null || folder.ParentId == RootId)
                    path = name;
                else if (byId.TryGetValue(folder.ParentId, out var parent) && PathOf(parent, byId, inboxId) is string parentPath)
                    path = parentPath + "/" + name;
                else
                    return null;
            }

            byPath[path] = folder;
            pathOfId[folder.Id] = path;
            if (notes.Count > 0)
                Notes[path] = notes;
            return path;
        }

        /// <summary>Orders folders parents first (FindFolder Deep does, but not every server promises it).</summary>
        private static IReadOnlyList<EwsFolder> Parents(IReadOnlyList<EwsFolder> folders, string rootId)
        {
            var children = folders.ToLookup(f => f.ParentId ?? rootId, StringComparer.Ordinal);
            var ordered = new List<EwsFolder>(folders.Count);
            var queue = new Queue<string>();
            queue.Enqueue(rootId);
            var seen = new HashSet<string>(StringComparer.Ordinal) { rootId };
            while (queue.Count > 0)
            {
                foreach (var child in children[queue.Dequeue()])
                {
                    if (!seen.Add(child.Id))
                        continue;
                    ordered.Add(child);
                    queue.Enqueue(child.Id);
                }
            }

            return ordered;
        }
    }
}
