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
        /// <remarks>
        /// When this took something off the destination and no copy of the migration is left recorded afterwards (everything
        /// was removed, from sync point 1 or from the first sync point that copied anything), its status becomes
        /// <see cref="MigrationStatus.Removed"/>; after a removal that leaves earlier copies, the status stays and its progress
        /// counts only the copies that remain.
        /// </remarks>
        public async Task<RemovalResult> RemoveAsync(RemovalPlan plan, ISet<string> approved, AccountEndpoint destination,
            IMigrationObserver observer, CancellationToken cancellationToken)
        {
            var id = plan.Migration.Id;
            var mail = plan.Folders.Count > 0
                       || store.GetFolders(id).Any(f => f.CreatedAtSyncPoint >= plan.FromSyncPoint)
                       || store.GetCreatedParents(id).Any(p => p.CreatedAtSyncPoint >= plan.FromSyncPoint)
                ? await RemoveMailAsync(plan, approved, destination, observer, cancellationToken).ConfigureAwait(false)
                : new RemovalResult(0, 0, Array.Empty<string>());
            var result = mail;
            if (plan.Collections.Count > 0 || store.GetCollections(id).Any(c => c.CreatedAtSyncPoint >= plan.FromSyncPoint))
            {
                using var collectionDestination = CollectionDestinations.Open(destination);
                var (removed, gone, collections) = await new GroupwareRemover(store, collectionDestination, observer).RemoveAsync(plan, approved, cancellationToken)
                    .ConfigureAwait(false);
                result = new RemovalResult(mail.Removed + removed, mail.AlreadyGone + gone, mail.DeletedFolders, collections);
            }

            // A removal that found nothing to take (a migration that failed at the login) leaves the status as it was.
            var tookSomething = plan.Count > 0 || result.DeletedFolders.Count > 0 || result.DeletedCollections.Count > 0;
            if (tookSomething && !store.HasRecordedCopies(id) && store.MarkRemoved(id))
                observer.OnVerbose($"Migration {id} has no copy left on the destination: its status is Removed; Sync-OmmMigration copies everything again.");
            return result;
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
            // First: however far this gets, the next pass lists these source folders in full and copies what is missing again.
            ForgetSourceCursors(migrationId, group);
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

        /// <summary>
        /// Deletes, deepest first, the folders this migration created (at the sync point or later), those it filled and the
        /// missing parents it created for them, once they are empty and have no subfolder left. A folder that still holds
        /// something the migration did not copy stays, and a warning says why.
        /// </summary>
        private async Task<IReadOnlyList<string>> DeleteEmptiedFoldersAsync(IMailDestination mailbox, MailboxNamespace ns, RemovalPlan plan,
            ISet<string> approvedFolders, IMigrationObserver observer, CancellationToken cancellationToken)
        {
            var id = plan.Migration.Id;
            // A folder whose copies the user chose to keep (ShouldProcess) is not a candidate, even as a parent.
            bool Chosen(string path) => approvedFolders.Contains(path) || !plan.Folders.Any(p => p.DestinationFolder == path);
            var filled = store.GetFolders(id).Where(f => f.CreatedAtSyncPoint >= plan.FromSyncPoint && Chosen(f.DestinationFolder)).ToList();
            var parents = store.GetCreatedParents(id).Where(p => p.CreatedAtSyncPoint >= plan.FromSyncPoint && Chosen(p.DestinationFolder)).ToList();
            var created = filled.Select(f => f.DestinationFolder).Concat(parents.Select(p => p.DestinationFolder))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (created.Count == 0)
                return Array.Empty<string>();

            var folders = await mailbox.ListFoldersAsync(cancellationToken).ConfigureAwait(false);
            var counts = folders.GroupBy(f => Key(f.Path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Count, StringComparer.Ordinal);
            var remaining = new HashSet<string>(folders.Select(f => f.Path), StringComparer.Ordinal);
            var separator = ns.Separator.ToString();
            var deleted = new List<string>();
            foreach (var path in created.OrderByDescending(p => p.Split(ns.Separator).Length).ThenByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
            {
                if (!counts.TryGetValue(Key(path), out var count) || MailboxNamespace.IsInbox(path))
                    continue;
                var children = remaining.Where(name => name.StartsWith(path + separator, StringComparison.Ordinal)).ToList();
                var keptBecause = count == null ? "the destination does not say whether it is empty"
                    : count > 0 ? $"it holds {count} message(s) the migration did not copy"
                    : children.Count > 0 ? $"it still has the subfolder(s) {string.Join(", ", children.OrderBy(c => c, StringComparer.Ordinal).Select(c => $"'{c}'"))}"
                    : null;
                if (keptBecause != null)
                {
                    observer.OnWarning($"Kept the folder '{path}', which migration {id} created: {keptBecause}.");
                    continue;
                }

                try
                {
                    await mailbox.DeleteFolderAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (RefusedException e)
                {
                    observer.OnWarning($"Kept the folder '{path}', which migration {id} created: the destination refused to delete it ({e.Message}).");
                    continue;
                }

                remaining.Remove(path);
                foreach (var same in filled.Where(f => f.DestinationFolder == path))
                    store.ForgetFolder(id, same.SourceFolder);
                if (parents.Any(p => p.DestinationFolder == path))
                    store.ForgetCreatedParent(id, path);
                deleted.Add(path);
                observer.OnVerbose($"Deleted the emptied folder '{path}', which the migration had created.");
            }

            return deleted;
        }

        /// <summary>The next pass lists the source folders of removed copies in full, so that it copies them again.</summary>
        private void ForgetSourceCursors(string migrationId, RemovalFolder group)
        {
            foreach (var sourceFolder in group.Items.Select(i => i.SourceFolder).Distinct(StringComparer.Ordinal))
                store.ForgetSourceCursor(migrationId, sourceFolder);
        }

        private static string Key(string path) => MailboxNamespace.IsInbox(path) ? "INBOX" : path;
    }
}
