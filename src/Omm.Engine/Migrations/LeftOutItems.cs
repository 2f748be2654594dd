using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// What of a PST a destination cannot take: the items the contacts/calendars/tasks import takes
    /// (<see cref="PstGroupwareItems"/>) when it has no DAV URL, and every other item, which the mail import
    /// takes (notes and journal entries included), when it has no IMAP server. Each folder with such items is
    /// counted and reported, so that nothing is left out without a word. (Other files hold one kind of item,
    /// and a destination that cannot take it is refused before a migration exists.)
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
            census.Visit(pst.Root, string.IsNullOrWhiteSpace(pst.DisplayName) ? Path.GetFileNameWithoutExtension(path) : pst.DisplayName, descend: false);
            foreach (var folder in pst.Root.Subfolders)
                census.Visit(folder, folder.Name, descend: true);
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

            foreach (var counted in leftOut.GroupBy(f => f.ItemType))
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
                taken = ItemSupport.AsDestination(destination);
            }

            public List<LeftOutFolder> LeftOut { get; } = new List<LeftOutFolder>();

            public bool AnythingTaken { get; private set; }

            /// <param name="folder">A folder of the PST.</param>
            /// <param name="folderPath">Its path, levels separated by '/'.</param>
            /// <param name="descend">Visit its subfolders too.</param>
            public void Visit(PstFolder folder, string folderPath, bool descend)
            {
                // Damage is the imports' to report (they name the folder and what is wrong); the count goes on without it.
                try
                {
                    if (filter.Takes(folderPath))
                        Count(folder, folderPath);
                }
                catch (PstFormatException)
                {
                }

                if (!descend)
                    return;
                IReadOnlyList<PstFolder> children;
                try
                {
                    children = folder.Subfolders;
                }
                catch (PstFormatException)
                {
                    return;
                }

                foreach (var child in children)
                {
                    string name;
                    try
                    {
                        name = child.Name;
                    }
                    catch (PstFormatException)
                    {
                        name = $"Folder NID 0x{child.Nid:X}";
                    }

                    Visit(child, folderPath + "/" + name, descend: true);
                }
            }

            private void Count(PstFolder folder, string folderPath)
            {
                var containerClass = folder.ContainerClass;
                var groupwareType = GroupwareTypeOf(containerClass);
                var counts = new Dictionary<ItemType, int>();
                foreach (var message in folder.Messages())
                {
                    var type = groupwareType != null && TakenByGroupware(message, containerClass) ? groupwareType.Value : ItemType.Mail;
                    counts[type] = counts.TryGetValue(type, out var count) ? count + 1 : 1;
                }

                foreach (var pair in counts)
                {
                    if (taken.Contains(pair.Key))
                        AnythingTaken = true;
                    else
                        LeftOut.Add(new LeftOutFolder(folderPath, pair.Key, Plural(pair.Key), pair.Value, Missing(pair.Key)));
                }
            }

            /// <summary>As the imports split a folder's items: an unreadable item goes with its folder's kind.</summary>
            private static bool TakenByGroupware(PstMessage message, string? containerClass)
            {
                try
                {
                    return PstGroupwareItems.TakesItem(containerClass, message.MessageClass);
                }
                catch (PstFormatException)
                {
                    return true;
                }
            }

            private static ItemType? GroupwareTypeOf(string? containerClass) =>
                PstGroupwareItems.IsContactFolder(containerClass) ? ItemType.Contacts
                : PstGroupwareItems.IsCalendarFolder(containerClass) ? ItemType.Calendar
                : PstGroupwareItems.IsTaskFolder(containerClass) ? ItemType.Tasks
                : (ItemType?)null;

            private static string Plural(ItemType type) =>
                type == ItemType.Contacts ? "contacts" : type == ItemType.Calendar ? "calendar items" : type == ItemType.Tasks ? "tasks" : "messages";

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
