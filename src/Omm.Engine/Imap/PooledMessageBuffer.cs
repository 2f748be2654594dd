using System;
using System.Buffers;
using System.IO;

namespace Omm.Engine.Imap
{
    /// <summary>
    /// A small message held in memory, in an array rented from the shared pool and given back on dispose:
    /// thousands of messages a minute would otherwise each allocate (and soon free) an array of their size.
    /// The length is known before the bytes arrive (the IMAP literal's), so the stream never grows.
    /// </summary>
    internal sealed class PooledMessageBuffer : Stream
    {
        private byte[]? buffer;
        private readonly int capacity;
        private int length;
        private int position;

        public PooledMessageBuffer(int capacity)
        {
            this.capacity = capacity;
            buffer = capacity == 0 ? Array.Empty<byte>() : ArrayPool<byte>.Shared.Rent(capacity);
        }

        /// <summary>The bytes written so far, without copying them.</summary>
        public ArraySegment<byte> Contents => new ArraySegment<byte>(Buffer, 0, length);

        private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(PooledMessageBuffer));

        public override bool CanRead => buffer != null;

        public override bool CanSeek => buffer != null;

        public override bool CanWrite => buffer != null;

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
            var available = Math.Min(count, length - position);
            if (available <= 0)
                return 0;
            System.Buffer.BlockCopy(Buffer, position, destination, offset, available);
            position += available;
            return available;
        }

        public override int ReadByte() => position < length ? Buffer[position++] : -1;

        public override void Write(byte[] source, int offset, int count)
        {
            if (position + count > capacity)
                throw new IOException($"The message is longer than the {capacity:N0} bytes announced.");
            System.Buffer.BlockCopy(source, offset, Buffer, position, count);
            position += count;
            length = Math.Max(length, position);
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
            var rented = buffer;
            buffer = null;
            if (rented != null && rented.Length > 0)
                ArrayPool<byte>.Shared.Return(rented);
            base.Dispose(disposing);
        }
    }
}
