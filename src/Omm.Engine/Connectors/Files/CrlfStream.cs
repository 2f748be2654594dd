using System;
using System.IO;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>Writes through to another stream, turning bare LF line ends into CRLF as IMAP requires.</summary>
    internal sealed class CrlfStream : Stream
    {
        private readonly Stream inner;
        private bool lastWasCr;

        public CrlfStream(Stream inner)
        {
            this.inner = inner;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var start = offset;
            for (var i = offset; i < offset + count; i++)
            {
                if (buffer[i] == '\n' && !(i > offset ? buffer[i - 1] == '\r' : lastWasCr))
                {
                    inner.Write(buffer, start, i - start);
                    inner.WriteByte((byte)'\r');
                    start = i;
                }
            }

            inner.Write(buffer, start, offset + count - start);
            if (count > 0)
                lastWasCr = buffer[offset + count - 1] == '\r';
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
