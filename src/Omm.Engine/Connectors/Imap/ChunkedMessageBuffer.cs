using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// A message held in memory, in chunks of a pass's <see cref="MessageMemory"/> given back on dispose.
    /// The length is known before the bytes arrive (the IMAP literal's), so the stream never grows.
    /// </summary>
    internal sealed class ChunkedMessageBuffer : Stream
    {
        private const int ChunkSize = MessageMemory.ChunkSize;

        private readonly MessageMemory memory;
        private readonly int capacity;
        private byte[][]? chunks;
        private int length;
        private int position;

        public ChunkedMessageBuffer(MessageMemory memory, byte[][] chunks, int capacity)
        {
            if ((long)chunks.Length * ChunkSize < capacity)
                throw new ArgumentException("Not enough chunks for the capacity.", nameof(chunks));
            this.memory = memory;
            this.chunks = chunks;
            this.capacity = capacity;
        }

        private byte[][] Chunks => chunks ?? throw new ObjectDisposedException(nameof(ChunkedMessageBuffer));

        public override bool CanRead => chunks != null;

        public override bool CanSeek => chunks != null;

        public override bool CanWrite => chunks != null;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set
            {
                if (value < 0 || value > length)
                    throw new ArgumentOutOfRangeException(nameof(value));
                position = (int)value;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] destination, int offset, int count)
        {
            var all = Chunks;
            var wanted = Math.Max(0, Math.Min(count, length - position));
            for (var done = 0; done < wanted;)
            {
                var (chunk, within, piece) = SegmentAt(all, position, wanted - done);
                Buffer.BlockCopy(chunk, within, destination, offset + done, piece);
                position += piece;
                done += piece;
            }

            return wanted;
        }

        public override int ReadByte() => position < length ? Chunks[position / ChunkSize][position++ % ChunkSize] : -1;

        public override void Write(byte[] source, int offset, int count)
        {
            if (position + (long)count > capacity)
                throw new IOException($"The message is longer than the {capacity:N0} bytes announced.");
            var all = Chunks;
            for (var done = 0; done < count;)
            {
                var (chunk, within, piece) = SegmentAt(all, position, count - done);
                Buffer.BlockCopy(source, offset + done, chunk, within, piece);
                position += piece;
                done += piece;
            }

            length = Math.Max(length, position);
        }

        /// <summary>Writes the bytes from <paramref name="from"/> to the end straight from the chunks, without an intermediate copy.</summary>
        public void CopyTo(Stream destination, long from)
        {
            var all = Chunks;
            for (var at = (int)from; at < length;)
            {
                var (chunk, within, piece) = SegmentAt(all, at, length - at);
                destination.Write(chunk, within, piece);
                at += piece;
            }
        }

        /// <inheritdoc cref="CopyTo(Stream, long)"/>
        public async Task CopyToAsync(Stream destination, long from, CancellationToken cancellationToken)
        {
            var all = Chunks;
            for (var at = (int)from; at < length;)
            {
                var (chunk, within, piece) = SegmentAt(all, at, length - at);
                await destination.WriteAsync(chunk, within, piece, cancellationToken).ConfigureAwait(false);
                at += piece;
            }
        }

        /// <summary>The chunk holding byte <paramref name="at"/>, where in it, and how many of at most <paramref name="most"/> bytes from there it holds.</summary>
        private static (byte[] Chunk, int Within, int Piece) SegmentAt(byte[][] chunks, int at, int most)
        {
            var within = at % ChunkSize;
            return (chunks[at / ChunkSize], within, Math.Min(most, ChunkSize - within));
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => position + offset,
                _ => length + offset,
            };
            return position;
        }

        public override void SetLength(long value)
        {
            if (value < 0 || value > capacity)
                throw new ArgumentOutOfRangeException(nameof(value));
            length = (int)value;
            position = Math.Min(position, length);
        }

        protected override void Dispose(bool disposing)
        {
            var given = Interlocked.Exchange(ref chunks, null);
            if (given != null)
                memory.Give(given);
            base.Dispose(disposing);
        }
    }
}
