using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MimeKit;
using Omm.Engine.Connectors;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Mail;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// One pass of mail from an <see cref="IMailSource"/> (a file: PST, mbox, .eml; a POP3 account) into an
    /// <see cref="IMailDestination"/>: every folder recreated (special folders mapped to the destination's), every message not yet
    /// copied appended with its flags and date, and earlier copies given the flags their messages have now. A message's
    /// identity is its folder and its key in the source, so importing the same file again, or syncing the same POP3
    /// account, adds nothing.
    /// </summary>
    internal sealed class MailSourcePass : MailPass
    {
        private readonly Func<IMailSource> openSource;
        private readonly Func<IMailDestination> openDestination;

        /// <param name="openSource">Makes the source for this pass (a new session each attempt).</param>
        /// <param name="openDestination">Makes the destination for this pass (a new session each attempt).</param>
        public MailSourcePass(StateStore store, string migrationId, int syncPoint, AccountEndpoint source, AccountEndpoint destination,
            IMigrationObserver observer, MessageSpool spool, FolderFilter filter, Func<IMailSource> openSource, Func<IMailDestination> openDestination)
            : base(store, migrationId, syncPoint, source, destination, observer, spool, filter)
        {
            this.openSource = openSource;
            this.openDestination = openDestination;
        }

        /// <returns>True when every folder was gone through; false when stopped on request.</returns>
        public override async Task<bool> RunAsync(CancellationToken stopToken)
        {
            using var source = openSource();
            var sourceFolders = await source.OpenAsync(stopToken).ConfigureAwait(false);
            Observer.OnVerbose($"Opened the source {Source.Server}: {sourceFolders.Count} folder(s).");
            using var destination = openDestination();
            var destinationTree = await destination.OpenAsync(stopToken).ConfigureAwait(false);
            Observer.OnVerbose($"Logged in to the destination {Destination.Server} as {Destination.Account}.");

            var folders = sourceFolders.Where(f => Filter.Takes(f.Path)).ToList();
            var sourceRoles = folders.Where(f => f.Role != FolderRole.None).ToDictionary(f => f.Path, f => f.Role, StringComparer.Ordinal);
            var mapper = new FolderPathMapper(new MailboxNamespace(string.Empty, '/'), destinationTree.Namespace, sourceRoles, destinationTree.RoleFolders,
                Store.FolderPairings(MigrationId), folders.Select(f => f.Path));
            var total = folders.Sum(f => f.Count);
            Store.SetToMigrate(MigrationId, ItemType.Mail, total);
            var progress = new ProgressReporter(Observer, MigrationId, Source.Account, Destination.Account);
            progress.Start(total, folders.Count);
            var pass = new PassContext(Store, MigrationId, SyncPoint, Observer, progress, null, Destination, destination)
            {
                Pacer = Pacer,
                Batches = Batches.Within(Pacer),
                Poison = Poison,
            };

            var completed = true;
            foreach (var folder in folders)
            {
                if (stopToken.IsCancellationRequested || !await ImportFolderAsync(pass, folder, DestinationOf(mapper, folder), stopToken).ConfigureAwait(false))
                {
                    completed = false;
                    break;
                }
            }

            progress.Finish();
            await destination.CloseAsync().ConfigureAwait(false);
            return completed;
        }

        /// <summary>Where a source folder goes; a path the source had to change is reported the first time, like a rename by the mapper.</summary>
        private static MappedFolder DestinationOf(FolderPathMapper mapper, SourceFolder folder)
        {
            var mapped = mapper.Map(folder.Path);
            return mapped.FromEarlierPass ? mapped : mapped.WithSourceReasons(folder.PathNotes);
        }

        private async Task<bool> ImportFolderAsync(PassContext pass, SourceFolder folder, MappedFolder mapped, CancellationToken stopToken)
        {
            foreach (var problem in folder.Problems)
                pass.Record(problem.Type, folder.Path, problem.Item, problem.Message);
            DestinationFolderWriter writer;
            try
            {
                var ensured = await pass.Destination.EnsureFolderAsync(mapped.DestinationPath, holdsMessages: true, stopToken).ConfigureAwait(false);
                var (target, created) = ensured;
                pass.RecordCreatedParents(ensured);
                Observer.OnVerbose(created ? $"Created '{target.Path}' for '{folder.Path}'." : $"'{folder.Path}' goes into '{target.Path}'.");
                if (mapped.NameChanged)
                    pass.Record(ItemErrorType.Warning, folder.Path, "(folder)", mapped.RenameWarning(folder.Path, target.Path));
                writer = new DestinationFolderWriter(pass, folder.Path, target, created);
            }
            catch (RefusedException e)
            {
                pass.Record(ItemErrorType.Error, folder.Path, "(folder)", $"The destination refused to create the folder '{mapped.DestinationPath}': {e.Message} Its messages were not copied.");
                return true;
            }

            pass.Progress.StartFolder(folder.Path, folder.Count);
            if (!await writer.OpenAsync(stopToken).ConfigureAwait(false))
                return true;
            await writer.PrepareAsync(null, stopToken).ConfigureAwait(false);
            var copied = new Dictionary<string, MigratedItem>(StringComparer.Ordinal);
            foreach (var item in writer.Items)
                copied[item.SourceKey] = item;
            // The flags the source gives earlier copies' messages now: set on the copies where they changed.
            var flagsOfCopies = new List<(MigratedItem, MessageFlags, IReadOnlyCollection<string>)>();
            // Where each key of this reading was met (1 for the first message read), to name both messages should two share one.
            var read = new Dictionary<string, int>(StringComparer.Ordinal);

            var batch = new List<PendingCopy>();
            long bytes = 0;
            var problemsBefore = pass.Problems;
            try
            {
                // What changed since the last complete pass over the folder, where the source keeps track; everything when copies must be made again.
                var since = writer.ForgotCopies ? null : writer.Folder?.SourceCursor;
                foreach (var message in folder.Messages(since))
                {
                    if (stopToken.IsCancellationRequested)
                        break;
                    if (read.TryGetValue(message.Key, out var first))
                    {
                        // Sources give each message of a folder its own key; should two still share one, the
                        // second cannot be recorded apart from the first.
                        pass.Record(ItemErrorType.Error, folder.Path, ItemName(message),
                            $"It has the same key in the source ({message.Key}) as message number {first} read from this folder, so it cannot be told apart from that one; it was not copied.");
                        pass.Progress.Advance();
                        continue;
                    }

                    read[message.Key] = read.Count + 1;
                    if (copied.TryGetValue(message.Key, out var earlier))
                    {
                        flagsOfCopies.Add((earlier, message.Flags, message.Keywords));
                        pass.Progress.Advance();
                        continue;
                    }

                    var pending = await ReadAsync(pass, writer, folder, message, stopToken).ConfigureAwait(false);
                    if (pending == null)
                    {
                        pass.Progress.Advance();
                        continue;
                    }

                    // As from IMAP, a message larger than a batch goes alone, so that it cannot hold up the others.
                    if (batch.Count > 0 && bytes + pending.Raw.Length > pass.Batches.Bytes)
                    {
                        await FlushAsync(pass, writer, batch, stopToken).ConfigureAwait(false);
                        bytes = 0;
                    }

                    batch.Add(pending);
                    bytes += pending.Raw.Length;
                    if (pass.Batches.IsFull(batch.Count, bytes))
                    {
                        await FlushAsync(pass, writer, batch, stopToken).ConfigureAwait(false);
                        bytes = 0;
                    }
                }
            }
            catch (UnreadableFolderException e)
            {
                pass.Record(ItemErrorType.Error, folder.Path, "(folder)", $"The rest of the folder cannot be read: {e.Message}");
            }
            finally
            {
                await FlushAsync(pass, writer, batch, stopToken).ConfigureAwait(false);
            }

            if (stopToken.IsCancellationRequested)
                return false;
            await writer.SetFlagsAsync(flagsOfCopies, stopToken).ConfigureAwait(false);
            // Past a message that failed, or a listing cut short, the next pass must look again: the cursor stays.
            writer.Complete(pass.Problems == problemsBefore ? folder.Cursor : writer.Folder?.SourceCursor);
            return true;
        }

        /// <exception cref="OperationCanceledException">Stopped while waiting for the throughput caps; the batch was not appended.</exception>
        private static async Task FlushAsync(PassContext pass, DestinationFolderWriter writer, List<PendingCopy> batch, CancellationToken stopToken)
        {
            try
            {
                await writer.AppendAsync(batch, stopToken: stopToken).ConfigureAwait(false);
                pass.Progress.Advance(batch.Count);
            }
            finally
            {
                foreach (var pending in batch)
                    pending.Raw.Dispose();
                batch.Clear();
            }
        }

        /// <summary>
        /// The message's bytes; null when it cannot be read (an item error), was found already copied by an
        /// interrupted pass, or was given up earlier in this pass (<see cref="PoisonMessages"/>).
        /// </summary>
        private async Task<PendingCopy?> ReadAsync(PassContext pass, DestinationFolderWriter writer, SourceFolder folder, SourceMessage message,
            CancellationToken stopToken)
        {
            var itemName = ItemName(message);
            if (pass.Poison.LeavesOut(pass, folder.Path, message.Key, beforeReading: true))
                return null;
            // Its length is known only once read: a large message goes to a temporary file, not into memory whole.
            var raw = Spool.CreateGrowing();
            MessageReading reading;
            try
            {
                reading = await message.ReadAsync(raw, stopToken).ConfigureAwait(false);
            }
            catch (UnreadableItemException e)
            {
                raw.Dispose();
                pass.Record(ItemErrorType.Error, folder.Path, itemName, e.Message);
                return null;
            }
            catch (MigrationFailedException e)
            {
                raw.Dispose();
                // A message that breaks the connection every time it is read is given up like one the destination keeps refusing
                // (its size is not known before it is read whole).
                pass.Poison.NoteFailure(Source, folder.Path, message.Key, itemName, 0, e);
                throw;
            }
            catch
            {
                raw.Dispose();
                throw;
            }

            foreach (var part in reading.LeftOut)
                pass.Record(ItemErrorType.Warning, folder.Path, itemName, part);

            raw.Position = 0;
            var messageId = MessageIdOf(raw);
            raw.Position = 0;
            var fingerprint = new MessageFingerprint(messageId, raw.Length, reading.InternalDate);
            if (await writer.TryAdoptAsync(fingerprint, message.Key, () => Task.FromResult<byte[]?>(Hash(raw)), stopToken).ConfigureAwait(false)
                || pass.Poison.LeavesOut(pass, folder.Path, message.Key))
            {
                raw.Dispose();
                return null;
            }

            return new PendingCopy(raw, message.Flags, message.Keywords, reading.InternalDate, fingerprint, itemName, message.Key, message.Native);
        }

        private static string ItemName(SourceMessage message) => ItemNames.Of(message.Subject, message.Locator);

        private static byte[] Hash(Stream raw)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            raw.Position = 0;
            var hash = sha.ComputeHash(raw);
            raw.Position = 0;
            return hash;
        }

        private static string? MessageIdOf(Stream raw)
        {
            try
            {
                return MessageIdHeader.Id(HeaderList.Load(raw)["Message-ID"]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
