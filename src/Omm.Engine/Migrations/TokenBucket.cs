using System;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Tokens that come at a steady rate and pile up to a capacity while unused, kept as the time by which
    /// all tokens taken so far are paid for (seconds on its owner's clock). It starts empty (paid up at
    /// 0), so that however it is used no more than rate × elapsed time is ever taken. A taking larger than
    /// the capacity (a message larger than a batch's budget) may start once its whole size has come in.
    /// Not thread-safe. (System.Threading.RateLimiting's token bucket is not used: it takes no
    /// TimeProvider, so it cannot be tested on a fake clock, and it refuses a taking over its limit.)
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly double rate;
        private readonly double capacity;
        private double paidUntil;

        /// <param name="rate">Tokens per second.</param>
        /// <param name="capacity">The most that pile up while nobody takes any.</param>
        public TokenBucket(double rate, double capacity)
        {
            if (!(rate > 0) || double.IsInfinity(rate))
                throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be a positive number.");
            this.rate = rate;
            this.capacity = Math.Max(capacity, 0);
        }

        /// <summary>The earliest time at which <paramref name="amount"/> tokens are there, asked at <paramref name="now"/>.</summary>
        public double EarliestStart(double amount, double now) => Math.Max(paidUntil, now - Math.Max(capacity, amount) / rate) + amount / rate;

        /// <summary>
        /// Takes <paramref name="amount"/> tokens at <paramref name="start"/> (not before <see cref="EarliestStart"/>): what
        /// piled up until then, to the capacity, pays for them.
        /// </summary>
        public void Take(double amount, double start) => paidUntil = Math.Max(paidUntil, start - Math.Max(capacity, amount) / rate) + amount / rate;
    }
}
