using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A PST, mbox or .eml file (or a folder of them) as a mail source. A message's key is its key in the archive.</summary>
    public sealed class ArchiveMailSource : IMailSource
    {
        private readonly string path;
        private IMailArchive? archive;

        public ArchiveMailSource(string path)
        {
            this.path = path;
        }

        public Task<IReadOnlyList<SourceFolder>> OpenAsync(CancellationToken cancellationToken)
        {
            archive?.Dispose();
            archive = Open(path);
            IReadOnlyList<SourceFolder> folders = archive.Folders
                .Select(f => new SourceFolder(f.Path, f.Role, f.Count, () => MessagesOf(f), f.PathNotes, f.Problems))
                .ToList();
            return Task.FromResult(folders);
        }

        public void Dispose() => archive?.Dispose();

        /// <summary>The key a message of an archive has in the state: its archive key in decimal.</summary>
        public static string KeyOf(uint archiveKey) => archiveKey.ToString(CultureInfo.InvariantCulture);

        private static IMailArchive Open(string path)
        {
            try
            {
                return ArchiveOpener.Open(path);
            }
            catch (ArchiveFormatException e)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, e.Message, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MigrationFailedException(FailureKind.InvalidSource, $"'{path}' cannot be read: {e.Message}", e);
            }
        }

        private static IEnumerable<SourceMessage> MessagesOf(ArchiveFolder folder)
        {
            using var messages = folder.Messages().GetEnumerator();
            while (true)
            {
                try
                {
                    if (!messages.MoveNext())
                        yield break;
                }
                catch (ArchiveFormatException e)
                {
                    throw new UnreadableFolderException(e.Message, e);
                }

                var message = messages.Current;
                yield return new SourceMessage(KeyOf(message.Key), message.Locator, message.Subject, message.Flags, message.InternalDate,
                    (output, _) => Task.FromResult(Read(message, output)));
            }
        }

        private static MessageReading Read(ArchiveMessage message, Stream output)
        {
            try
            {
                return new MessageReading(message.WriteTo(output), message.InternalDate);
            }
            catch (Exception e) when (e is ArchiveFormatException || e is FormatException || e is IOException || e is UnauthorizedAccessException
                                      || e is InvalidOperationException)
            {
                throw new UnreadableItemException(e.Message, e);
            }
        }
    }
}
