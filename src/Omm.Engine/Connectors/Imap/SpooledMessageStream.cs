using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// The stream MailKit fills with a fetched message. MailKit disposes it once its fetch callback returns;
    /// <see cref="Detach"/> takes the spooled bytes out first, so that a batch fetched in one command can
    /// wait for its append without being copied again.
    /// </summary>
    internal sealed class SpooledMessageStream : Stream
    {
        private Stream? inner;

        public SpooledMessageStream(Stream inner)
        {
            this.inner = inner;
        }

        /// <summary>The spooled message, rewound; from now on disposing this wrapper leaves it open.</summary>
        public Stream Detach()
        {
            var spooled = Inner;
            inner = null;
            spooled.Position = 0;
            return spooled;
        }

        private Stream Inner => inner ?? throw new ObjectDisposedException(nameof(SpooledMessageStream), "The spooled message was detached.");

        public override bool CanRead => inner?.CanRead ?? false;

        public override bool CanSeek => inner?.CanSeek ?? false;

        public override bool CanWrite => inner?.CanWrite ?? false;

        public override long Length => Inner.Length;

        public override long Position
        {
            get => Inner.Position;
            set => Inner.Position = value;
        }

        public override void Flush() => Inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);

        public override void SetLength(long value) => Inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Inner.WriteAsync(buffer, offset, count, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner?.Dispose();
                inner = null;
            }

            base.Dispose(disposing);
        }
    }
}
