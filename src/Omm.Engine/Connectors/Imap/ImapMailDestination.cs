using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>An IMAP account as a destination of mail: one connection, its personal namespace's folders.</summary>
    internal sealed class ImapMailDestination : IMailDestination
    {
        private readonly AccountEndpoint side;
        private readonly MessageSpool spool;
        private ImapClient? client;
        private ImapFolderTree? tree;

        public ImapMailDestination(AccountEndpoint side, MessageSpool spool)
        {
            this.side = side;
            this.spool = spool;
        }

        private ImapClient Client => client ?? throw new InvalidOperationException("OpenAsync first.");

        private ImapFolderTree Tree => tree ?? throw new InvalidOperationException("OpenAsync first.");

        public async Task<MailDestinationTree> OpenAsync(CancellationToken cancellationToken)
        {
            if (client == null)
                client = await ImapConnector.ConnectAsync(side, spool, cancellationToken).ConfigureAwait(false);
            if (tree == null)
                tree = await LoadTreeAsync(withCounts: false, cancellationToken).ConfigureAwait(false);
            return new MailDestinationTree(tree.Namespace, tree.RoleFolders);
        }

        public async Task<EnsuredFolder> EnsureFolderAsync(string path, bool holdsMessages, CancellationToken cancellationToken)
        {
            try
            {
                var parents = new List<string>();
                var (folder, created) = await ImapFailures.OnSideAsync(side, $"creating the folder '{path}'",
                    () => Tree.EnsureAsync(path, holdsMessages, parents, cancellationToken)).ConfigureAwait(false);
                return new EnsuredFolder(new ImapDestinationFolder(side, Client, folder), created, parents);
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                throw ImapFailures.Refused(side, e);
            }
        }

        public async Task<IMailDestinationFolder?> FindFolderAsync(string path, CancellationToken cancellationToken)
        {
            var folder = await ImapFailures.OnSideAsync(side, $"looking for the folder '{path}'", () => Tree.FindAsync(path, cancellationToken)).ConfigureAwait(false);
            return folder == null ? null : new ImapDestinationFolder(side, Client, folder);
        }

        public async Task<IReadOnlyList<(string Path, int? Count)>> ListFoldersAsync(CancellationToken cancellationToken)
        {
            tree = await LoadTreeAsync(withCounts: true, cancellationToken).ConfigureAwait(false);
            return tree.Folders.Select(f => (f.FullName, tree.CountOf(f))).ToList();
        }

        public async Task DeleteFolderAsync(string path, CancellationToken cancellationToken)
        {
            var folder = Tree.Find(path) ?? throw new RefusedException($"There is no folder '{path}'.");
            try
            {
                await ImapFailures.OnSideAsync(side, $"deleting the folder '{path}'", () => folder.DeleteAsync(cancellationToken)).ConfigureAwait(false);
            }
            catch (ImapCommandException e)
            {
                throw ImapFailures.Refused(side, e);
            }
        }

        public async Task CloseAsync()
        {
            if (client != null)
                await ImapFailures.DisconnectQuietlyAsync(client).ConfigureAwait(false);
        }

        public void Dispose() => client?.Dispose();

        private Task<ImapFolderTree> LoadTreeAsync(bool withCounts, CancellationToken cancellationToken) =>
            ImapFailures.OnSideAsync(side, "listing its folders", () => ImapFolderTree.LoadAsync(Client, withCounts, cancellationToken));
    }
}
