using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// An Exchange mailbox as a mail source, through EWS: its mail folders (IPF.Note) below the top of information store but
    /// the Outbox and Sync Issues; messages listed by SyncFolderItems, whose sync state is the folder's cursor (a sync asks
    /// only what changed), and read as MIME ten to a GetItem. Exchange makes that MIME from its store, so it is the message as
    /// Exchange holds it, not the bytes it once received.
    /// </summary>
    internal sealed class EwsMailSource : IMailSource
    {
        private readonly EwsClient client;

        public EwsMailSource(AccountEndpoint side, string? impersonatedMailbox = null)
        {
            client = new EwsClient(side, impersonatedMailbox);
        }

        internal EwsMailSource(EwsClient client)
        {
            this.client = client;
        }

        public async Task<IReadOnlyList<SourceFolder>> OpenAsync(CancellationToken cancellationToken)
        {
            var tree = await EwsMailboxFolders.LoadAsync(client, cancellationToken).ConfigureAwait(false);

            return tree.Folders.Where(f => f.HoldsMail && !tree.IsSkipped(f)).Select(f =>
            {
                var path = tree.PathOf(f.Id)!;
                var listing = new EwsFolderListing(client, f.Id, path);
                return new SourceFolder(path, tree.RoleOf(f), f.TotalCount ?? 0, listing.Since, () => listing.Cursor,
                    tree.Notes.TryGetValue(path, out var notes) ? notes : null);
            }).ToList();
        }

        public void Dispose() => client.Dispose();

        /// <summary>One folder's listing: the changes since a sync state, and the state once they were all gone through.</summary>
        private sealed class EwsFolderListing
        {
            private readonly EwsClient client;
            private readonly string folderId;
            private readonly string path;
            private readonly EwsReadAhead readAhead;

            public EwsFolderListing(EwsClient client, string folderId, string path)
            {
                this.client = client;
                this.folderId = folderId;
                this.path = path;
                readAhead = new EwsReadAhead(client);
            }

            /// <summary>Null until every change was listed.</summary>
            public string? Cursor { get; private set; }

            public IEnumerable<SourceMessage> Since(string? syncState)
            {
                Cursor = null;
                var state = syncState;
                for (var first = true; ; first = false)
                {
                    var page = first && state != null ? FirstPage(state) : Wait(EwsSyncCall.NextAsync(client, folderId, state, CancellationToken.None));
                    try
                    {
                        for (var index = 0; index < page.Changed.Count; index++)
                            yield return Message(page.Changed, index);
                        if (page.ReadChanged.Count > 0)
                        {
                            var read = Wait(EwsItemCalls.GetAsync(client, page.ReadChanged, CancellationToken.None)).OfType<EwsMailItem>().ToList();
                            for (var index = 0; index < read.Count; index++)
                                yield return Message(read, index);
                        }
                    }
                    finally
                    {
                        readAhead.Drop();
                    }

                    state = page.SyncState;
                    if (page.Last)
                        break;
                }

                Cursor = state;
            }

            /// <summary>The first page after a stored state; a state Exchange no longer takes means listing everything again.</summary>
            private EwsSyncPage FirstPage(string state)
            {
                try
                {
                    return Wait(EwsSyncCall.NextAsync(client, folderId, state, CancellationToken.None));
                }
                catch (UnreadableFolderException e) when (e.InnerException is EwsException refusal
                                                          && (refusal.ResponseCode == "ErrorInvalidSyncStateData" || refusal.ResponseCode == "ErrorInvalidSyncState"))
                {
                    return Wait(EwsSyncCall.NextAsync(client, folderId, null, CancellationToken.None));
                }
            }

            private SourceMessage Message(IReadOnlyList<EwsMailItem> listed, int index)
            {
                var item = listed[index];
                return new SourceMessage(item.Id, $"item {Short(item.Id)}", item.Subject, item.Flags, item.Received,
                    (output, cancellationToken) => ReadAsync(listed, index, output, cancellationToken), item.Keywords, new EwsExportedItem(client, item.Id));
            }

            private async Task<MessageReading> ReadAsync(IReadOnlyList<EwsMailItem> listed, int index, Stream output, CancellationToken cancellationToken)
            {
                await readAhead.ReadAsync(listed, index, output, cancellationToken).ConfigureAwait(false);
                return new MessageReading(Array.Empty<string>(), listed[index].Received);
            }

            /// <summary>The folder is listed as the pass goes through it (the listing is a plain enumeration).</summary>
            private T Wait<T>(Task<T> call)
            {
                try
                {
                    return call.ConfigureAwait(false).GetAwaiter().GetResult();
                }
                catch (EwsException e) when (e.ResponseCode == "ErrorFolderNotFound" || e.ResponseCode == "ErrorItemNotFound")
                {
                    throw new UnreadableFolderException($"The folder '{path}' is gone from the source ({e.ResponseCode}).", e);
                }
                catch (EwsException e)
                {
                    throw new UnreadableFolderException($"Exchange refused to list '{path}' ({e.ResponseCode}: {e.Message}).", e);
                }
                catch (FormatException e)
                {
                    throw EwsFailures.Garbled(client.Endpoint, $"listing '{path}'", e);
                }
            }

            private static string Short(string id) => id.Length <= 16 ? id : "…" + id.Substring(id.Length - 16);
        }
    }
}
