using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Imap;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One more connection to each side, so that a folder's batches are read and appended by several
    /// server sessions at once: a single session is bound by one server process (and one core) per side.
    /// </summary>
    internal sealed class CopyLane : IDisposable
    {
        private readonly ImapClient source;
        private readonly ImapClient destination;

        public CopyLane(ImapClient source, ImapClient destination)
        {
            this.source = source;
            this.destination = destination;
        }

        public ImapFolder? SourceFolder { get; private set; }

        public IMailFolder? DestinationFolder { get; private set; }

        /// <summary>Opens the folder pair on this lane's connections (source read-only); false when either side refuses.</summary>
        public async Task<bool> OpenAsync(string sourceFolder, string destinationFolder, CancellationToken stopToken)
        {
            try
            {
                var from = (ImapFolder)await source.GetFolderAsync(sourceFolder, stopToken).ConfigureAwait(false);
                await from.OpenAsync(FolderAccess.ReadOnly, stopToken).ConfigureAwait(false);
                var to = await destination.GetFolderAsync(destinationFolder, stopToken).ConfigureAwait(false);
                await to.OpenAsync(FolderAccess.ReadWrite, stopToken).ConfigureAwait(false);
                (SourceFolder, DestinationFolder) = (from, to);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e) || e is FolderNotFoundException)
            {
                return false;
            }
        }

        public async Task DisconnectAsync()
        {
            await ImapFailures.DisconnectQuietlyAsync(source).ConfigureAwait(false);
            await ImapFailures.DisconnectQuietlyAsync(destination).ConfigureAwait(false);
        }

        public void Dispose()
        {
            source.Dispose();
            destination.Dispose();
        }
    }
}
