using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// The memory fetched messages wait in until they are appended, for one pass: chunks of 16 KB, reused
    /// from message to message, up to a budget. The chunks stay below the large object heap's threshold and
    /// live as long as the pass, so the heap neither grows with the number or size of the messages copied
    /// nor fragments (arrays of a message's size, even pooled, did both); a message the budget cannot hold
    /// waits in a temporary file instead.
    /// </summary>
    internal sealed class MessageMemory
    {
        public const int ChunkSize = 16 * 1024;

        private readonly object gate = new object();
        private readonly Stack<byte[]> free = new Stack<byte[]>();
        private readonly int budgetChunks;
        private int taken;
        private int mostTaken;
        private int refused;

        public MessageMemory(long budgetBytes)
        {
            budgetChunks = (int)Math.Min(int.MaxValue, Math.Max(0, budgetBytes / ChunkSize));
        }

        /// <summary>
        /// Enough for every batch a pass can hold at once: on each connection pair one batch is appended while
        /// the next is read.
        /// </summary>
        public static MessageMemory ForPass(int connections, long batchBytes) => new MessageMemory(Math.Max(1, connections) * 2 * batchBytes);

        public long BudgetBytes => (long)budgetChunks * ChunkSize;

        /// <summary>Bytes in chunks handed out and not given back yet.</summary>
        public long BytesTaken
        {
            get
            {
                lock (gate)
                    return (long)taken * ChunkSize;
            }
        }

        /// <summary>The most bytes in chunks handed out at one time.</summary>
        public long MostBytesTaken
        {
            get
            {
                lock (gate)
                    return (long)mostTaken * ChunkSize;
            }
        }

        /// <summary>How many messages small enough for memory found no room in the budget.</summary>
        public int Refused
        {
            get
            {
                lock (gate)
                    return refused;
            }
        }

        /// <summary>Chunks enough for <paramref name="length"/> bytes, or null when the budget has not that many left.</summary>
        public byte[][]? TryTake(int length)
        {
            var count = (int)(((long)length + ChunkSize - 1) / ChunkSize);
            byte[][] chunks;
            lock (gate)
            {
                if (taken + count > budgetChunks)
                {
                    refused++;
                    return null;
                }

                taken += count;
                mostTaken = Math.Max(mostTaken, taken);
                chunks = new byte[count][];
                for (var i = 0; i < count && free.Count > 0; i++)
                    chunks[i] = free.Pop();
            }

            for (var i = 0; i < count; i++)
                chunks[i] ??= new byte[ChunkSize];
            return chunks;
        }

        public void Give(byte[][] chunks)
        {
            lock (gate)
            {
                foreach (var chunk in chunks)
                    free.Push(chunk);
                taken -= chunks.Length;
            }
        }
    }
}
