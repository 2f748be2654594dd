using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using Omm.Engine.Connectors;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One pass of mail from an IMAP account into an <see cref="IMailDestination"/>: every folder, created where missing,
    /// then each folder synchronised by <see cref="ImapFolderSync"/>, with more connection pairs (<see cref="CopyLanes"/>)
    /// where a folder has much to copy.
    /// </summary>
    internal sealed class ImapMailPass : MailPass
    {
        public ImapMailPass(StateStore store, string migrationId, int syncPoint, AccountEndpoint source, AccountEndpoint destination,
            IMigrationObserver observer, MessageSpool spool, FolderFilter filter, int connections, Func<IMailDestination> openDestination)
            : base(store, migrationId, syncPoint, source, destination, observer, spool, filter)
        {
            this.connections = connections;
            this.openDestination = openDestination;
        }

        private readonly int connections;
        private readonly Func<IMailDestination> openDestination;

        /// <summary>Overrides <see cref="PassContext.IdentitySlice"/> (tests).</summary>
        public int? IdentitySlice { get; set; }

        /// <returns>True when every folder was gone through; false when stopped on request.</returns>
        public override async Task<bool> RunAsync(CancellationToken stopToken)
        {
            using var sourceClient = await ImapConnector.ConnectAsync(Source, Spool, stopToken).ConfigureAwait(false);
            Observer.OnVerbose($"Logged in to the source {Source.Server} as {Source.Account}.");
            using var destination = openDestination();
            var destinationTree = await destination.OpenAsync(stopToken).ConfigureAwait(false);
            Observer.OnVerbose($"Logged in to the destination {Destination.Server} as {Destination.Account}.");

            var sourceTree = await ImapFailures.OnSideAsync(Source, "listing its folders",
                () => ImapFolderTree.LoadAsync(sourceClient, withCounts: true, stopToken)).ConfigureAwait(false);
            var elsewhere = sourceClient.SharedNamespaces.Concat(sourceClient.OtherNamespaces).Select(n => $"'{n.Path}'").ToList();
            if (elsewhere.Count > 0)
                Observer.OnVerbose($"The source's shared and other users' folders (namespaces {string.Join(", ", elsewhere)}) are not migrated: only the account's own are.");
            var folders = sourceTree.Folders.Where(f => Filter.Takes(f.FullName) && !ImapViewFolders.IsView(f)).ToList();
            foreach (var view in sourceTree.Folders.Where(ImapViewFolders.IsView))
            {
                if (Filter.Names(view.FullName))
                    folders.Add(view);
                else if (Filter.Takes(view.FullName))
                    ReportView(view, sourceTree.CountOf(view));
            }

            var filtered = sourceTree.Folders.Count(f => !Filter.Takes(f.FullName));
            if (filtered > 0)
                Observer.OnVerbose($"{filtered} source folders are left out by the folder filter.");
            var mapper = new FolderPathMapper(sourceTree.Namespace, destinationTree.Namespace, sourceTree.Roles, destinationTree.RoleFolders,
                Store.FolderPairings(MigrationId), folders.Select(f => f.FullName));
            var total = folders.Where(ImapFolderTree.CanHoldMessages).Sum(f => (long)System.Math.Max(0, sourceTree.CountOf(f) ?? 0));
            Store.SetToMigrate(MigrationId, ItemType.Mail, total);
            var progress = new ProgressReporter(Observer, MigrationId, Source.Account, Destination.Account);
            progress.Start(total, folders.Count);
            using var lanes = new CopyLanes(Source, openDestination, Spool, Observer, connections);
            var pass = new PassContext(Store, MigrationId, SyncPoint, Observer, progress,
                new ImapMailbox(Source, sourceClient, sourceTree), Destination, destination, lanes)
            {
                Pacer = Pacer,
                Batches = Batches.Within(Pacer),
                Poison = Poison,
            };
            if (IdentitySlice.HasValue)
                pass.IdentitySlice = IdentitySlice.Value;

            var completed = true;
            foreach (var folder in folders)
            {
                if (stopToken.IsCancellationRequested)
                {
                    completed = false;
                    break;
                }

                completed = await SyncFolderAsync(pass, folder, mapper.Map(folder.FullName), stopToken).ConfigureAwait(false);
                if (!completed)
                    break;
            }

            progress.Finish();
            await lanes.DisconnectAsync().ConfigureAwait(false);
            await ImapFailures.DisconnectQuietlyAsync(sourceClient).ConfigureAwait(false);
            await destination.CloseAsync().ConfigureAwait(false);
            return completed;
        }

        /// <summary>
        /// Says why a view folder is left out: on the first pass as a warning when it may hold mail found nowhere else
        /// (\All), else in the verbose stream.
        /// </summary>
        private void ReportView(IMailFolder view, int? count)
        {
            var text = $"The source folder '{view.FullName}'{(count is int n ? $" ({n} messages)" : string.Empty)} is left out: {ImapViewFolders.Reason(view)}. " +
                       $"Give -IncludeFolder '*', '{view.FullName}' to copy it as a folder of its own.";
            if ((view.Attributes & FolderAttributes.All) != 0 && SyncPoint == 1)
                Observer.OnWarning(text);
            else
                Observer.OnVerbose(text);
        }

        private async Task<bool> SyncFolderAsync(PassContext pass, IMailFolder folder, MappedFolder mapped, CancellationToken stopToken)
        {
            IMailDestinationFolder target;
            bool created;
            try
            {
                var ensured = await pass.Destination.EnsureFolderAsync(mapped.DestinationPath, ImapFolderTree.CanHoldMessages(folder), stopToken).ConfigureAwait(false);
                (target, created) = ensured;
                pass.RecordCreatedParents(ensured);
            }
            catch (RefusedException e)
            {
                pass.Record(ItemErrorType.Error, folder.FullName, "(folder)",
                    $"The destination refused to create the folder '{mapped.DestinationPath}': {e.Message} Its messages were not copied.");
                return true;
            }

            Observer.OnVerbose(created
                ? $"Created '{target.Path}' on the destination for '{folder.FullName}'."
                : $"'{folder.FullName}' goes into the existing '{target.Path}'.");
            if (mapped.NameChanged)
                pass.Record(ItemErrorType.Warning, folder.FullName, "(folder)", mapped.RenameWarning(folder.FullName, target.Path));

            if (ImapFolderTree.CanHoldMessages(folder))
                return await new ImapFolderSync(pass, folder, target, created).RunAsync(stopToken).ConfigureAwait(false);

            var known = Store.GetFolder(MigrationId, folder.FullName);
            if (known == null)
                Store.SaveFolder(MigrationId, new FolderState(folder.FullName, target.Path, created ? SyncPoint : (int?)null, null, null));
            pass.Progress.StartFolder(folder.FullName, 0);
            return true;
        }
    }
}
