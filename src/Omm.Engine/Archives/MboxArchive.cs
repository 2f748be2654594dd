using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;
using Omm.Engine.Folders;

namespace Omm.Engine.Archives
{
    /// <summary>
    /// An mbox file (one folder named after the file, "Inbox" going to INBOX), or a folder of *.mbox
    /// files. Messages keep their bytes (line ends made CRLF); flags come from Status/X-Status or
    /// X-Mozilla-Status headers.
    /// </summary>
    public sealed class MboxArchive : IMailArchive
    {
        public MboxArchive(string path)
        {
            var files = File.Exists(path)
                ? new[] { path }
                : Directory.Exists(path)
                    ? Directory.EnumerateFiles(path, "*.mbox", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                    : throw new ArchiveFormatException($"'{path}' does not exist.");
            Folders = files.Select(Folder).ToList();
        }

        public IReadOnlyList<ArchiveFolder> Folders { get; }

        public void Dispose()
        {
        }

        private static ArchiveFolder Folder(string file)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var role = WellKnownFolderNames.Guess(name, out _);
            if (string.Equals(name, "Inbox", StringComparison.OrdinalIgnoreCase))
                role = FolderRole.Inbox;
            return new ArchiveFolder(role == FolderRole.Inbox ? "INBOX" : name, role, Count(file), () => Messages(file));
        }

        private static int Count(string file)
        {
            try
            {
                using var stream = File.OpenRead(file);
                return new MboxReader(stream, file).Messages().Count();
            }
            catch (ArchiveFormatException)
            {
                return 0;
            }
        }

        private static IEnumerable<ArchiveMessage> Messages(string file)
        {
            using var stream = File.OpenRead(file);
            uint ordinal = 0;
            foreach (var bytes in new MboxReader(stream, file).Messages())
            {
                ordinal++;
                HeaderList headers;
                try
                {
                    headers = HeaderList.Load(new MemoryStream(bytes, writable: false));
                }
                catch (FormatException)
                {
                    headers = new HeaderList();
                }

                yield return new ArchiveMessage(ordinal, headers["Subject"], MailboxStatus.FlagsOf(headers), MailboxStatus.DateOf(headers), output =>
                {
                    using var crlf = new CrlfStream(output);
                    crlf.Write(bytes, 0, bytes.Length);
                });
            }
        }
    }
}
