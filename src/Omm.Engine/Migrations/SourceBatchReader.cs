using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Mail;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Reads a batch of messages from an open source folder in one FETCH command (one round trip), each
    /// spooled; what the source cannot give becomes a problem to record, not an exception.
    /// </summary>
    internal sealed class SourceBatchReader
    {
        private readonly ImapFolder source;
        private readonly Endpoints.AccountEndpoint endpoint;
        private readonly uint sourceValidity;
        private readonly PoisonMessages poison;

        public SourceBatchReader(ImapFolder source, Endpoints.AccountEndpoint endpoint, uint sourceValidity, PoisonMessages poison)
        {
            this.source = source;
            this.endpoint = endpoint;
            this.sourceValidity = sourceValidity;
            this.poison = poison;
        }

        /// <summary>Splits what is to be copied into batches of at most <paramref name="maxMessages"/> messages or about <paramref name="maxBytes"/>.</summary>
        public static List<List<IMessageSummary>> Plan(IEnumerable<IMessageSummary> summaries, int maxMessages, long maxBytes)
        {
            var batches = new List<List<IMessageSummary>>();
            var current = new List<IMessageSummary>();
            long bytes = 0;
            foreach (var summary in summaries)
            {
                if (current.Count > 0 && (current.Count >= maxMessages || bytes + (long)(summary.Size ?? 0) > maxBytes))
                {
                    batches.Add(current);
                    current = new List<IMessageSummary>();
                    bytes = 0;
                }

                current.Add(summary);
                bytes += (long)(summary.Size ?? 0);
            }

            if (current.Count > 0)
                batches.Add(current);
            return batches;
        }

        public async Task<FetchedBatch> ReadAsync(IReadOnlyList<IMessageSummary> summaries, CancellationToken stopToken)
        {
            var received = new Dictionary<uint, Stream>();
            var problems = new List<(IMessageSummary Summary, string Problem, bool IsError)>();
            try
            {
                await ImapFailures.OnSideAsync(endpoint, $"reading messages of '{source.FullName}'",
                    () => source.GetStreamsAsync(summaries.Select(s => s.UniqueId).ToList(), (folder, index, uid, stream, token) =>
                    {
                        if (stream is SpooledMessageStream spooled && !received.ContainsKey(uid.Id))
                            received[uid.Id] = spooled.Detach();
                        return Task.CompletedTask;
                    }, stopToken)).ConfigureAwait(false);
            }
            catch (ImapCommandException) when (summaries.Count > 1)
            {
                // One message the server cannot give fails the whole FETCH: read them one by one to find it.
                Dispose(received.Values);
                var copies = new List<PendingCopy>();
                var singleProblems = new List<(IMessageSummary, string, bool)>();
                foreach (var summary in summaries)
                {
                    var single = await ReadAsync(new[] { summary }, stopToken).ConfigureAwait(false);
                    copies.AddRange(single.Copies);
                    singleProblems.AddRange(single.Problems);
                }

                return new FetchedBatch(copies, singleProblems);
            }
            catch (ImapCommandException e)
            {
                Dispose(received.Values);
                return new FetchedBatch(new List<PendingCopy>(), new List<(IMessageSummary, string, bool)>
                    { (summaries[0], $"The source server would not return the message: {ImapFailures.Refusal(endpoint, e)}", true) });
            }
            catch (Exception e)
            {
                Dispose(received.Values);
                if (summaries.Count == 1 && e is MigrationFailedException failure)
                    poison.NoteFailure(endpoint, source.FullName, ImapItemKey.Of(sourceValidity, summaries[0].UniqueId.Id), ImapFolderSync.ItemName(summaries[0]),
                        (long)(summaries[0].Size ?? 0), failure);
                throw;
            }

            var pending = new List<PendingCopy>(summaries.Count);
            foreach (var summary in summaries)
            {
                if (!received.TryGetValue(summary.UniqueId.Id, out var raw))
                {
                    problems.Add((summary, "The message was deleted from the source during the migration; nothing was copied.", false));
                    continue;
                }

                pending.Add(new PendingCopy(raw, summary.Flags ?? MessageFlags.None, Keywords(summary), summary.InternalDate,
                    new MessageFingerprint(MessageIdentity.MessageId(summary), summary.Size ?? raw.Length, summary.InternalDate),
                    ImapFolderSync.ItemName(summary), ImapItemKey.Of(sourceValidity, summary.UniqueId.Id)));
            }

            return new FetchedBatch(pending, problems);
        }

        public static IReadOnlyCollection<string> Keywords(IMessageSummary summary) =>
            (IReadOnlyCollection<string>?)summary.Keywords?.ToList() ?? Array.Empty<string>();

        private static void Dispose(IEnumerable<Stream> streams)
        {
            foreach (var stream in streams)
                stream.Dispose();
        }
    }
}
