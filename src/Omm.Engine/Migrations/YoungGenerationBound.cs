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
    /// The runtime settings that would do the same (GCgen0size) belong to the host process (PowerShell), not
    /// to a module. Where the runtime cannot tell its allocations (.NET Framework), nothing is done.
    /// </summary>
    internal static class YoungGenerationBound
    {
        public const long Window = 8 * 1024 * 1024;

        private static readonly Func<bool, long>? TotalAllocated = FindTotalAllocated();
        private static readonly object Gate = new object();
        private static long allocatedAtLastCollection;
        private static int lastCollection = -1;
        private static int induced;

        /// <summary>Call between units of work (after each appended batch): collects gen0 when a window's worth was allocated since it was last collected.</summary>
        public static void Check()
        {
            if (TotalAllocated == null)
                return;
            lock (Gate)
            {
                var allocated = TotalAllocated(false);
                var collection = GC.CollectionCount(0);
                if (collection != lastCollection)
                {
                    // The runtime collected since the last check: count from here.
                    lastCollection = collection;
                    allocatedAtLastCollection = allocated;
                    return;
                }

                if (allocated - allocatedAtLastCollection < Window)
                    return;
                induced++;
                var generation = induced % 16 == 0 ? 2 : induced % 4 == 0 ? 1 : 0;
                GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
                if (generation == 2)
                    NativeHeapTrim.Run();
                lastCollection = GC.CollectionCount(0);
                allocatedAtLastCollection = TotalAllocated(false);
            }
        }

        /// <summary>GC.GetTotalAllocatedBytes (.NET Core 3.0 and later; this assembly targets netstandard2.0).</summary>
        private static Func<bool, long>? FindTotalAllocated()
        {
            var method = typeof(GC).GetMethod("GetTotalAllocatedBytes", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(bool) }, null);
            return method == null ? null : (Func<bool, long>)Delegate.CreateDelegate(typeof(Func<bool, long>), method);
        }
    }
}
