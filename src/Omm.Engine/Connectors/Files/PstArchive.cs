using System;
using System.Collections.Generic;
using System.Linq;
using MailKit;
using MimeKit;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Files.Pst;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// An Outlook PST file as an archive of mail: its folder tree under "Top of Personal Folders", the
    /// special folders mapped to roles, and its items rebuilt as MIME by <see cref="PstFile"/>. Every item that
    /// the contacts/calendars/tasks import does not take (<see cref="PstGroupwareItems"/>) is mail here: all
    /// items of mail folders, notes and journal entries, stray mail in a contacts folder. Damage costs as little
    /// as it can: a damaged item is an item error, a damaged attachment or body is left out with a warning, a
    /// folder whose properties or subfolders cannot be read is reported and the others go on; only a file whose
    /// header, B-trees or folder tree cannot be read fails.
    /// </summary>
    internal sealed class PstArchive : IMailArchive
    {
        private static readonly FormatOptions Crlf = CreateFormat();
        private readonly PstFile file;
        private readonly string path;
        private readonly HashSet<string> usedPaths = new HashSet<string>(StringComparer.Ordinal);
        private int warningsReported;

        private PstArchive(PstFile file, string path)
        {
            this.file = file;
            this.path = path;
            var folders = new List<SourceFolder>();
            // Items kept at the top of the store (rare) have no folder of their own: they go into a folder
            // named after the store, so that nothing is left behind.
            var rootProblems = new List<ArchiveProblem>();
            var rootClass = ContainerClassOf(file.Root, rootProblems);
            var rootCount = CountMail(file.Root, rootClass);
            IReadOnlyList<PstFolder> top;
            try
            {
                top = file.Root.Subfolders;
            }
            catch (PstFormatException e)
            {
                throw new ArchiveFormatException($"'{path}': the folder tree of the PST cannot be read: {e.Message}", e);
            }

            AddWarnings(rootProblems);
            if (rootCount > 0 || rootProblems.Count > 0)
            {
                var notes = new List<string>();
                folders.Add(ArchiveItems.Folder(UniquePath(LevelName(StoreFolderName(), notes), notes), FolderRole.None, rootCount,
                    () => Messages(file.Root, rootClass), notes, rootProblems));
            }

            foreach (var child in top)
                Collect(child, null, folders);
            Folders = folders;
        }

        public IReadOnlyList<SourceFolder> Folders { get; }

        /// <exception cref="ArchiveFormatException">The file is not a readable PST.</exception>
        public static IMailArchive Open(string path)
        {
            try
            {
                return new PstArchive(PstFile.Open(path), path);
            }
            catch (PstFormatException e)
            {
                throw new ArchiveFormatException($"'{path}' is not a readable PST file: {e.Message}", e);
            }
        }

        public void Dispose() => file.Dispose();

        private void Collect(PstFolder folder, string? parent, List<SourceFolder> folders)
        {
            var problems = new List<ArchiveProblem>();
            string name;
            try
            {
                name = folder.Name;
            }
            catch (PstFormatException e)
            {
                name = $"Folder NID 0x{folder.Nid:X}";
                problems.Add(new ArchiveProblem(ItemErrorType.Warning, "(folder)",
                    $"The folder's properties cannot be read, so its name is lost: it was imported as '{name}'. {e.Message}"));
            }

            var containerClass = problems.Count > 0 ? null : ContainerClassOf(folder, problems);
            var role = RoleOf(folder);
            var notes = new List<string>();
            var level = LevelName(name, notes);
            var folderPath = UniquePath(role == FolderRole.Inbox && parent == null ? "INBOX" : parent == null ? level : parent + "/" + level, notes);
            var count = CountMail(folder, containerClass);
            IReadOnlyList<PstFolder> children;
            try
            {
                children = folder.Subfolders;
            }
            catch (PstFormatException e)
            {
                children = Array.Empty<PstFolder>();
                problems.Add(new ArchiveProblem(ItemErrorType.Error, "(subfolders)", $"The subfolders of '{folderPath}' cannot be read, so they were not imported: {e.Message}"));
            }

            AddWarnings(problems);
            // A contacts, calendar or tasks folder is listed here only when it holds something else, or damage to report.
            if (HoldsMail(containerClass) || count > 0 || problems.Count > 0)
                folders.Add(ArchiveItems.Folder(folderPath, role, count, () => Messages(folder, containerClass), notes, problems));
            foreach (var child in children)
                Collect(child, folderPath, folders);
        }

        /// <summary>The folder's container class; null (a mail folder) when it cannot be read, which is said in <paramref name="problems"/>.</summary>
        private static string? ContainerClassOf(PstFolder folder, List<ArchiveProblem> problems)
        {
            try
            {
                return folder.ContainerClass;
            }
            catch (PstFormatException e)
            {
                problems.Add(new ArchiveProblem(ItemErrorType.Warning, "(folder)", $"The folder's properties cannot be read, so it was taken for a mail folder: {e.Message}"));
                return null;
            }
        }

        /// <summary>Damage the reader worked around since the last folder (a damaged contents or hierarchy table...): warnings of this folder.</summary>
        private void AddWarnings(List<ArchiveProblem> problems)
        {
            if (file.WarningCount == warningsReported)
                return;
            var warnings = file.Warnings;
            for (; warningsReported < warnings.Count; warningsReported++)
                problems.Add(new ArchiveProblem(ItemErrorType.Warning, "(folder)", warnings[warningsReported]));
        }

        /// <summary>How many items the mail import takes from the folder; when its list of items breaks off, those before (the import reports the rest).</summary>
        private static int CountMail(PstFolder folder, string? containerClass)
        {
            var count = 0;
            try
            {
                foreach (var message in folder.Messages())
                {
                    if (IsMail(message, containerClass))
                        count++;
                }
            }
            catch (PstFormatException)
            {
                // Met again, and reported, when the folder's messages are read for the import.
            }

            return count;
        }

        /// <summary>An item the mail import takes: not one the groupware import takes; an unreadable one unless its folder is the groupware import's.</summary>
        private static bool IsMail(PstMessage message, string? containerClass)
        {
            try
            {
                return !PstGroupwareItems.TakesItem(containerClass, message.MessageClass);
            }
            catch (PstFormatException)
            {
                return !PstGroupwareItems.IsGroupwareFolder(containerClass);
            }
        }

        /// <summary>A folder's name as one level of a '/'-separated path.</summary>
        private static string LevelName(string name, List<string> notes)
        {
            if (name.IndexOf('/') < 0)
                return name;
            notes.Add("'/' in its name in the file was replaced by '_'");
            return name.Replace('/', '_');
        }

        /// <summary>A path no other folder of the file has: a folder beside another of the same name gets " (2)", so the two are not merged.</summary>
        private string UniquePath(string folderPath, List<string> notes)
        {
            if (usedPaths.Add(folderPath))
                return folderPath;
            var n = 2;
            while (!usedPaths.Add($"{folderPath} ({n})"))
                n++;
            notes.Add($"another folder of the file is also '{folderPath}'");
            return $"{folderPath} ({n})";
        }

        private IEnumerable<SourceMessage> Messages(PstFolder folder, string? containerClass)
        {
            using var messages = Read(() => folder.Messages().GetEnumerator());
            while (Read(() => messages.MoveNext()))
            {
                var message = messages.Current;
                if (IsMail(message, containerClass))
                    yield return Describe(message);
            }
        }

        /// <summary>The message as the import sees it; one whose properties cannot be read is an <see cref="ArchiveItems.Unreadable"/>.</summary>
        private SourceMessage Describe(PstMessage message)
        {
            var locator = $"NID 0x{message.Nid:X}";
            string? subject = null;
            try
            {
                subject = message.Subject;
                var flags = MessageFlags.None;
                if (message.IsRead) flags |= MessageFlags.Seen;
                if (message.IsAnswered) flags |= MessageFlags.Answered;
                if (message.IsFlagged) flags |= MessageFlags.Flagged;
                if (message.IsDraft) flags |= MessageFlags.Draft;
                return ArchiveItems.Message(message.Nid, locator, subject, flags, message.DeliveryTime ?? message.SubmitTime, output => Read(() =>
                {
                    var leftOut = new List<string>();
                    var known = file.WarningCount;
                    message.ToMimeMessage(leftOut).WriteTo(Crlf, output);
                    // Damage the reader worked around in this message (its attachment table, say): reported with it.
                    if (file.WarningCount > known)
                        leftOut.AddRange(file.Warnings.Skip(known));
                    return (IReadOnlyList<string>)leftOut;
                }));
            }
            catch (PstFormatException e)
            {
                return ArchiveItems.Unreadable(message.Nid, locator, subject, $"'{path}': {e.Message}");
            }
        }

        /// <summary>Turns the reader's format errors into archive errors that name the file.</summary>
        private T Read<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (PstFormatException e)
            {
                throw new ArchiveFormatException($"'{path}': {e.Message}", e);
            }
        }

        private string StoreFolderName()
        {
            string? name;
            try
            {
                name = file.DisplayName;
            }
            catch (PstFormatException)
            {
                name = null;
            }

            return string.IsNullOrWhiteSpace(name) ? System.IO.Path.GetFileNameWithoutExtension(path) : name!;
        }

        private static bool HoldsMail(string? containerClass) =>
            containerClass == null || containerClass.StartsWith("IPF.Note", StringComparison.OrdinalIgnoreCase)
            || containerClass.StartsWith("IPF.Imap", StringComparison.OrdinalIgnoreCase);

        /// <summary>The folder's role; none when the special folders cannot be told (damaged store or root properties).</summary>
        private static FolderRole RoleOf(PstFolder folder)
        {
            PstSpecialFolder special;
            try
            {
                special = folder.Special;
            }
            catch (PstFormatException)
            {
                return FolderRole.None;
            }

            switch (special)
            {
                case PstSpecialFolder.Inbox: return FolderRole.Inbox;
                case PstSpecialFolder.SentItems: return FolderRole.Sent;
                case PstSpecialFolder.DeletedItems: return FolderRole.Trash;
                case PstSpecialFolder.Drafts: return FolderRole.Drafts;
                case PstSpecialFolder.Junk: return FolderRole.Junk;
                default: return FolderRole.None;
            }
        }

        private static FormatOptions CreateFormat()
        {
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = NewLineFormat.Dos;
            return options;
        }
    }
}
