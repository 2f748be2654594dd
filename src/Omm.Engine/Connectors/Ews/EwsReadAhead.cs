using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors.Imap;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// Reads a folder's messages a batch at a time (one GetItem for the message asked and the next few listed), as
    /// Microsoft advises, and keeps those not yet asked in buffers that go to temporary files when large. A message read
    /// ahead that is never asked (the pass had copied it before) is dropped when the listing moves on or ends.
    /// </summary>
    internal sealed class EwsReadAhead : IDisposable
    {
        /// <summary>Messages per GetItem, as Microsoft's synchronisation guidance has it.</summary>
        public const int Batch = 10;

        private readonly EwsClient client;
        private readonly Dictionary<string, Stream> ready = new Dictionary<string, Stream>(StringComparer.Ordinal);

        public EwsReadAhead(EwsClient client)
        {
            this.client = client;
        }

        /// <summary>Writes <paramref name="upcoming"/>[<paramref name="index"/>]'s MIME to <paramref name="output"/>, reading the next ones with it.</summary>
        /// <exception cref="UnreadableItemException">Exchange will not give this one.</exception>
        public async Task ReadAsync(IReadOnlyList<EwsMailItem> upcoming, int index, Stream output, CancellationToken cancellationToken)
        {
            var id = upcoming[index].Id;
            if (ready.TryGetValue(id, out var buffer))
            {
                ready.Remove(id);
                using (buffer)
                {
                    buffer.Position = 0;
                    await buffer.CopyToAsync(output, 81920, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            Drop();
            var ahead = upcoming.Skip(index + 1).Take(Batch - 1).Select(i => i.Id).ToList();
            if (ahead.Count == 0)
            {
                await EwsItemCalls.ReadMimeAsync(client, id, output, cancellationToken).ConfigureAwait(false);
                return;
            }

            var ids = new[] { id }.Concat(ahead).ToList();
            var buffers = ahead.Select(_ => (Stream)new SpillingMessageBuffer(MessageSpool.DefaultDirectory, MessageSpool.DefaultMemoryLimit)).ToList();
            IReadOnlyList<EwsException?> refusals;
            try
            {
                refusals = await EwsItemCalls.ReadMimeAsync(client, ids, n => n == 0 ? output : buffers[n - 1], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                buffers.ForEach(b => b.Dispose());
                throw;
            }

            for (var n = 0; n < ahead.Count; n++)
            {
                if (refusals[n + 1] == null)
                    ready[ahead[n]] = buffers[n];
                else
                    buffers[n].Dispose();
            }

            if (refusals[0] != null)
            {
                // Said again alone, so that the refusal is told as for any single message.
                output.SetLength(0);
                await EwsItemCalls.ReadMimeAsync(client, id, output, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Forgets messages read ahead and not asked.</summary>
        public void Drop()
        {
            foreach (var buffer in ready.Values)
                buffer.Dispose();
            ready.Clear();
        }

        public void Dispose() => Drop();
    }
}
