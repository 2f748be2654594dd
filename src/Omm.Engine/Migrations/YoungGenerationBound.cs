using System;
using System.Reflection;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Keeps the runtime's youngest generation from setting the process's memory footprint. .NET sizes the
    /// allocation budget between two gen0 collections from the CPU's cache (on a server with a large L3, 80 MB
    /// and more, growing over a long pass), and a pass allocates at a steady rate, so it touched all of that
    /// budget and its peak memory grew with the mailbox copied. Collecting the youngest generation each time
    /// <see cref="Window"/> bytes were allocated keeps it to that, at a few milliseconds per collection: what a
    /// pass allocates (protocol parsing, batches) is short-lived. Every fourth such collection takes the
    /// second generation too and every sixteenth all of them, so that what batches promoted does not pile up
    /// there either (without, the oldest generation grew by about 10 MB over 50,000 messages); after those,
    /// what native code freed goes back to the system too (<see cref="NativeHeapTrim"/>).
    /// Forced collections and trims act on the whole process, so they run only where Omm owns it (the
    /// benchmark's pass process, a worker of Omm's own) and that process called <see cref="EnableForOwnedProcess"/>:
    /// in a user's PowerShell session other runspaces and modules live too, and the runtime's own setting
    /// (DOTNET_GCgen0size, docs/benchmarks.md) is the host's to choose. Where the runtime cannot tell its
    /// allocations (.NET Framework), nothing is done.
    /// </summary>
    internal sealed class YoungGenerationBound
    {
        public const long Window = 8 * 1024 * 1024;

        /// <summary>The process's bound, on the runtime's own counters: the one passes use.</summary>
        private static readonly YoungGenerationBound Process = new YoungGenerationBound(
            FindTotalAllocated(), () => GC.CollectionCount(0), CollectAndTrim);

        private readonly Func<long>? allocatedBytes;
        private readonly Func<int> youngCollections;
        private readonly Action<int> collect;
        private readonly object gate = new object();
        private long allocatedAtLastCollection;
        private int lastCollection = -1;
        private int induced;

        /// <param name="allocatedBytes">Bytes allocated so far by the process; null where the runtime cannot tell (then nothing is ever collected).</param>
        /// <param name="youngCollections">Collections of generation 0 so far, the runtime's and induced ones.</param>
        /// <param name="collect">Collects the generation given (0, 1 or 2).</param>
        internal YoungGenerationBound(Func<long>? allocatedBytes, Func<int> youngCollections, Action<int> collect)
        {
            this.allocatedBytes = allocatedBytes;
            this.youngCollections = youngCollections;
            this.collect = collect;
        }

        private volatile bool enabled;

        /// <summary>Lets passes of this process bound the youngest generation; for processes Omm owns, never a user's session.</summary>
        public static void EnableForOwnedProcess() => Process.Enable();

        /// <summary>
        /// Call between units of work (after each appended batch): where enabled, collects gen0 when a window's worth was
        /// allocated since it was last collected.
        /// </summary>
        public static void Check() => Process.CheckIfEnabled();

        internal void Enable() => enabled = true;

        /// <summary>As <see cref="CheckNow"/> once <see cref="Enable"/> was called; until then never collects (-1).</summary>
        internal int CheckIfEnabled() => enabled ? CheckNow() : -1;

        /// <summary>Collects when a window's worth was allocated since the last collection; returns the generation collected, or -1.</summary>
        internal int CheckNow()
        {
            if (allocatedBytes == null)
                return -1;
            lock (gate)
            {
                var allocated = allocatedBytes();
                var collection = youngCollections();
                if (collection != lastCollection)
                {
                    // The runtime collected since the last check: count from here.
                    lastCollection = collection;
                    allocatedAtLastCollection = allocated;
                    return -1;
                }

                if (allocated - allocatedAtLastCollection < Window)
                    return -1;
                induced++;
                var generation = induced % 16 == 0 ? 2 : induced % 4 == 0 ? 1 : 0;
                collect(generation);
                lastCollection = youngCollections();
                allocatedAtLastCollection = allocatedBytes();
                return generation;
            }
        }

        internal static void CollectAndTrim(int generation)
        {
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
            if (generation == 2)
                NativeHeapTrim.Run();
        }

        /// <summary>GC.GetTotalAllocatedBytes (.NET Core 3.0 and later; this assembly targets netstandard2.0).</summary>
        private static Func<long>? FindTotalAllocated()
        {
            var method = typeof(GC).GetMethod("GetTotalAllocatedBytes", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(bool) }, null);
            if (method == null)
                return null;
            var total = (Func<bool, long>)Delegate.CreateDelegate(typeof(Func<bool, long>), method);
            return () => total(false);
        }
    }
}
