using System;
using System.IO;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// Where fetched messages wait until they are appended: a pass's <see cref="MessageMemory"/> for small
    /// ones, a temporary file (deleted on close) for large ones and for any the memory has no room for, so
    /// that a pass never holds more than its budget of messages in memory.
    /// </summary>
    internal sealed class MessageSpool
    {
        public const int DefaultMemoryLimit = 1024 * 1024;

        private readonly string directory;
        private readonly int memoryLimit;

        /// <param name="memory">Null: a budget of its own for the default connections' batches.</param>
        public MessageSpool(string? directory = null, MessageMemory? memory = null, int memoryLimit = DefaultMemoryLimit)
        {
            this.directory = directory ?? DefaultDirectory;
            Memory = memory ?? MessageMemory.ForPass(Migrations.MigrationRunner.DefaultConnections, Migrations.BatchLimits.Default.Bytes);
            this.memoryLimit = memoryLimit;
        }

        public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "omm-spool");

        public MessageMemory Memory { get; }

        /// <summary>A buffer for a message whose length is not known before it is read: in memory up to the limit, else a temporary file.</summary>
        public Stream CreateGrowing() => new SpillingMessageBuffer(directory, memoryLimit);

        public Stream Create(long length)
        {
            if (length <= memoryLimit && Memory.TryTake((int)Math.Max(0, length)) is byte[][] chunks)
                return new ChunkedMessageBuffer(Memory, chunks, (int)Math.Max(0, length));

            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".eml");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        }
    }
}
