using System;
using System.IO;
using System.Security.Cryptography;

namespace Omm.Engine.Mail
{
    /// <summary>A write-only stream that hashes what is written to it (SHA-256).</summary>
    internal sealed class HashingStream : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position
        {
            get => length;
            set => throw new NotSupportedException();
        }

        public bool Matches(byte[] expected)
        {
            var actual = hash.GetHashAndReset();
            if (actual.Length != expected.Length)
                return false;
            for (var i = 0; i < actual.Length; i++)
            {
                if (actual[i] != expected[i])
                    return false;
            }

            return true;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            length += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
