using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One pass of mail from an IMAP account into another: every folder, every message not yet
    /// copied by this migration, byte for byte, with flags and INTERNALDATE.
    /// </summary>
    internal sealed class ImapMailPass
    {
        private const MessageSummaryItems SummaryItems =
            MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate
            | MessageSummaryItems.Size | MessageSummaryItems.Envelope;

        private readonly StateStore store;
        private readonly string migrationId;
        private readonly int syncPoint;
        private readonly MailEndpoint source;
        private readonly MailEndpoint destination;
        private readonly IMigrationObserver observer;
        private readonly MessageSpool spool;
        private readonly ProgressReporter progress;

        public ImapMailPass(StateStore store, string migrationId, int syncPoint, MailEndpoint source, MailEndpoint destination,
            IMigrationObserver observer, MessageSpool spool)
        {
            this.store = store;
            this.migrationId = migrationId;
            this.syncPoint = syncPoint;
            this.source = source;
            this.destination = destination;
            this.observer = observer;
            this.spool = spool;
            progress = new ProgressReporter(observer, migrationId, source.Account, destination.Account);
        }

        /// <returns>True when every folder was gone through; false when stopped on request.</returns>
        public async Task<bool> RunAsync(CancellationToken stopToken)
        {
            using var sourceClient = await ImapConnector.ConnectAsync(source, spool, stopToken).ConfigureAwait(false);
            observer.OnVerbose($"Logged in to the source {source.Server} as {source.Account}.");
            using var destinationClient = await ImapConnector.ConnectAsync(destination, spool, stopToken).ConfigureAwait(false);
            observer.OnVerbose($"Logged in to the destination {destination.Server} as {destination.Account}.");

            var sourceTree = await OnSide(source, "listing its folders", () => ImapFolderTree.LoadAsync(sourceClient, withCounts: true, stopToken)).ConfigureAwait(false);
            var destinationTree = await OnSide(destination, "listing its folders", () => ImapFolderTree.LoadAsync(destinationClient, withCounts: false, stopToken)).ConfigureAwait(false);
            var mapper = new FolderPathMapper(sourceTree.Namespace, destinationTree.Namespace, sourceTree.Roles, destinationTree.RoleFolders);

            var folders = sourceTree.Folders;
            var total = folders.Where(ImapFolderTree.CanHoldMessages).Sum(f => (long)Math.Max(0, f.Count));
            store.SetToMigrate(migrationId, ItemType.Mail, total);
            progress.Start(total, folders.Count);

            var completed = true;
            for (var i = 0; i < folders.Count && completed; i++)
            {
                if (stopToken.IsCancellationRequested)
                {
                    completed = false;
                    break;
                }

                var mapped = mapper.Map(folders[i].FullName);
                progress.StartFolder(folders[i].FullName, i + 1, ImapFolderTree.CanHoldMessages(folders[i]) ? Math.Max(0, folders[i].Count) : 0);
                completed = await CopyFolderAsync(folders[i], mapped, destinationTree, destinationClient, stopToken).ConfigureAwait(false);
            }

            progress.Finish();
            await DisconnectAsync(sourceClient).ConfigureAwait(false);
            await DisconnectAsync(destinationClient).ConfigureAwait(false);
            return completed;
        }

        private async Task<bool> CopyFolderAsync(IMailFolder sourceFolder, MappedFolder mapped, ImapFolderTree destinationTree,
            ImapClient destinationClient, CancellationToken stopToken)
        {
            var folderName = sourceFolder.FullName;
            IMailFolder destinationFolder;
            try
            {
                var (folder, created) = await OnSide(destination, $"creating the folder '{mapped.DestinationPath}'",
                    () => destinationTree.EnsureAsync(mapped.DestinationPath, stopToken)).ConfigureAwait(false);
                destinationFolder = folder;
                store.RecordFolder(migrationId, syncPoint, folderName, folder.FullName, created);
                observer.OnVerbose(created
                    ? $"Created '{folder.FullName}' on the destination for '{folderName}'."
                    : $"'{folderName}' goes into the existing '{folder.FullName}'.");
            }
            catch (ImapCommandException e)
            {
                RecordProblem(ItemErrorType.Error, folderName, "(folder)",
                    $"The destination refused to create the folder '{mapped.DestinationPath}': {e.Message} Its messages were not copied.");
                return true;
            }

            if (mapped.NameChanged)
                observer.OnVerbose($"'{folderName}' holds the destination's hierarchy separator; it became '{destinationFolder.FullName}'.");

            if (!ImapFolderTree.CanHoldMessages(sourceFolder))
                return true;

            uint uidValidity;
            IList<IMessageSummary> summaries;
            try
            {
                await OnSide(source, $"opening '{folderName}'", () => sourceFolder.OpenAsync(FolderAccess.ReadOnly, stopToken)).ConfigureAwait(false);
                uidValidity = sourceFolder.UidValidity;
                summaries = await OnSide(source, $"listing the messages of '{folderName}'",
                    () => sourceFolder.FetchAsync(0, -1, SummaryItems, stopToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ImapCommandException || e is FolderNotFoundException)
            {
                RecordProblem(ItemErrorType.Error, folderName, "(folder)", $"The source folder could not be read: {e.Message} Its messages were not copied.");
                return true;
            }

            var alreadyCopied = store.GetMigratedSourceUids(migrationId, folderName, uidValidity);
            try
            {
                await OnSide(destination, $"opening '{destinationFolder.FullName}'",
                    () => destinationFolder.OpenAsync(FolderAccess.ReadWrite, stopToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ImapCommandException || e is FolderNotFoundException)
            {
                RecordProblem(ItemErrorType.Error, folderName, "(folder)",
                    $"The destination folder '{destinationFolder.FullName}' could not be opened: {e.Message} Its messages were not copied.");
                return true;
            }

            var acceptsKeywords = (destinationFolder.PermanentFlags & MessageFlags.UserDefined) != 0;
            var appendLimit = destinationClient.AppendLimit;

            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                if (alreadyCopied.Contains(summary.UniqueId.Id))
                {
                    progress.Advance();
                    continue;
                }

                if (stopToken.IsCancellationRequested)
                    return false;

                await CopyMessageAsync(sourceFolder, uidValidity, summary, destinationFolder, acceptsKeywords, appendLimit, stopToken).ConfigureAwait(false);
                progress.Advance();
            }

            await OnSide(source, $"closing '{folderName}'", () => sourceFolder.CloseAsync(false, stopToken)).ConfigureAwait(false);
            return true;
        }

        private async Task CopyMessageAsync(IMailFolder sourceFolder, uint uidValidity, IMessageSummary summary, IMailFolder destinationFolder,
            bool acceptsKeywords, uint? appendLimit, CancellationToken stopToken)
        {
            var folderName = sourceFolder.FullName;
            var itemName = ItemName(summary);
            if (appendLimit.HasValue && summary.Size.HasValue && summary.Size.Value > appendLimit.Value)
            {
                RecordProblem(ItemErrorType.Error, folderName, itemName,
                    $"The message is {summary.Size.Value:N0} bytes; the destination accepts at most {appendLimit.Value:N0} (APPENDLIMIT).");
                return;
            }

            Stream raw;
            try
            {
                raw = await OnSide(source, $"reading a message of '{folderName}'",
                    () => sourceFolder.GetStreamAsync(summary.UniqueId, string.Empty, stopToken)).ConfigureAwait(false);
            }
            catch (MessageNotFoundException)
            {
                RecordProblem(ItemErrorType.Warning, folderName, itemName, "The message was deleted from the source during the migration; nothing was copied.");
                return;
            }
            catch (ImapCommandException e)
            {
                RecordProblem(ItemErrorType.Error, folderName, itemName, $"The source server would not return the message: {e.Message}");
                return;
            }

            using (raw)
            {
                var warnings = new List<ItemError>();
                MimeMessage message;
                try
                {
                    message = VerbatimMessage.Create(raw, out var exact);
                    if (!exact)
                        warnings.Add(Problem(ItemErrorType.Warning, folderName, itemName,
                            "The message is malformed (no empty line after its headers, or bare line feeds in them) and could not be sent byte for byte; it was copied as MimeKit re-wrote it."));
                }
                catch (Exception e) when (e is FormatException || e is ParseException)
                {
                    RecordProblem(ItemErrorType.Error, folderName, itemName, $"The message cannot be read: {e.Message}");
                    return;
                }

                var request = new AppendRequest(message, SystemFlags(summary.Flags)) { InternalDate = summary.InternalDate };
                if (summary.Keywords != null && summary.Keywords.Count > 0)
                {
                    if (acceptsKeywords)
                        request.Keywords = new HashSet<string>(summary.Keywords, StringComparer.Ordinal);
                    else
                        warnings.Add(Problem(ItemErrorType.Warning, folderName, itemName,
                            $"The keywords {string.Join(", ", summary.Keywords)} were not kept: the destination folder does not accept keywords."));
                }

                UniqueId? appended;
                try
                {
                    // Not cancellable: the item in hand is finished and recorded, even when a stop is requested.
                    appended = await OnSide(destination, $"appending to '{destinationFolder.FullName}'",
                        () => destinationFolder.AppendAsync(VerbatimMessage.AppendFormat, request, CancellationToken.None)).ConfigureAwait(false);
                }
                catch (ImapCommandException e)
                {
                    RecordProblem(ItemErrorType.Error, folderName, itemName, $"The destination refused the message: {e.Message}");
                    return;
                }

                store.RecordMigrated(
                    new MigratedMessage(migrationId, syncPoint, folderName, uidValidity, summary.UniqueId.Id, destinationFolder.FullName,
                        appended.HasValue ? (appended.Value.Validity != 0 ? appended.Value.Validity : destinationFolder.UidValidity) : (uint?)null,
                        appended?.Id, summary.Envelope?.MessageId, summary.Size ?? raw.Length, summary.InternalDate),
                    warnings);
                foreach (var warning in warnings)
                    observer.OnItemProblem(warning);
            }
        }

        private static MessageFlags SystemFlags(MessageFlags? flags) =>
            (flags ?? MessageFlags.None) & (MessageFlags.Seen | MessageFlags.Answered | MessageFlags.Flagged | MessageFlags.Draft | MessageFlags.Deleted);

        private static string ItemName(IMessageSummary summary)
        {
            var subject = summary.Envelope?.Subject;
            if (string.IsNullOrWhiteSpace(subject))
                subject = "(no subject)";
            else if (subject!.Length > 200)
                subject = subject.Substring(0, 200) + "…";
            return $"{subject} (UID {summary.UniqueId.Id})";
        }

        private void RecordProblem(ItemErrorType type, string folder, string itemName, string message)
        {
            var problem = Problem(type, folder, itemName, message);
            store.RecordItemError(migrationId, syncPoint, problem);
            observer.OnItemProblem(problem);
        }

        private static ItemError Problem(ItemErrorType type, string folder, string itemName, string message) =>
            new ItemError(type, ItemType.Mail, folder, itemName, message, DateTimeOffset.UtcNow);

        /// <summary>Runs a step on one side; a broken connection there fails the pass, naming the side.</summary>
        private static async Task<T> OnSide<T>(MailEndpoint side, string doing, Func<Task<T>> step)
        {
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && ImapFailures.IsConnectionFault(e))
            {
                throw ImapFailures.ConnectionLost(side, doing, e);
            }
        }

        private static Task OnSide(MailEndpoint side, string doing, Func<Task> step) =>
            OnSide(side, doing, async () =>
            {
                await step().ConfigureAwait(false);
                return true;
            });

        private static async Task DisconnectAsync(ImapClient client)
        {
            try
            {
                await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (ImapFailures.IsConnectionFault(e) || e is ImapCommandException)
            {
                // Logging out of a server that already dropped us changes nothing.
            }
        }
    }
}
