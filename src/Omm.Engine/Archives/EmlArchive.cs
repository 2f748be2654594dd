using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;
using Omm.Engine.Folders;

namespace Omm.Engine.Archives
{
    /// <summary>
    /// One .eml file (into INBOX), or a folder tree of them: the top folder's files go into INBOX, each
    /// subfolder becomes a folder of the same name. Bytes are kept, with line ends made CRLF.
    /// </summary>
    public sealed class EmlArchive : IMailArchive
    {
        public EmlArchive(string path)
        {
            var folders = new List<ArchiveFolder>();
            if (File.Exists(path))
            {
                folders.Add(Folder("INBOX", FolderRole.Inbox, new[] { path }));
            }
            else if (Directory.Exists(path))
            {
                folders.Add(Folder("INBOX", FolderRole.Inbox, Files(path)));
                foreach (var directory in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories).OrderBy(d => d, StringComparer.Ordinal))
                {
                    var relative = directory.Substring(path.Length).Trim(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                        .Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');
                    var role = relative.IndexOf('/') < 0 ? WellKnownFolderNames.Guess(relative, out _) : FolderRole.None;
                    folders.Add(Folder(role == FolderRole.Inbox ? "INBOX" : relative, role, Files(directory)));
                }
            }
            else
            {
                throw new ArchiveFormatException($"'{path}' does not exist.");
            }

            Folders = folders;
        }

        public IReadOnlyList<ArchiveFolder> Folders { get; }

        public void Dispose()
        {
        }

        private static IReadOnlyList<string> Files(string directory) =>
            Directory.EnumerateFiles(directory, "*.eml", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal).ToList();

        private static ArchiveFolder Folder(string path, FolderRole role, IReadOnlyList<string> files) =>
            new ArchiveFolder(path, role, files.Count, () => files.Select(file => Message(file)));

        private static ArchiveMessage Message(string file)
        {
            HeaderList headers;
            try
            {
                using var stream = File.OpenRead(file);
                headers = HeaderList.Load(stream);
            }
            catch (FormatException)
            {
                headers = new HeaderList();
            }

            var date = MailboxStatus.DateOf(headers) ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file));
            return new ArchiveMessage(StableKey.Of(Path.GetFileName(file)), headers["Subject"] ?? Path.GetFileName(file),
                MailboxStatus.FlagsOf(headers), date, output =>
                {
                    using var input = File.OpenRead(file);
                    using var crlf = new CrlfStream(output);
                    input.CopyTo(crlf);
                });
        }
    }
}
