using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
            using var mailbox = MailDestinations.Open(destination, spool);
            var tree = await mailbox.OpenAsync(cancellationToken).ConfigureAwait(false);

            int removed = 0, gone = 0;
            foreach (var group in plan.Folders.Where(f => approvedFolders.Contains(f.DestinationFolder)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (deleted, missing) = await RemoveFromFolderAsync(mailbox, plan.Migration.Id, group, cancellationToken).ConfigureAwait(false);
                removed += deleted;
                gone += missing;
                observer.OnVerbose($"'{group.DestinationFolder}': {deleted} copies deleted{(missing > 0 ? $", {missing} were already gone" : string.Empty)}.");
            }

            var deletedFolders = await DeleteEmptiedFoldersAsync(mailbox, tree.Namespace, plan, approvedFolders, observer, cancellationToken).ConfigureAwait(false);
            await mailbox.CloseAsync().ConfigureAwait(false);
            return new RemovalResult(removed, gone, deletedFolders);
        }

        private async Task<(int Deleted, int Missing)> RemoveFromFolderAsync(IMailDestination mailbox, string migrationId, RemovalFolder group,
            CancellationToken cancellationToken)
        {
            var folder = await mailbox.FindFolderAsync(group.DestinationFolder, cancellationToken).ConfigureAwait(false);
            if (folder == null)
            {
                store.ForgetItems(group.Items.Select(i => i.RowId));
                return (0, group.Items.Count);
            }

            try
            {
                await folder.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RefusedException e)
            {
                throw new MigrationFailedException(FailureKind.Unsupported, $"The destination will not open '{folder.Path}': {e.Message} Nothing was deleted there.", e);
            }

            var unsure = group.Items.Where(i => i.DestinationKey == null || !folder.Holds(i.DestinationKey)).ToList();
            var (found, _) = await CopyLocator.RelocateAsync(store, migrationId, folder, unsure, null, cancellationToken).ConfigureAwait(false);
            var keys = group.Items
                .Select(i => found.TryGetValue(i.RowId, out var key) ? key : i.DestinationKey)
                .OfType<string>()
                .Where(folder.Holds)
                .ToList();
            var deleted = await folder.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);

            // Only now: if this process dies before, the copies that are gone are forgotten by the next pass anyway.
            store.ForgetItems(group.Items.Select(i => i.RowId));
            // Servers drop a connection whose selected folder is deleted; the folder may be deleted next.
            await folder.CloseAsync(cancellationToken).ConfigureAwait(false);
            return (deleted, group.Items.Count - deleted);
        }

        /// <summary>Deletes, deepest first, the folders this migration created (at the sync point or later) that are now empty and childless.</summary>
        private async Task<IReadOnlyList<string>> DeleteEmptiedFoldersAsync(IMailDestination mailbox, MailboxNamespace ns, RemovalPlan plan,
            ISet<string> approvedFolders, IMigrationObserver observer, CancellationToken cancellationToken)
        {
            var created = store.GetFolders(plan.Migration.Id)
                .Where(f => f.CreatedAtSyncPoint >= plan.FromSyncPoint && (approvedFolders.Contains(f.DestinationFolder) || !plan.Folders.Any(p => p.DestinationFolder == f.DestinationFolder)))
                .ToList();
            if (created.Count == 0)
                return Array.Empty<string>();

            var folders = await mailbox.ListFoldersAsync(cancellationToken).ConfigureAwait(false);
            var counts = folders.GroupBy(f => Key(f.Path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Count, StringComparer.Ordinal);
            var remaining = new HashSet<string>(folders.Select(f => f.Path), StringComparer.Ordinal);
            var separator = ns.Separator.ToString();
            var deleted = new List<string>();
            foreach (var state in created.OrderByDescending(f => f.DestinationFolder.Length))
            {
                var path = state.DestinationFolder;
                if (!counts.TryGetValue(Key(path), out var count) || MailboxNamespace.IsInbox(path) || count != 0
                    || remaining.Any(name => name.StartsWith(path + separator, StringComparison.Ordinal)))
                    continue;
                try
                {
                    await mailbox.DeleteFolderAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (RefusedException e)
                {
                    observer.OnVerbose($"The destination refused to delete the empty folder '{path}': {e.Message}");
                    continue;
                }

                remaining.Remove(path);
                foreach (var same in created.Where(f => f.DestinationFolder == path))
                    store.ForgetFolder(plan.Migration.Id, same.SourceFolder);
                deleted.Add(path);
                observer.OnVerbose($"Deleted the emptied folder '{path}', which the migration had created.");
            }

            return deleted;
        }

        private static string Key(string path) => MailboxNamespace.IsInbox(path) ? "INBOX" : path;
    }
}
