using System;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The wait before a connection is tried again: the first delay, doubled for each attempt in a row that
    /// made no progress, at most <see cref="MaxDelay"/>, with ±20 % jitter so that many migrations cut at
    /// once do not come back at once. IMAP passes and DAV requests wait alike.
    /// </summary>
    internal static class RetryBackoff
    {
        public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

        /// <param name="fruitless">Attempts in a row without progress so far, from 1.</param>
        /// <param name="random">Not thread-safe: callers that share one lock it.</param>
        public static TimeSpan Delay(TimeSpan firstDelay, int fruitless, Random random)
        {
            var doubled = firstDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, fruitless - 1));
            return TimeSpan.FromMilliseconds(Math.Min(doubled, MaxDelay.TotalMilliseconds) * (0.8 + 0.4 * random.NextDouble()));
        }
    }
}
