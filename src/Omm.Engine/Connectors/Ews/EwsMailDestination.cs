using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// An Exchange mailbox as a destination of mail, through EWS: folders below the top of information store by path
    /// ('/' between levels, the inbox "INBOX"), messages created from their MIME and known by their ItemIds.
    /// </summary>
    internal sealed class EwsMailDestination : IMailDestination
    {
        private readonly EwsClient client;
        private EwsMailboxFolders? folders;

        public EwsMailDestination(AccountEndpoint side, string? impersonatedMailbox = null)
        {
            client = new EwsClient(side, impersonatedMailbox);
        }

        internal EwsMailDestination(EwsClient client)
        {
            this.client = client;
        }

        private EwsMailboxFolders Folders => folders ?? throw new InvalidOperationException("OpenAsync first.");

        public async Task<MailDestinationTree> OpenAsync(CancellationToken cancellationToken)
        {
            folders ??= await LoadAsync(cancellationToken).ConfigureAwait(false);
            return new MailDestinationTree(new MailboxNamespace(string.Empty, '/'), folders.RolePaths());
        }

        public async Task<EnsuredFolder> EnsureFolderAsync(string path, bool holdsMessages, CancellationToken cancellationToken)
        {
            if (Folders.Find(path) is EwsFolder existing)
                return new EnsuredFolder(new EwsDestinationFolder(client, path, existing.Id), false);
            var levels = path.Split('/');
            var parentId = Folders.RootId;
            var created = false;
            var parents = new List<string>();
            for (var depth = 1; depth <= levels.Length; depth++)
            {
                var levelPath = string.Join("/", levels.Take(depth));
                if (Folders.Find(levelPath) is EwsFolder level)
                {
                    parentId = level.Id;
                    continue;
                }

                EwsFolder made;
                try
                {
                    made = await EwsFolderCalls.CreateAsync(client, parentId, levels[depth - 1], "IPF.Note", cancellationToken).ConfigureAwait(false);
                    created = depth == levels.Length;
                    if (!created)
                        parents.Add(levelPath);
                }
                catch (EwsException e) when (e.ResponseCode == "ErrorFolderExists")
                {
                    // Made meanwhile by another session: take it.
                    folders = await LoadAsync(cancellationToken).ConfigureAwait(false);
                    made = Folders.Find(levelPath) ?? throw new RefusedException($"Exchange says the folder '{levelPath}' exists, but does not list it.", e);
                }
                catch (EwsException e)
                {
                    throw new RefusedException($"Exchange refused to create the folder '{levelPath}' ({e.ResponseCode}: {e.Message}).", e);
                }
                catch (FormatException e)
                {
                    throw EwsFailures.Garbled(client.Endpoint, $"creating the folder '{levelPath}'", e);
                }

                Folders.Add(made, levelPath);
                parentId = made.Id;
            }

            return new EnsuredFolder(new EwsDestinationFolder(client, path, parentId), created, parents);
        }

        public async Task<IMailDestinationFolder?> FindFolderAsync(string path, CancellationToken cancellationToken)
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            return Folders.Find(path) is EwsFolder folder ? new EwsDestinationFolder(client, path, folder.Id) : null;
        }

        public async Task<IReadOnlyList<(string Path, int? Count)>> ListFoldersAsync(CancellationToken cancellationToken)
        {
            folders = await LoadAsync(cancellationToken).ConfigureAwait(false);
            return folders.Folders.Where(f => f.HoldsMail && !folders.IsSkipped(f))
                .Select(f => (folders.PathOf(f.Id)!, f.TotalCount)).ToList();
        }

        public async Task DeleteFolderAsync(string path, CancellationToken cancellationToken)
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            var folder = Folders.Find(path) ?? throw new RefusedException($"There is no folder '{path}'.");
            try
            {
                await EwsFolderCalls.DeleteAsync(client, folder.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (EwsException e)
            {
                throw new RefusedException($"Exchange refused to delete the folder '{path}' ({e.ResponseCode}: {e.Message}).", e);
            }

            folders = null;
        }

        public Task CloseAsync() => Task.CompletedTask;

        public void Dispose() => client.Dispose();

        private Task<EwsMailboxFolders> LoadAsync(CancellationToken cancellationToken) => EwsMailboxFolders.LoadAsync(client, cancellationToken);
    }
}
