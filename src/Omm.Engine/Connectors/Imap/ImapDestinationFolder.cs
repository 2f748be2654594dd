using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Mail;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// An IMAP folder as a destination of mail: keys are "UIDVALIDITY:UID" (<see cref="ImapItemKey"/>), the cursor the
    /// UIDNEXT when opened; a batch goes in one MULTIAPPEND where the server has it; deletion is UID EXPUNGE.
    /// </summary>
    internal sealed class ImapDestinationFolder : IMailDestinationFolder
    {
        private readonly AccountEndpoint side;
        private readonly ImapClient client;
        private readonly IMailFolder folder;
        private IList<UniqueId>? present;

        /// <summary>One past the highest UID this session appended: UIDNEXT as selected does not move with appends.</summary>
        private uint appendedPast;

        /// <param name="folder">A folder of <paramref name="client"/>'s session (the pass's own, or another connection's).</param>
        public ImapDestinationFolder(AccountEndpoint side, ImapClient client, IMailFolder folder)
        {
            this.side = side;
            this.client = client;
            this.folder = folder;
        }

        public string Path => folder.FullName;

        public bool AcceptsKeywords => (folder.PermanentFlags & MessageFlags.UserDefined) != 0;

        public long? MaxMessageBytes => client.AppendLimit;

        public string Cursor => ImapItemKey.Cursor(folder.UidValidity, Math.Max(folder.UidNext?.Id ?? 1, appendedPast));

        public string StartCursor => ImapItemKey.Cursor(folder.UidValidity, 1);

        public Task OpenAsync(CancellationToken cancellationToken) =>
            Refusable($"opening '{Path}'", () => folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken));

        public Task CloseAsync(CancellationToken cancellationToken) =>
            ImapFailures.OnSideAsync(side, $"closing '{Path}'", () => folder.CloseAsync(false, cancellationToken));

        public bool Holds(string keyOrCursor) => ImapItemKey.CursorValueAt(keyOrCursor, folder.UidValidity) != null;

        public async Task<IReadOnlyCollection<string>> ListKeysAsync(CancellationToken cancellationToken)
        {
            present = await ImapFailures.OnSideAsync(side, $"listing '{Path}'", () => folder.SearchAsync(SearchQuery.All, cancellationToken)).ConfigureAwait(false);
            var validity = folder.UidValidity;
            return present.Select(u => ImapItemKey.Of(validity, u.Id)).ToList();
        }

        public async Task<IReadOnlyList<DestinationCopy>> ListCopiesAsync(string? cursor, ISet<string> except, CancellationToken cancellationToken)
        {
            var validity = folder.UidValidity;
            IList<IMessageSummary> copies;
            if (cursor == null)
            {
                copies = await ImapFailures.OnSideAsync(side, $"reading '{Path}'",
                    () => folder.FetchAsync(0, -1, MessageIdentity.Request, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                var first = ImapItemKey.CursorValueAt(cursor, validity) ?? uint.MaxValue;
                present ??= await ImapFailures.OnSideAsync(side, $"listing '{Path}'", () => folder.SearchAsync(SearchQuery.All, cancellationToken)).ConfigureAwait(false);
                var candidates = present.Where(u => u.Id >= first && !except.Contains(ImapItemKey.Of(validity, u.Id))).ToList();
                if (candidates.Count == 0)
                    return Array.Empty<DestinationCopy>();
                copies = await ImapFailures.OnSideAsync(side, $"reading '{Path}'",
                    () => folder.FetchAsync(candidates, MessageIdentity.Request, cancellationToken)).ConfigureAwait(false);
            }

            return copies
                .Select(c => new DestinationCopy(ImapItemKey.Of(validity, c.UniqueId.Id), MessageIdentity.Fingerprint(c), FlagText.Of(c.Flags, c.Keywords)))
                .Where(c => !except.Contains(c.Key))
                .ToList();
        }

        public async Task<IReadOnlyDictionary<string, byte[]>> HashContentAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            var validity = folder.UidValidity;
            var uids = ImapItemKey.UidsAt(keys, validity).ToList();
            if (uids.Count == 0)
                return new Dictionary<string, byte[]>();
            var hashes = await ImapFailures.OnSideAsync(side, $"reading '{Path}'", () => MessageContent.HashAsync(folder, uids, cancellationToken)).ConfigureAwait(false);
            return hashes.ToDictionary(h => ImapItemKey.Of(validity, h.Key), h => h.Value, StringComparer.Ordinal);
        }

        public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageToAppend> messages, CancellationToken cancellationToken)
        {
            var outcomes = new AppendOutcome?[messages.Count];
            var requests = new List<(int Index, AppendRequest Request)>(messages.Count);
            try
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    var (request, refusal, warning) = Prepare(messages[i]);
                    if (request == null)
                        outcomes[i] = AppendOutcome.Refused(refusal!);
                    else
                    {
                        requests.Add((i, request));
                        outcomes[i] = AppendOutcome.StoredAs(null, warning);
                    }
                }

                if (requests.Count > 0)
                {
                    var uids = await AppendPreparedAsync(requests.Select(r => r.Request).ToList(), cancellationToken).ConfigureAwait(false);
                    present = null;
                    var validity = folder.UidValidity;
                    if (uids.Count > 0)
                        appendedPast = Math.Max(appendedPast, uids.Max(u => u.Id) + 1);
                    for (var n = 0; n < requests.Count; n++)
                    {
                        var key = n < uids.Count ? ImapItemKey.Of(uids[n].Validity != 0 ? uids[n].Validity : validity, uids[n].Id) : null;
                        outcomes[requests[n].Index] = AppendOutcome.StoredAs(key, outcomes[requests[n].Index]!.Warning);
                    }
                }
            }
            finally
            {
                foreach (var (_, request) in requests)
                    VerbatimMessage.Return(request.Message);
            }

            return outcomes.Select(o => o!).ToList();
        }

        private async Task<IList<UniqueId>> AppendPreparedAsync(List<AppendRequest> requests, CancellationToken cancellationToken)
        {
            try
            {
                if (requests.Count == 1)
                {
                    var uid = await ImapFailures.OnSideAsync(side, $"appending to '{Path}'",
                        () => folder.AppendAsync(VerbatimMessage.AppendFormat, requests[0], cancellationToken)).ConfigureAwait(false);
                    return uid.HasValue ? new List<UniqueId> { uid.Value } : new List<UniqueId>();
                }

                // One command and one transaction on the server (RFC 3502): a refusal stores none of the batch.
                return await ImapFailures.OnSideAsync(side, $"appending to '{Path}'",
                    () => folder.AppendAsync(VerbatimMessage.AppendFormat, requests.Cast<IAppendRequest>().ToList(), cancellationToken)).ConfigureAwait(false);
            }
            catch (ImapCommandException e)
            {
                throw ImapFailures.Refused(side, e);
            }
        }

        private (AppendRequest? Request, string? Refusal, string? Warning) Prepare(MessageToAppend message)
        {
            MimeMessage mime;
            bool exact;
            try
            {
                mime = VerbatimMessage.Create(message.Raw, out exact);
            }
            catch (Exception e) when (e is FormatException || e is ParseException)
            {
                return (null, $"The message cannot be read: {e.Message}", null);
            }

            var request = new AppendRequest(mime, message.Flags & FlagText.Kept) { InternalDate = message.ReceivedDate };
            if (message.Keywords.Count > 0)
                request.Keywords = new HashSet<string>(message.Keywords, StringComparer.Ordinal);
            return (request, null, exact ? null
                : "The message's first line does not end in CRLF (a bare line feed, or no CRLF in its first 4 MB) and could not be sent byte for byte; it was copied as MimeKit re-wrote it.");
        }

        public Task SetFlagsAsync(IReadOnlyCollection<string> keys, MessageFlags flags, IReadOnlyCollection<string> keywords, CancellationToken cancellationToken)
        {
            var validity = folder.UidValidity;
            var uids = ImapItemKey.UidsAt(keys, validity).Select(uid => new UniqueId(validity, uid)).ToList();
            var request = new StoreFlagsRequest(StoreAction.Set, flags & FlagText.Kept, new HashSet<string>(keywords, StringComparer.Ordinal)) { Silent = true };
            return Refusable($"setting flags in '{Path}'", () => folder.StoreAsync(uids, request, cancellationToken));
        }

        /// <summary>Expunges exactly these messages: UID EXPUNGE where the server has UIDPLUS, else only if no other message is marked \Deleted.</summary>
        public async Task<int> DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            var validity = folder.UidValidity;
            var uids = ImapItemKey.UidsAt(keys, validity).Select(uid => new UniqueId(validity, uid)).ToList();
            if (uids.Count == 0)
                return 0;
            var there = await ImapFailures.OnSideAsync(side, $"searching '{Path}'", () => folder.SearchAsync(SearchQuery.Uids(uids), cancellationToken)).ConfigureAwait(false);
            if (there.Count == 0)
                return 0;

            var hasUidPlus = (client.Capabilities & ImapCapabilities.UidPlus) != 0;
            if (!hasUidPlus)
            {
                var marked = await ImapFailures.OnSideAsync(side, $"searching '{Path}'", () => folder.SearchAsync(SearchQuery.Deleted, cancellationToken)).ConfigureAwait(false);
                if (marked.Any(u => !there.Contains(u)))
                    throw new MigrationFailedException(FailureKind.Unsupported,
                        $"The destination server {side.Server} lacks UIDPLUS and '{Path}' holds other messages marked \\Deleted; " +
                        "expunging would delete them too, so nothing was deleted there.");
            }

            await ImapFailures.OnSideAsync(side, $"deleting from '{Path}'", async () =>
            {
                await folder.StoreAsync(there, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken).ConfigureAwait(false);
                if (hasUidPlus)
                    await folder.ExpungeAsync(there, cancellationToken).ConfigureAwait(false);
                else
                    await folder.ExpungeAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return there.Count;
        }

        private async Task Refusable(string doing, Func<Task> step)
        {
            try
            {
                await ImapFailures.OnSideAsync(side, doing, step).ConfigureAwait(false);
            }
            catch (Exception e) when (ImapFailures.IsRefusal(e))
            {
                throw ImapFailures.Refused(side, e);
            }
        }
    }
}
