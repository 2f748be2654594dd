using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A PST, mbox or .eml file (or a folder of them) as a mail source (see <see cref="ArchiveItems"/> for its keys and damage).</summary>
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
            return Task.FromResult(archive.Folders);
        }

        public void Dispose() => archive?.Dispose();

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
    }
}
