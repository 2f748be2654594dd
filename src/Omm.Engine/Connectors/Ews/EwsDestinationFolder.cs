using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Mail;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// A folder of an Exchange mailbox that takes mail. Keys are ItemIds, which stay good as long as the message stays in
    /// its folder. Exchange rebuilds a message's MIME, so a copy is recognised by the mark Omm leaves on it
    /// (<see cref="EwsCopyMark"/>): its fingerprint and content hash are the source message's, and cursors compare the
    /// time the mark was made.
    /// </summary>
    internal sealed class EwsDestinationFolder : IMailDestinationFolder
    {
        private const string CursorPrefix = "made-since:";

        private readonly EwsClient client;
        private readonly string id;

        /// <summary>
        /// Larger messages from an Exchange source are created from their MIME, which is streamed: an exported item's data
        /// is read whole into memory.
        /// </summary>
        public const long WholeCopyLimit = 10L * 1024 * 1024;

        public EwsDestinationFolder(EwsClient client, string path, string id)
        {
            this.client = client;
            this.id = id;
            Path = path;
        }

        public string Path { get; }

        /// <summary>Keywords become categories.</summary>
        public bool AcceptsKeywords => true;

        /// <summary>Exchange says its limit only by refusing a message (ErrorMessageSizeExceeded).</summary>
        public long? MaxMessageBytes => null;

        public string Cursor => CursorPrefix + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

        public string StartCursor => CursorPrefix + "0";

        public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public bool Holds(string keyOrCursor) => true;

        public async Task<IReadOnlyCollection<string>> ListKeysAsync(CancellationToken cancellationToken) =>
            (await ListAsync(cancellationToken).ConfigureAwait(false)).Select(i => i.Id).ToList();

        public async Task<IReadOnlyList<DestinationCopy>> ListCopiesAsync(string? cursor, ISet<string> except, CancellationToken cancellationToken)
        {
            var since = cursor != null && cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)
                        && long.TryParse(cursor.Substring(CursorPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
                ? ticks
                : 0;
            return (await ListAsync(cancellationToken).ConfigureAwait(false))
                .Where(i => !except.Contains(i.Id) && (since == 0 || (i.Mark != null && i.Mark.Stamp >= since)))
                .Select(i => new DestinationCopy(i.Id,
                    i.Mark?.Fingerprint ?? new MessageFingerprint(i.MessageId, i.Size ?? 0, i.Received),
                    FlagText.Of(i.Flags, i.Keywords)))
                .ToList();
        }

        /// <summary>The source content hash Omm marked each copy with; a message Omm did not make has none.</summary>
        public async Task<IReadOnlyDictionary<string, byte[]>> HashContentAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            var list = keys.ToList();
            var items = await Call(() => EwsItemCalls.GetAsync(client, list, cancellationToken)).ConfigureAwait(false);
            var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (items[i]?.Mark is EwsCopyMark mark)
                    hashes[list[i]] = mark.ContentHash;
            }

            return hashes;
        }

        public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageToAppend> messages, CancellationToken cancellationToken)
        {
            var outcomes = new AppendOutcome?[messages.Count];
            var whole = Enumerable.Range(0, messages.Count)
                .Where(i => messages[i].Native is EwsExportedItem && messages[i].Raw.Length <= WholeCopyLimit).ToList();
            if (whole.Count > 0)
                await CopyWholeAsync(messages, whole, outcomes, cancellationToken).ConfigureAwait(false);
            var pending = Enumerable.Range(0, messages.Count).Where(i => outcomes[i] == null).ToList();
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                IReadOnlyList<(string? Id, EwsException? Refusal)> answers;
                try
                {
                    answers = await EwsCreateCall.CreateAsync(client, id, pending.Select(i => messages[i]).ToList(), cancellationToken).ConfigureAwait(false);
                }
                catch (EwsException e)
                {
                    throw new RefusedException($"Exchange refused the messages ({e.ResponseCode}: {e.Message}).", e);
                }
                catch (FormatException e)
                {
                    throw EwsFailures.Garbled(client.Endpoint, $"creating messages in '{Path}'", e);
                }

                var busy = new List<int>();
                for (var n = 0; n < pending.Count; n++)
                {
                    var index = pending[n];
                    var (itemId, refusal) = answers[n];
                    if (refusal == null)
                        outcomes[index] = AppendOutcome.StoredAs(itemId, EwsMessageFlags.Lost(messages[index].Flags));
                    else if (refusal.ResponseCode == "ErrorQuotaExceeded")
                        throw EwsFailures.OverQuota(client.Endpoint, client.Mailbox, refusal);
                    else if (EwsClient.IsBusy(refusal.ResponseCode) && attempt < EwsClient.BusyRetries)
                    {
                        client.BackOff(refusal);
                        busy.Add(index);
                    }
                    else
                        outcomes[index] = AppendOutcome.Refused(Refusal(refusal));
                }

                pending = busy;
            }

            return outcomes.Select(o => o!).ToList();
        }

        /// <summary>
        /// Messages of an Exchange source copied whole: exported there, uploaded here, then marked as Omm's copies. One that
        /// either side will not move whole is left for CreateItem from its MIME.
        /// </summary>
        private async Task CopyWholeAsync(IReadOnlyList<MessageToAppend> messages, IReadOnlyList<int> indices, AppendOutcome?[] outcomes,
            CancellationToken cancellationToken)
        {
            foreach (var group in indices.GroupBy(i => ((EwsExportedItem)messages[i].Native!).Source))
            {
                var members = group.ToList();
                IReadOnlyList<(string? Data, EwsException? Refusal)> exported;
                try
                {
                    exported = await EwsExportCalls.ExportAsync(group.Key, members.Select(i => ((EwsExportedItem)messages[i].Native!).ItemId).ToList(),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is EwsException || e is FormatException)
                {
                    continue;
                }

                var ready = members.Select((index, n) => (Index: index, Data: exported[n].Data!)).Where(e => !string.IsNullOrEmpty(e.Data)).ToList();
                foreach (var chunk in UploadChunks(ready))
                {
                    IReadOnlyList<(string? Id, EwsException? Refusal)> uploaded;
                    try
                    {
                        uploaded = await EwsExportCalls.UploadAsync(client, id, chunk.Select(e => e.Data!).ToList(), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is EwsException || e is FormatException)
                    {
                        continue;
                    }

                    var made = new List<(string Id, EwsCopyMark Mark)>();
                    for (var n = 0; n < chunk.Count; n++)
                    {
                        var (newId, refusal) = uploaded[n];
                        if (refusal?.ResponseCode == "ErrorQuotaExceeded")
                            throw EwsFailures.OverQuota(client.Endpoint, client.Mailbox, refusal);
                        if (newId == null)
                            continue;
                        made.Add((newId, EwsCreateCall.MarkOf(messages[chunk[n].Index])));
                        outcomes[chunk[n].Index] = AppendOutcome.StoredAs(newId);
                    }

                    await Call(() => EwsExportCalls.MarkAsync(client, made, cancellationToken)).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Exported items in groups whose data stays under what one UploadItems takes (one item alone, whatever its size).</summary>
        private static IEnumerable<List<(int Index, string Data)>> UploadChunks(IReadOnlyList<(int Index, string Data)> items)
        {
            var chunk = new List<(int Index, string Data)>();
            long bytes = 0;
            foreach (var item in items)
            {
                if (chunk.Count > 0 && bytes + item.Data.Length > EwsExportCalls.MaxUploadBase64)
                {
                    yield return chunk;
                    chunk = new List<(int Index, string Data)>();
                    bytes = 0;
                }

                chunk.Add(item);
                bytes += item.Data.Length;
            }

            if (chunk.Count > 0)
                yield return chunk;
        }

        public async Task SetFlagsAsync(IReadOnlyCollection<string> keys, MessageFlags flags, IReadOnlyCollection<string> keywords, CancellationToken cancellationToken)
        {
            var refused = await Call(() => EwsItemCalls.SetFlagsAsync(client, keys.ToList(), flags, keywords, cancellationToken)).ConfigureAwait(false);
            if (refused.Count > 0)
                throw new RefusedException($"Exchange refused to change {refused.Count} of them ({refused[0].Why.ResponseCode}: {refused[0].Why.Message}).");
        }

        public Task<int> DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
            Call(() => EwsItemCalls.DeleteAsync(client, keys.ToList(), cancellationToken));

        private Task<IReadOnlyList<EwsMailItem>> ListAsync(CancellationToken cancellationToken) =>
            Call(() => EwsItemCalls.FindAllAsync(client, id, cancellationToken));

        /// <summary>An error about this folder as a whole stops the pass: the folder was there a moment ago.</summary>
        private Task Call(Func<Task> call) => Call(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

        private async Task<T> Call<T>(Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (EwsException e)
            {
                throw new Migrations.MigrationFailedException(Migrations.FailureKind.Protocol,
                    $"{client.SideCapitalised} refused a request about the folder '{Path}' ({e.ResponseCode}: {e.Message}).", e);
            }
            catch (FormatException e)
            {
                throw EwsFailures.Garbled(client.Endpoint, $"working in the folder '{Path}'", e);
            }
        }

        private static string Refusal(EwsException e)
        {
            switch (e.ResponseCode)
            {
                case "ErrorMessageSizeExceeded":
                    return $"it is larger than Exchange accepts ({e.ResponseCode}: {e.Message}); an admin can raise the limit (Set-TransportConfig / maxReceiveSize).";
                case "ErrorMimeContentConversionFailed":
                case "ErrorMimeContentInvalid":
                    return $"Exchange cannot read its MIME ({e.ResponseCode}: {e.Message}).";
                default:
                    return $"{e.ResponseCode}: {e.Message}";
            }
        }
    }
}
