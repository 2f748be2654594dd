using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// One .eml file (into INBOX), or a folder tree of them: the top folder's files go into INBOX, each
    /// subfolder becomes a folder of the same name. Bytes are kept, with line ends made CRLF. A file that
    /// cannot be read, or is not a message, is an item error of its folder; a folder that cannot be listed
    /// is an error of that folder; links to folders are not followed (a warning), since they can loop.
    /// </summary>
    public sealed class EmlArchive : IMailArchive
    {
        private static readonly IReadOnlyList<string> NothingLeftOut = Array.Empty<string>();

        /// <summary>Enough of a file's start to see whether it starts like a message (a header field name is far shorter).</summary>
        private const int StartLength = 128;

        public EmlArchive(string path)
        {
            var folders = new List<(string Path, FolderRole Role, List<string> Files, List<ArchiveProblem> Problems)>();
            if (File.Exists(path))
            {
                folders.Add(("INBOX", FolderRole.Inbox, new List<string> { path }, new List<ArchiveProblem>()));
            }
            else if (Directory.Exists(path))
            {
                var problems = new Dictionary<string, List<ArchiveProblem>>(StringComparer.Ordinal);
                var directories = new List<string>();
                Walk(path, directories, problems);
                folders.Add(("INBOX", FolderRole.Inbox, Files(path, problems[path]), problems[path]));
                foreach (var directory in directories.OrderBy(d => d, StringComparer.Ordinal))
                {
                    var relative = directory.Substring(path.Length).Trim(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                        .Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');
                    var role = relative.IndexOf('/') < 0 ? WellKnownFolderNames.Guess(relative, out _) : FolderRole.None;
                    folders.Add((role == FolderRole.Inbox ? "INBOX" : relative, role, Files(directory, problems[directory]), problems[directory]));
                }
            }
            else
            {
                throw new ArchiveFormatException($"'{path}' does not exist.");
            }

            // The top folder's files and an "Inbox" subfolder's both go into INBOX: one folder, so that their keys are told apart.
            Folders = folders.GroupBy(f => f.Path, StringComparer.Ordinal)
                .Select(g => Folder(g.Key, g.First().Role, g.SelectMany(f => f.Files).ToList(), g.SelectMany(f => f.Problems).ToList()))
                .ToList();
        }

        public IReadOnlyList<SourceFolder> Folders { get; }

        public void Dispose()
        {
        }

        /// <summary>Every folder below <paramref name="directory"/>; links to folders are reported, not followed.</summary>
        private static void Walk(string directory, List<string> found, Dictionary<string, List<ArchiveProblem>> problems)
        {
            var own = ProblemsOf(problems, directory);
            string[] children;
            try
            {
                children = Directory.GetDirectories(directory);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                own.Add(new ArchiveProblem(ItemErrorType.Error, "(subfolders)", $"The subfolders of '{directory}' cannot be listed: {e.Message} They were not imported."));
                return;
            }

            foreach (var child in children.OrderBy(c => c, StringComparer.Ordinal))
            {
                if (IsLink(child))
                {
                    own.Add(new ArchiveProblem(ItemErrorType.Warning, Path.GetFileName(child),
                        $"'{child}' is a link to a folder; links are not followed (they can lead in a circle), so what it points to was not imported. Import it on its own if it is wanted."));
                    continue;
                }

                found.Add(child);
                Walk(child, found, problems);
            }
        }

        private static bool IsLink(string directory)
        {
            try
            {
                return (File.GetAttributes(directory) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static List<ArchiveProblem> ProblemsOf(Dictionary<string, List<ArchiveProblem>> problems, string directory)
        {
            if (!problems.TryGetValue(directory, out var list))
                problems[directory] = list = new List<ArchiveProblem>();
            return list;
        }

        /// <summary>The folder's .eml files (the extension in any case), in ordinal order; other files are not messages and are not read.</summary>
        private static List<string> Files(string directory, List<ArchiveProblem> problems)
        {
            try
            {
                return Directory.GetFiles(directory)
                    .Where(f => string.Equals(Path.GetExtension(f), ".eml", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                problems.Add(new ArchiveProblem(ItemErrorType.Error, "(folder)", $"The files of '{directory}' cannot be listed: {e.Message} They were not imported."));
                return new List<string>();
            }
        }

        private static SourceFolder Folder(string path, FolderRole role, List<string> files, IReadOnlyList<ArchiveProblem> problems)
        {
            var names = files.Select(f => Path.GetFileName(f)).ToList();
            var keys = NameKeys.Of(names);
            return ArchiveItems.Folder(path, role, files.Count, () => files.Select((file, i) => Message(file, names[i], keys[i])), problems: problems);
        }

        private static SourceMessage Message(string file, string name, uint key)
        {
            var locator = $"file '{name}'";
            HeaderList headers;
            try
            {
                using var stream = File.OpenRead(file);
                var notAMessage = NotAMessage(stream);
                if (notAMessage != null)
                    return ArchiveItems.Unreadable(key, locator, null, $"The file '{file}' is not a message: {notAMessage}.");
                stream.Position = 0;
                headers = LoadHeaders(stream);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return ArchiveItems.Unreadable(key, locator, null, $"The file '{file}' cannot be read: {e.Message}");
            }

            var date = MailboxStatus.DateOf(headers) ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file));
            return ArchiveItems.Message(key, locator, headers["Subject"], MailboxStatus.FlagsOf(headers), date, output =>
            {
                try
                {
                    using var input = File.OpenRead(file);
                    using var crlf = new CrlfStream(output);
                    input.CopyTo(crlf);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new ArchiveFormatException($"The file '{file}' cannot be read: {e.Message}", e);
                }

                return NothingLeftOut;
            });
        }

        /// <summary>Why the file is not a message (empty, or not starting with a header field or an mbox postmark); null when it starts like one.</summary>
        private static string? NotAMessage(Stream stream)
        {
            var start = new byte[StartLength];
            var length = 0;
            int read;
            while (length < start.Length && (read = stream.Read(start, length, start.Length - length)) > 0)
                length += read;
            if (length == 0)
                return "it is empty (0 bytes)";
            var offset = length >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF ? 3 : 0;
            if (HeaderLine.IsField(start, offset, length - offset) || MboxReader.IsPostmarkStart(start, offset, length - offset))
                return null;
            return "it does not start with a header field such as \"From:\" or \"Subject:\"" + (Array.IndexOf(start, (byte)0, 0, length) >= 0 ? " (it holds NUL bytes: a binary file)" : "");
        }

        private static HeaderList LoadHeaders(Stream stream)
        {
            try
            {
                return HeaderList.Load(stream);
            }
            catch (FormatException)
            {
                return new HeaderList();
            }
        }
    }
}
