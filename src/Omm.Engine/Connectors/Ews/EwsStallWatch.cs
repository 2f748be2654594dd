using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// Reads an answer and gives up (cancels <paramref name="limit"/>) when the server sends nothing for a while:
    /// a stalled server is a broken connection, not a wait without end.
    /// </summary>
    internal sealed class EwsStallWatch : Stream
    {
        private readonly Stream inner;
        private readonly TimeSpan stall;
        private readonly CancellationTokenSource limit;

        public EwsStallWatch(Stream inner, TimeSpan stall, CancellationTokenSource limit)
        {
            this.inner = inner;
            this.stall = stall;
            this.limit = limit;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            limit.CancelAfter(stall);
            try
            {
                return await inner.ReadAsync(buffer, offset, count, both.Token).ConfigureAwait(false);
            }
            finally
            {
                limit.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
