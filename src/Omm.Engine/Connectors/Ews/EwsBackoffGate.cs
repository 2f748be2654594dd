using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// What Exchange asked of the clients of one mailbox on one server, shared by every session of the process: no request
    /// before a back-off it gave (ErrorServerBusy) has passed, since a request sent earlier prolongs it; and at most so many
    /// requests at once (fewer after ErrorExceededConnectionCount).
    /// </summary>
    internal sealed class EwsBackoffGate
    {
        /// <summary>Exchange's default EWSMaxConcurrency is 27 per user (10 on 2010); a migration asks far fewer.</summary>
        public const int DefaultConcurrency = 6;

        private static readonly ConcurrentDictionary<string, EwsBackoffGate> Gates = new ConcurrentDictionary<string, EwsBackoffGate>(StringComparer.OrdinalIgnoreCase);

        private readonly SemaphoreSlim slots = new SemaphoreSlim(DefaultConcurrency, DefaultConcurrency);
        private readonly object sync = new object();
        private DateTimeOffset until = DateTimeOffset.MinValue;
        private int withheld;
        private int inFlight;

        /// <summary>The gate of <paramref name="mailbox"/> on the server at <paramref name="url"/>.</summary>
        public static EwsBackoffGate For(Uri url, string mailbox) => Gates.GetOrAdd(url.Authority + "|" + mailbox, _ => new EwsBackoffGate());

        /// <summary>When requests may be sent again; in the past when they may now.</summary>
        public DateTimeOffset Until
        {
            get
            {
                lock (sync)
                    return until;
            }
        }

        /// <summary>How many requests may be in flight at once now.</summary>
        public int Concurrency => DefaultConcurrency - Volatile.Read(ref withheld);

        /// <summary>Waits for a free slot and for the back-off to end; dispose the result when the answer is in.</summary>
        public async Task<IDisposable> EnterAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (var wait = Until - time.GetUtcNow(); wait > TimeSpan.Zero; wait = Until - time.GetUtcNow())
                    await time.Delay(wait, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref inFlight);
                return new Slot(this);
            }
            catch
            {
                slots.Release();
                throw;
            }
        }

        /// <summary>Exchange said to wait this long from now before the next request for this mailbox.</summary>
        public void BackOff(TimeSpan wait, TimeProvider time)
        {
            lock (sync)
            {
                var end = time.GetUtcNow() + wait;
                if (end > until)
                    until = end;
            }
        }

        /// <summary>
        /// Exchange counts too many connections for this mailbox (a request refused, its slot given back): from now on keep
        /// one slot fewer, and no more than the others still in flight, which Exchange took (never below one).
        /// </summary>
        public void Narrow()
        {
            lock (sync)
            {
                var target = Math.Max(1, Math.Min(Concurrency - 1, Volatile.Read(ref inFlight)));
                while (Concurrency > target)
                {
                    Interlocked.Increment(ref withheld);
                    // Taking a slot for good: waits for one in flight to end, without holding the caller up.
                    _ = slots.WaitAsync();
                }
            }
        }

        private sealed class Slot : IDisposable
        {
            private EwsBackoffGate? gate;

            public Slot(EwsBackoffGate gate)
            {
                this.gate = gate;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref gate, null) is EwsBackoffGate owner)
                {
                    Interlocked.Decrement(ref owner.inFlight);
                    owner.slots.Release();
                }
            }
        }
    }
}
