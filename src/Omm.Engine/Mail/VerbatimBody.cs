using System;
using System.Buffers;
using System.IO;
using Omm.Engine.Connectors.Imap;
using System.Threading;
using System.Threading.Tasks;
using MimeKit;

namespace Omm.Engine.Mail
{
    /// <summary>
    /// A message body that writes the source bytes from an offset on, unchanged: no parsing, no newline
    /// normalisation, no encoding. It has no headers of its own.
    /// </summary>
    internal sealed class VerbatimBody : MimeEntity
    {
        private const int BufferSize = 81920;
        private readonly Stream source;
        private readonly long offset;

        public VerbatimBody(Stream source, long offset)
            : base(new ContentType("application", "octet-stream"))
        {
            this.source = source;
            this.offset = offset;
            Headers.Clear();
        }

        public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
        {
            // The bytes are the source's; nothing is re-encoded.
        }

        public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            if (source is ChunkedMessageBuffer chunked)
            {
                chunked.CopyTo(stream, offset);
                return;
            }

            if (TryGetBytes(out var bytes))
            {
                stream.Write(bytes.Array!, bytes.Offset, bytes.Count);
                return;
            }

            source.Position = offset;
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = source.Read(buffer, 0, BufferSize)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Write(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            if (source is ChunkedMessageBuffer chunked)
            {
                await chunked.CopyToAsync(stream, offset, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (TryGetBytes(out var bytes))
            {
                await stream.WriteAsync(bytes.Array!, bytes.Offset, bytes.Count, cancellationToken).ConfigureAwait(false);
                return;
            }

            source.Position = offset;
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer, 0, BufferSize, cancellationToken).ConfigureAwait(false)) > 0)
                    await stream.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The body's bytes in place, when the message is held in memory: written without a copy.</summary>
        private bool TryGetBytes(out ArraySegment<byte> bytes)
        {
            if (source is MemoryStream memory && memory.TryGetBuffer(out var all))
            {
                bytes = new ArraySegment<byte>(all.Array!, all.Offset + (int)offset, all.Count - (int)offset);
                return true;
            }

            bytes = default;
            return false;
        }
    }
}
