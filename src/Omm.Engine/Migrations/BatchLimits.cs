using System;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// How many messages, or about how many bytes, go into one FETCH and one append (MULTIAPPEND). A batch
    /// gets through whole or not at all, so after connections broke without anything getting through,
    /// batches shrink (a quarter each time) until they fit between two breaks of a flaky link.
    /// </summary>
    internal readonly struct BatchLimits
    {
        public static readonly BatchLimits Default = new BatchLimits(32, 8 * 1024 * 1024);

        public BatchLimits(int messages, long bytes)
        {
            Messages = messages;
            Bytes = bytes;
        }

        public int Messages { get; }

        /// <summary>Large messages are spooled, not held in memory; a message larger than this still goes, alone.</summary>
        public long Bytes { get; }

        /// <param name="fruitlessAttempts">Attempts in a row whose connections broke before anything got through.</param>
        public static BatchLimits After(int fruitlessAttempts)
        {
            var divisor = 1 << (2 * Math.Min(Math.Max(fruitlessAttempts, 0), 5));
            return new BatchLimits(Math.Max(1, Default.Messages / divisor), Math.Max(64 * 1024, Default.Bytes / divisor));
        }

        /// <summary>These limits, made smaller where throughput caps want smaller batches.</summary>
        public BatchLimits Within(CopyPacer pacer) =>
            new BatchLimits(Math.Min(Messages, pacer.BatchMessages), Math.Min(Bytes, pacer.BatchBytes));

        public bool IsFull(int messages, long bytes) => messages >= Messages || bytes >= Bytes;
    }
}
