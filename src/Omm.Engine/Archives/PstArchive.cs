using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailKit;
using MimeKit;
using Omm.Engine.Folders;
using Omm.Engine.Pst;

namespace Omm.Engine.Archives
{
    /// <summary>
    /// An Outlook PST file as an archive of mail: its folder tree under "Top of Personal Folders", the
    /// special folders mapped to roles, and its mail items rebuilt as MIME by <see cref="PstFile"/>.
    /// Folders of contacts, calendars, tasks and notes are not mail and are left out here.
    /// </summary>
    internal sealed class PstArchive : IMailArchive
    {
        private static readonly FormatOptions Crlf = CreateFormat();
        private readonly PstFile file;
        private readonly string path;
        private readonly HashSet<string> usedPaths = new HashSet<string>(StringComparer.Ordinal);

        private PstArchive(PstFile file, string path)
        {
            this.file = file;
            this.path = path;
            var folders = new List<ArchiveFolder>();
            // Items kept at the top of the store (rare) have no folder of their own: they go into a folder
            // named after the store, so that nothing is left behind.
            var rootCount = Read(() => file.Root.Messages().Count(IsMail));
            if (rootCount > 0)
            {
                var notes = new List<string>();
                folders.Add(new ArchiveFolder(UniquePath(LevelName(StoreFolderName(), notes), notes), FolderRole.None, rootCount, () => Messages(file.Root), notes));
            }

            foreach (var child in Read(() => file.Root.Subfolders))
                Collect(child, null, folders);
            Folders = folders;
        }

        public IReadOnlyList<ArchiveFolder> Folders { get; }

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

        private void Collect(PstFolder folder, string? parent, List<ArchiveFolder> folders)
        {
            if (!HoldsMail(folder))
                return;
            var role = RoleOf(folder.Special);
            var notes = new List<string>();
            var name = LevelName(folder.Name, notes);
            var folderPath = UniquePath(role == FolderRole.Inbox && parent == null ? "INBOX" : parent == null ? name : parent + "/" + name, notes);
            var count = Read(() => folder.Messages().Count(IsMail));
            folders.Add(new ArchiveFolder(folderPath, role, count, () => Messages(folder), notes));
            foreach (var child in Read(() => folder.Subfolders))
                Collect(child, folderPath, folders);
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

        private IEnumerable<ArchiveMessage> Messages(PstFolder folder)
        {
            using var messages = Read(() => folder.Messages().GetEnumerator());
            while (Read(() => messages.MoveNext()))
            {
                var message = messages.Current;
                if (!IsMail(message))
                    continue;
                var flags = MessageFlags.None;
                if (message.IsRead) flags |= MessageFlags.Seen;
                if (message.IsAnswered) flags |= MessageFlags.Answered;
                if (message.IsFlagged) flags |= MessageFlags.Flagged;
                if (message.IsDraft) flags |= MessageFlags.Draft;
                var item = message;
                yield return new ArchiveMessage(message.Nid, message.Subject, flags, message.DeliveryTime ?? message.SubmitTime,
                    output => Read(() =>
                    {
                        item.ToMimeMessage().WriteTo(Crlf, output);
                        return true;
                    }));
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
            var name = Read(() => file.DisplayName);
            return string.IsNullOrWhiteSpace(name) ? System.IO.Path.GetFileNameWithoutExtension(path) : name;
        }

        private static bool HoldsMail(PstFolder folder) =>
            folder.ContainerClass == null || folder.ContainerClass.StartsWith("IPF.Note", StringComparison.OrdinalIgnoreCase)
            || folder.ContainerClass.StartsWith("IPF.Imap", StringComparison.OrdinalIgnoreCase);

        private static bool IsMail(PstMessage message)
        {
            var type = message.MessageClass ?? string.Empty;
            return type.StartsWith("IPM.Note", StringComparison.OrdinalIgnoreCase)
                   || type.StartsWith("IPM.Schedule.Meeting", StringComparison.OrdinalIgnoreCase)
                   || type.StartsWith("REPORT.", StringComparison.OrdinalIgnoreCase)
                   || type.StartsWith("IPM.Post", StringComparison.OrdinalIgnoreCase)
                   || type.Equals("IPM", StringComparison.OrdinalIgnoreCase);
        }

        private static FolderRole RoleOf(PstSpecialFolder special)
        {
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
