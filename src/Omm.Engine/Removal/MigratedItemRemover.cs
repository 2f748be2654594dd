using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Omm.Engine.Connectors;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Removal
{
    /// <summary>
    /// Deletes from the destination exactly the copies a migration recorded (all, or those of a sync
    /// point and later), never another message even if identical, then the folders it created that
    /// ended up empty. The state then says those items are not migrated, so a later pass copies them again.
    /// </summary>
    public sealed class MigratedItemRemover
    {
        private readonly StateStore store;
        private readonly MessageSpool spool;

        public MigratedItemRemover(StateStore store, string? spoolDirectory = null)
        {
            this.store = store;
            spool = new MessageSpool(spoolDirectory);
        }

        /// <exception cref="MigrationBusyException">A pass of the migration is running.</exception>
        public RemovalPlan Plan(string id, int fromSyncPoint = 1)
        {
            var migration = store.Find(id) ?? throw new ArgumentException($"There is no migration '{id}' in '{store.Path}'.", nameof(id));
            if (migration.Status == MigrationStatus.Running)
                throw new MigrationBusyException($"Migration {migration.Id} is running; stop it (Stop-OmmMigration) before removing what it copied.");
            var folders = store.GetMigratedItemsFrom(migration.Id, fromSyncPoint)
                .GroupBy(i => i.DestinationFolder, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RemovalFolder(g.Key, g.ToList()))
                .ToList();
            var collections = store.GetEntriesFrom(migration.Id, fromSyncPoint)
                .GroupBy(e => e.DestinationHref.Substring(0, e.DestinationHref.LastIndexOf('/') + 1), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RemovalCollection(g.Key, g.ToList()))
                .ToList();
            return new RemovalPlan(migration, fromSyncPoint, folders, collections);
        }

        /// <param name="plan">From <see cref="Plan"/>.</param>
        /// <param name="approved">The destination folders and collections (hrefs) the user agreed to empty (ShouldProcess).</param>
        /// <param name="destination">The destination account.</param>
        /// <param name="observer">Receives verbose lines.</param>
        /// <param name="cancellationToken">Stops between folders.</param>
        /// <exception cref="MigrationFailedException">The destination cannot be reached or refuses the login.</exception>
        public async Task<RemovalResult> RemoveAsync(RemovalPlan plan, ISet<string> approved, AccountEndpoint destination,
            IMigrationObserver observer, CancellationToken cancellationToken)
        {
            var mail = plan.Folders.Count > 0 || store.GetFolders(plan.Migration.Id).Any(f => f.CreatedAtSyncPoint >= plan.FromSyncPoint)
                ? await RemoveMailAsync(plan, approved, destination, observer, cancellationToken).ConfigureAwait(false)
                : new RemovalResult(0, 0, Array.Empty<string>());
            if (plan.Collections.Count == 0 && !store.GetCollections(plan.Migration.Id).Any(c => c.CreatedAtSyncPoint >= plan.FromSyncPoint))
                return mail;

            using var collectionDestination = CollectionDestinations.Open(destination);
            var (removed, gone, collections) = await new GroupwareRemover(store, collectionDestination, observer).RemoveAsync(plan, approved, cancellationToken).ConfigureAwait(false);
            return new RemovalResult(mail.Removed + removed, mail.AlreadyGone + gone, mail.DeletedFolders, collections);
        }

        private async Task<RemovalResult> RemoveMailAsync(RemovalPlan plan, ISet<string> approvedFolders, AccountEndpoint destination,
            IMigrationObserver observer, CancellationToken cancellationToken)
        {
            using var client = await ImapConnector.ConnectAsync(destination, spool, cancellationToken).ConfigureAwait(false);
            var tree = await ImapFailures.OnSideAsync(destination, "listing its folders",
                () => ImapFolderTree.LoadAsync(client, withCounts: false, cancellationToken)).ConfigureAwait(false);

            int removed = 0, gone = 0;
            foreach (var group in plan.Folders.Where(f => approvedFolders.Contains(f.DestinationFolder)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (deleted, missing) = await RemoveFromFolderAsync(client, tree, plan.Migration.Id, group, destination, cancellationToken).ConfigureAwait(false);
                removed += deleted;
                gone += missing;
                observer.OnVerbose($"'{group.DestinationFolder}': {deleted} copies deleted{(missing > 0 ? $", {missing} were already gone" : string.Empty)}.");
            }

            var deletedFolders = await DeleteEmptiedFoldersAsync(client, plan, approvedFolders, destination, observer, cancellationToken).ConfigureAwait(false);
            await ImapFailures.DisconnectQuietlyAsync(client).ConfigureAwait(false);
            return new RemovalResult(removed, gone, deletedFolders);
        }

        private async Task<(int Deleted, int Missing)> RemoveFromFolderAsync(ImapClient client, ImapFolderTree tree, string migrationId,
            RemovalFolder group, AccountEndpoint destination, CancellationToken cancellationToken)
        {
            var folder = tree.Find(group.DestinationFolder);
            if (folder == null)
            {
                store.ForgetItems(group.Items.Select(i => i.RowId));
                return (0, group.Items.Count);
            }

            await ImapFailures.OnSideAsync(destination, $"opening '{folder.FullName}'", () => folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken)).ConfigureAwait(false);
            var validity = folder.UidValidity;
            var unsure = group.Items.Where(i => ImapItemKey.UidAt(i.DestinationKey, validity) == null).ToList();
            var (found, _) = await ImapFailures.OnSideAsync(destination, $"identifying copies in '{folder.FullName}'",
                () => CopyLocator.RelocateAsync(store, migrationId, folder, unsure, null, cancellationToken)).ConfigureAwait(false);
            var uids = group.Items
                .Select(i => found.TryGetValue(i.RowId, out var uid) ? uid : ImapItemKey.UidAt(i.DestinationKey, validity))
                .Where(uid => uid.HasValue)
                .Select(uid => new UniqueId(validity, uid!.Value))
                .ToList();

            var present = uids.Count == 0
                ? (IList<UniqueId>)new List<UniqueId>()
                : await ImapFailures.OnSideAsync(destination, $"searching '{folder.FullName}'",
                    () => folder.SearchAsync(SearchQuery.Uids(uids), cancellationToken)).ConfigureAwait(false);
            if (present.Count > 0)
                await ExpungeOnlyAsync(client, folder, present, destination, cancellationToken).ConfigureAwait(false);

            // Only now: if this process dies before, the copies that are gone are forgotten by the next pass anyway.
            store.ForgetItems(group.Items.Select(i => i.RowId));
            // Servers drop a connection whose selected folder is deleted; the folder may be deleted next.
            await ImapFailures.OnSideAsync(destination, $"closing '{folder.FullName}'", () => folder.CloseAsync(false, cancellationToken)).ConfigureAwait(false);
            return (present.Count, group.Items.Count - present.Count);
        }

        /// <summary>Expunges exactly <paramref name="uids"/>: UID EXPUNGE where the server has UIDPLUS, else only if no other message is marked \Deleted.</summary>
        private static async Task ExpungeOnlyAsync(ImapClient client, IMailFolder folder, IList<UniqueId> uids, AccountEndpoint destination, CancellationToken cancellationToken)
        {
            var hasUidPlus = (client.Capabilities & ImapCapabilities.UidPlus) != 0;
            if (!hasUidPlus)
            {
                var marked = await folder.SearchAsync(SearchQuery.Deleted, cancellationToken).ConfigureAwait(false);
                if (marked.Any(u => !uids.Contains(u)))
                    throw new MigrationFailedException(FailureKind.Unsupported,
                        $"The destination server {destination.Server} lacks UIDPLUS and '{folder.FullName}' holds other messages marked \\Deleted; " +
                        "expunging would delete them too, so nothing was deleted there.");
            }

            await ImapFailures.OnSideAsync(destination, $"deleting from '{folder.FullName}'", async () =>
            {
                await folder.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken).ConfigureAwait(false);
                if (hasUidPlus)
                    await folder.ExpungeAsync(uids, cancellationToken).ConfigureAwait(false);
                else
                    await folder.ExpungeAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        /// <summary>Deletes, deepest first, the folders this migration created (at the sync point or later) that are now empty and childless.</summary>
        private async Task<IReadOnlyList<string>> DeleteEmptiedFoldersAsync(ImapClient client, RemovalPlan plan, ISet<string> approvedFolders,
            AccountEndpoint destination, IMigrationObserver observer, CancellationToken cancellationToken)
        {
            var created = store.GetFolders(plan.Migration.Id)
                .Where(f => f.CreatedAtSyncPoint >= plan.FromSyncPoint && (approvedFolders.Contains(f.DestinationFolder) || !plan.Folders.Any(p => p.DestinationFolder == f.DestinationFolder)))
                .ToList();
            if (created.Count == 0)
                return Array.Empty<string>();

            var tree = await ImapFailures.OnSideAsync(destination, "listing its folders",
                () => ImapFolderTree.LoadAsync(client, withCounts: true, cancellationToken)).ConfigureAwait(false);
            var remaining = new HashSet<string>(tree.Folders.Select(f => f.FullName), StringComparer.Ordinal);
            var separator = tree.Namespace.Separator.ToString();
            var deleted = new List<string>();
            foreach (var state in created.OrderByDescending(f => f.DestinationFolder.Length))
            {
                var folder = tree.Find(state.DestinationFolder);
                if (folder == null || MailboxNamespace.IsInbox(folder.FullName) || tree.CountOf(folder) != 0
                    || remaining.Any(name => name.StartsWith(folder.FullName + separator, StringComparison.Ordinal)))
                    continue;
                try
                {
                    await ImapFailures.OnSideAsync(destination, $"deleting the folder '{folder.FullName}'", () => folder.DeleteAsync(cancellationToken)).ConfigureAwait(false);
                }
                catch (ImapCommandException e)
                {
                    observer.OnVerbose($"The destination refused to delete the empty folder '{folder.FullName}': {e.Message}");
                    continue;
                }

                remaining.Remove(folder.FullName);
                foreach (var same in created.Where(f => f.DestinationFolder == folder.FullName))
                    store.ForgetFolder(plan.Migration.Id, same.SourceFolder);
                deleted.Add(folder.FullName);
                observer.OnVerbose($"Deleted the emptied folder '{folder.FullName}', which the migration had created.");
            }

            return deleted;
        }
    }
}
