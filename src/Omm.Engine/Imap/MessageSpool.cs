using System;
using System.IO;

namespace Omm.Engine.Imap
{
    /// <summary>
    /// Where fetched messages wait until they are appended: pooled memory for small ones, a temporary file
    /// (deleted on close) for large ones, so a connection never holds a large message in memory.
    /// </summary>
    internal sealed class MessageSpool
    {
        public const int DefaultMemoryLimit = 1024 * 1024;

        private readonly string directory;
        private readonly int memoryLimit;

        public MessageSpool(string? directory = null, int memoryLimit = DefaultMemoryLimit)
        {
            this.directory = directory ?? Path.Combine(Path.GetTempPath(), "omm-spool");
            this.memoryLimit = memoryLimit;
        }

        public Stream Create(long length)
        {
            if (length <= memoryLimit)
                return new PooledMessageBuffer((int)Math.Max(0, length));

            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".eml");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        }
    }
}
