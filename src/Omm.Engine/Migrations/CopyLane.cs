using System;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Connectors;
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
        private readonly IMailDestination destination;
        private readonly Endpoints.AccountEndpoint sourceEndpoint;

        /// <param name="destination">A session of its own on the destination, opened.</param>
        public CopyLane(ImapClient source, Endpoints.AccountEndpoint sourceEndpoint, IMailDestination destination)
        {
            this.source = source;
            this.destination = destination;
            this.sourceEndpoint = sourceEndpoint;
        }

        public ImapFolder? SourceFolder { get; private set; }

        public IMailDestinationFolder? DestinationFolder { get; private set; }

        /// <summary>Opens the folder pair on this lane's connections (source read-only); false when either side refuses.</summary>
        /// <exception cref="MigrationFailedException">A connection broke, naming its side.</exception>
        public async Task<bool> OpenAsync(string sourceFolder, string destinationFolder, CancellationToken stopToken)
        {
            try
            {
                var from = (ImapFolder)await OpenOnSideAsync(source, sourceEndpoint, sourceFolder, FolderAccess.ReadOnly, stopToken).ConfigureAwait(false);
                var to = await destination.FindFolderAsync(destinationFolder, stopToken).ConfigureAwait(false);
                if (to == null)
                    return false;
                await to.OpenAsync(stopToken).ConfigureAwait(false);
                (SourceFolder, DestinationFolder) = (from, to);
                return true;
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e) || e is RefusedException)
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
            await destination.CloseAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
            source.Dispose();
            destination.Dispose();
        }
    }
}
