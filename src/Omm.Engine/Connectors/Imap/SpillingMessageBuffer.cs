using System;
using System.IO;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// A message of unknown length as it is read: in memory while small, moved to a temporary file (deleted when closed)
    /// once it outgrows the limit, so a large message is never held whole in memory.
    /// </summary>
    internal sealed class SpillingMessageBuffer : Stream
    {
        private readonly string directory;
        private readonly int memoryLimit;
        private Stream inner = new MemoryStream();

        public SpillingMessageBuffer(string directory, int memoryLimit)
        {
            this.directory = directory;
            this.memoryLimit = memoryLimit;
        }

        /// <summary>Whether the message went to a temporary file.</summary>
        public bool Spilled => inner is FileStream;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!Spilled && inner.Position + count > memoryLimit)
                Spill();
            inner.Write(buffer, offset, count);
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Flush() => inner.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        private void Spill()
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".eml");
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            var position = inner.Position;
            inner.Position = 0;
            inner.CopyTo(file);
            file.Position = position;
            inner.Dispose();
            inner = file;
        }
    }
}
