using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// An mbox file (one folder named after the file, "Inbox" going to INBOX), or a folder of *.mbox
    /// files. Messages keep their bytes (line ends made CRLF); flags come from Status/X-Status or
    /// X-Mozilla-Status headers. A message is keyed by its place in the file (1, 2, ...). A single file that is
    /// not an mbox file, or cannot be read, fails the import; in a folder of them, it is an error of its folder.
    /// </summary>
    public sealed class MboxArchive : IMailArchive
    {
        public MboxArchive(string path)
        {
            if (File.Exists(path))
            {
                Folders = new[] { Folder(path, Count(path), Array.Empty<ArchiveProblem>(), new HashSet<string>(StringComparer.Ordinal)) };
                return;
            }

            if (!Directory.Exists(path))
                throw new ArchiveFormatException($"'{path}' does not exist.");
            var folders = new List<SourceFolder>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            var leftOut = LeftOut(path);
            foreach (var file in MboxFiles(path))
            {
                int? count;
                var problems = new List<ArchiveProblem>();
                try
                {
                    count = Count(file);
                }
                catch (ArchiveFormatException e)
                {
                    count = null;
                    problems.Add(new ArchiveProblem(ItemErrorType.Error, "(folder)", e.Message + " Its messages were not imported."));
                }

                if (leftOut != null && folders.Count == 0)
                    problems.Add(new ArchiveProblem(ItemErrorType.Error, "(other files)", leftOut));
                folders.Add(Folder(file, count, problems, used));
            }

            Folders = folders;
        }

        public IReadOnlyList<SourceFolder> Folders { get; }

        /// <summary>The folder's .mbox files (the extension in any case), in ordinal order.</summary>
        public static IReadOnlyList<string> MboxFiles(string directory) =>
            Directory.EnumerateFiles(directory).Where(f => string.Equals(Path.GetExtension(f), ".mbox", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();

        /// <summary>What of a folder of mbox files is not imported with them (its .eml files and subfolders), in a sentence; null when nothing.</summary>
        private static string? LeftOut(string path)
        {
            var eml = Directory.EnumerateFiles(path).Count(f => string.Equals(Path.GetExtension(f), ".eml", StringComparison.OrdinalIgnoreCase));
            var subfolders = Directory.EnumerateDirectories(path).Count();
            if (eml == 0 && subfolders == 0)
                return null;
            return $"'{path}' is imported as a folder of .mbox files, so its {eml} .eml file(s) and {subfolders} subfolder(s) were not imported. "
                   + "Import them on their own (a folder of .eml files, or each subfolder).";
        }

        public void Dispose()
        {
        }

        /// <param name="count">Its messages; null when the file is not a readable mbox file (then it has none).</param>
        private static SourceFolder Folder(string file, int? count, IReadOnlyList<ArchiveProblem> problems, HashSet<string> used)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var role = WellKnownFolderNames.Guess(name, out _);
            if (string.Equals(name, "Inbox", StringComparison.OrdinalIgnoreCase))
                role = FolderRole.Inbox;
            // Messages are keyed by their place in their file: two files in one folder (Inbox.mbox and INBOX.mbox) would share keys.
            var notes = new List<string>();
            var folderPath = role == FolderRole.Inbox ? "INBOX" : name;
            if (!used.Add(folderPath))
            {
                var n = 2;
                while (!used.Add($"{folderPath} ({n})"))
                    n++;
                notes.Add($"another file of the folder also goes to '{folderPath}'");
                folderPath = $"{folderPath} ({n})";
            }

            return ArchiveItems.Folder(folderPath, role, count ?? 0, count == null ? Enumerable.Empty<SourceMessage> : () => Messages(file), notes, problems);
        }

        /// <exception cref="ArchiveFormatException">The file is not an mbox file, or cannot be read.</exception>
        private static int Count(string file)
        {
            try
            {
                using var stream = File.OpenRead(file);
                return new MboxReader(stream, file).Messages().Count();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ArchiveFormatException($"'{file}' cannot be read: {e.Message}", e);
            }
        }

        private static IEnumerable<SourceMessage> Messages(string file)
        {
            using var stream = Open(file);
            using var entries = new MboxReader(stream, file).Messages().GetEnumerator();
            while (Next(entries, file))
            {
                var entry = entries.Current;
                var headers = LoadHeaders(entry.Bytes);
                var locator = $"message {entry.Ordinal} at offset {entry.Offset:N0}";
                yield return ArchiveItems.Message((uint)entry.Ordinal, locator, headers["Subject"], MailboxStatus.FlagsOf(headers), MailboxStatus.DateOf(headers), output =>
                {
                    using var crlf = new CrlfStream(output);
                    crlf.Write(entry.Bytes, 0, entry.Bytes.Length);
                    return entry.LeftOut;
                });
            }
        }

        private static Stream Open(string file)
        {
            try
            {
                return File.OpenRead(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ArchiveFormatException($"'{file}' cannot be read: {e.Message}", e);
            }
        }

        /// <summary>Moves to the next message; a read error of the disk ends the folder with an <see cref="ArchiveFormatException"/>.</summary>
        private static bool Next(IEnumerator<MboxEntry> entries, string file)
        {
            try
            {
                return entries.MoveNext();
            }
            catch (IOException e)
            {
                throw new ArchiveFormatException($"'{file}' could not be read further: {e.Message}", e);
            }
        }

        private static HeaderList LoadHeaders(byte[] bytes)
        {
            try
            {
                return HeaderList.Load(new MemoryStream(bytes, writable: false));
            }
            catch (FormatException)
            {
                return new HeaderList();
            }
        }
    }
}
