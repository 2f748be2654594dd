using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Omm.Bench;

/// <summary>
/// What a pass allocates, by type: sums the runtime's allocation samples (one event about every 100 KB
/// allocated, naming the type that crossed the mark) in a trace recorded with OMM_BENCH_TRACE and
/// OMM_BENCH_TRACE_ALLOCATIONS=1.
/// </summary>
internal static class AllocationSummary
{
    public static int Run(string path, int top)
    {
        var byType = new Dictionary<string, (long Samples, long Bytes)>();
        long total = 0;
        using (var source = new EventPipeEventSource(path))
        {
            source.Clr.GCAllocationTick += (GCAllocationTickTraceData data) =>
            {
                var name = data.TypeName ?? "?";
                var (samples, bytes) = byType.GetValueOrDefault(name);
                byType[name] = (samples + 1, bytes + data.AllocationAmount64);
                total += data.AllocationAmount64;
            };
            source.Process();
        }

        Console.WriteLine($"{total / 1e6:N0} MB allocated in samples");
        foreach (var (name, (samples, bytes)) in byType.OrderByDescending(t => t.Value.Bytes).Take(top))
            Console.WriteLine($"{bytes / 1e6,9:N1} MB {100.0 * bytes / Math.Max(1, total),5:N1} % {samples,7:N0}  {name}");
        return 0;
    }
}
