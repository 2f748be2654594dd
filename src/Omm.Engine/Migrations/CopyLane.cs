using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Connectors.Imap;

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
        private readonly Endpoints.AccountEndpoint sourceEndpoint;
        private readonly Endpoints.AccountEndpoint destinationEndpoint;

        public CopyLane(ImapClient source, Endpoints.AccountEndpoint sourceEndpoint, ImapClient destination, Endpoints.AccountEndpoint destinationEndpoint)
        {
            this.source = source;
            this.destination = destination;
            this.sourceEndpoint = sourceEndpoint;
            this.destinationEndpoint = destinationEndpoint;
        }

        public ImapFolder? SourceFolder { get; private set; }

        public IMailFolder? DestinationFolder { get; private set; }

        /// <summary>Opens the folder pair on this lane's connections (source read-only); false when either side refuses.</summary>
        /// <exception cref="MigrationFailedException">A connection broke, naming its side.</exception>
        public async Task<bool> OpenAsync(string sourceFolder, string destinationFolder, CancellationToken stopToken)
        {
            try
            {
                var from = (ImapFolder)await OpenOnSideAsync(source, sourceEndpoint, sourceFolder, FolderAccess.ReadOnly, stopToken).ConfigureAwait(false);
                var to = await OpenOnSideAsync(destination, destinationEndpoint, destinationFolder, FolderAccess.ReadWrite, stopToken).ConfigureAwait(false);
                (SourceFolder, DestinationFolder) = (from, to);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e) || e is FolderNotFoundException)
            {
                return false;
            }
        }

        private static Task<IMailFolder> OpenOnSideAsync(ImapClient client, Endpoints.AccountEndpoint side, string name, FolderAccess access,
            CancellationToken stopToken) =>
            ImapFailures.OnSideAsync(side, $"opening '{name}' on another connection", async () =>
            {
                var folder = await client.GetFolderAsync(name, stopToken).ConfigureAwait(false);
                await folder.OpenAsync(access, stopToken).ConfigureAwait(false);
                return folder;
            });

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
