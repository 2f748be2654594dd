using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Pst;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// What of a PST a destination cannot take: contact, calendar and task folders when it has no DAV URL, mail
    /// folders when it has no IMAP server, and Outlook notes and journal entries, which Omm does not migrate.
    /// Each such folder is counted and reported, so that nothing is left out without a word. (Other files hold
    /// one kind of item, and a destination that cannot take it is refused before a migration exists.)
    /// </summary>
    public static class LeftOutItems
    {
        /// <summary>The folders of <paramref name="path"/> whose items <paramref name="destination"/> cannot take, and whether it takes anything at all.</summary>
        /// <param name="path">The file imported; anything but a PST has nothing left out.</param>
        /// <param name="destination">Where its items go.</param>
        /// <param name="filter">The migration's folder filter: a folder it leaves out is not reported.</param>
        /// <exception cref="PstFormatException">The PST cannot be read.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static (IReadOnlyList<LeftOutFolder> LeftOut, bool AnythingTaken) Find(string path, AccountEndpoint destination, FolderFilter? filter = null)
        {
            var census = new Census(destination, filter ?? FolderFilter.All);
            if (!string.Equals(Path.GetExtension(path), ".pst", StringComparison.OrdinalIgnoreCase))
                return (census.LeftOut, true);
            using var pst = PstFile.Open(path);
            // Items at the top of the store go into a mail folder named after it.
            census.Visit(pst.Root, string.IsNullOrWhiteSpace(pst.DisplayName) ? Path.GetFileNameWithoutExtension(path) : pst.DisplayName, reachedByMail: true, descend: false);
            foreach (var folder in pst.Root.Subfolders)
                census.Visit(folder, folder.Name, reachedByMail: true, descend: true);
            return (census.LeftOut, census.AnythingTaken);
        }

        /// <summary>
        /// Records a warning per folder left out (also told to <paramref name="observer"/>) and counts its items to
        /// migrate, so that the migration's counters show them not migrated. Returns the folders.
        /// </summary>
        public static IReadOnlyList<LeftOutFolder> Record(StateStore store, string migrationId, int syncPoint, string path, AccountEndpoint destination,
            FolderFilter filter, IMigrationObserver observer)
        {
            IReadOnlyList<LeftOutFolder> leftOut;
            try
            {
                leftOut = Find(path, destination, filter).LeftOut;
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
            {
                // Counting only reports; the passes that read the file say what is wrong with it.
                observer.OnVerbose($"Could not count what '{path}' holds that the destination cannot take: {e.Message}");
                return Array.Empty<LeftOutFolder>();
            }

            foreach (var folder in leftOut)
            {
                var problem = new ItemError(ItemErrorType.Warning, folder.ItemType, folder.Folder, "(folder)", folder.Message, DateTimeOffset.UtcNow);
                store.RecordItemError(migrationId, syncPoint, problem);
                observer.OnItemProblem(problem);
            }

            foreach (var counted in leftOut.Where(f => f.Counted).GroupBy(f => f.ItemType))
                store.SetToMigrate(migrationId, counted.Key, counted.Sum(f => (long)f.Count));
            return leftOut;
        }

        private sealed class Census
        {
            private readonly FolderFilter filter;
            private readonly IReadOnlyList<ItemType> taken;

            public Census(AccountEndpoint destination, FolderFilter filter)
            {
                this.filter = filter;
                taken = ItemSupport.Of(destination);
            }

            public List<LeftOutFolder> LeftOut { get; } = new List<LeftOutFolder>();

            public bool AnythingTaken { get; private set; }

            /// <param name="folder">A folder of the PST.</param>
            /// <param name="folderPath">Its path, levels separated by '/'.</param>
            /// <param name="reachedByMail">Its parents are all mail folders: the mail pass goes through mail folders only.</param>
            /// <param name="descend">Visit its subfolders too.</param>
            public void Visit(PstFolder folder, string folderPath, bool reachedByMail, bool descend)
            {
                var kind = PstFolderKind.Of(folder.ContainerClass);
                var isMail = kind.ItemType == ItemType.Mail && kind.Migrated;
                // A mail folder the mail pass does not reach is the mail reader's to report, not a destination's lack.
                if ((!isMail || reachedByMail) && filter.Takes(folderPath))
                    Count(folder, folderPath, kind);
                if (!descend)
                    return;
                foreach (var child in folder.Subfolders)
                    Visit(child, folderPath + "/" + child.Name, reachedByMail && isMail, descend: true);
            }

            private void Count(PstFolder folder, string folderPath, PstFolderKind kind)
            {
                var reason = kind.Migrated ? (taken.Contains(kind.ItemType) ? null : Missing(kind.ItemType)) : kind.NotMigratedReason;
                if (reason == null)
                {
                    AnythingTaken = AnythingTaken || folder.Messages().Any();
                    return;
                }

                var count = folder.Messages().Count();
                if (count > 0)
                    LeftOut.Add(new LeftOutFolder(folderPath, kind.ItemType, kind.Plural, count, reason, counted: kind.Migrated));
            }

            private string Missing(ItemType type)
            {
                switch (type)
                {
                    case ItemType.Mail:
                        return "the destination has no IMAP server; give -DestinationServer to migrate them";
                    case ItemType.Contacts:
                        return "the destination has no CardDAV URL; give -DestinationDavUrl to migrate them";
                    default:
                        return "the destination has no CalDAV URL; give -DestinationDavUrl to migrate them";
                }
            }
        }
    }
}
