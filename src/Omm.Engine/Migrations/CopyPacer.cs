using System;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Holds a pass's appends to its <see cref="ThroughputCaps"/>: every connection of the pass asks it
    /// before each append, so the caps hold for all of them together. Under a cap, batches are cut to
    /// about <see cref="Slice"/> of the budget, so that pacing works below the normal batch size (32
    /// messages, 8 MB); a single message larger than that still goes, after the wait its size calls for.
    /// The buckets start empty, so a pass never copies more than cap × its duration; while the pass
    /// does something else (logs in, lists or opens a folder) up to <see cref="Burst"/> of the budget piles
    /// up, so that such pauses do not pull a run well under its cap.
    /// </summary>
    internal sealed class CopyPacer
    {
        /// <summary>A capped batch holds about this much of the per-second budget.</summary>
        public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);

        /// <summary>At most this much of the budget piles up while nothing is appended.</summary>
        public static readonly TimeSpan Burst = TimeSpan.FromSeconds(1);

        public static readonly CopyPacer Unlimited = new CopyPacer(ThroughputCaps.None, TimeProvider.System);

        private readonly object gate = new object();
        private readonly TimeProvider time;
        private readonly TokenBucket? messages;
        private readonly TokenBucket? bytes;
        private readonly long origin;

        public CopyPacer(ThroughputCaps caps, TimeProvider time)
        {
            Caps = caps;
            this.time = time;
            origin = time.GetTimestamp();
            if (caps.MaxMessagesPerSecond is double messageRate)
            {
                BatchMessages = (int)Math.Max(1, Math.Min(BatchMessages, Math.Floor(messageRate * Slice.TotalSeconds)));
                messages = new TokenBucket(messageRate, Math.Max(BatchMessages, messageRate * Burst.TotalSeconds));
            }

            if (caps.MaxBytesPerSecond is long byteRate)
            {
                BatchBytes = (long)Math.Max(1, Math.Min(BatchBytes, byteRate * Slice.TotalSeconds));
                bytes = new TokenBucket(byteRate, Math.Max(BatchBytes, byteRate * Burst.TotalSeconds));
            }
        }

        public ThroughputCaps Caps { get; }

        /// <summary>At most this many messages go into one append.</summary>
        public int BatchMessages { get; } = BatchLimits.Default.Messages;

        /// <summary>About this many bytes go into one append (one message larger than that goes alone).</summary>
        public long BatchBytes { get; } = BatchLimits.Default.Bytes;

        /// <summary>
        /// Books an append of this size; returns how long to wait before sending it. Both caps are charged
        /// as of that moment, so that while one cap holds an append back the other does not count it as
        /// sent and let later appends bunch up behind it.
        /// </summary>
        public TimeSpan Reserve(int messageCount, long byteCount)
        {
            if (messages == null && bytes == null)
                return TimeSpan.Zero;
            lock (gate)
            {
                var now = time.GetElapsedTime(origin).TotalSeconds;
                var start = Math.Max(now, Math.Max(messages?.EarliestStart(messageCount, now) ?? now, bytes?.EarliestStart(byteCount, now) ?? now));
                messages?.Take(messageCount, start);
                bytes?.Take(byteCount, start);
                return TimeSpan.FromTicks((long)Math.Ceiling((start - now) * TimeSpan.TicksPerSecond));
            }
        }

        /// <summary>Books an append of this size and waits until it may be sent.</summary>
        /// <exception cref="OperationCanceledException">The pass was asked to stop while waiting.</exception>
        public async Task WaitAsync(int messageCount, long byteCount, CancellationToken stopToken)
        {
            var wait = Reserve(messageCount, byteCount);
            while (wait > TimeSpan.Zero)
            {
                // A timer waits 49 days at most; a huge message under a tiny byte cap may need longer.
                var step = wait < LongestStep ? wait : LongestStep;
                await time.Delay(step, stopToken).ConfigureAwait(false);
                wait -= step;
            }
        }

        private static readonly TimeSpan LongestStep = TimeSpan.FromDays(1);
    }
}
