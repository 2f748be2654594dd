using System.Globalization;
using System.Text;

namespace Omm.Bench;

/// <summary>
/// Samples the process's resident set every 50 ms and keeps the GC's figures at the moment it peaked,
/// to tell what the peak RSS is made of (OMM_BENCH_GC=1).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;
    private readonly object gate = new();
    private long peakRss;
    private string atPeak = "";
    private readonly List<(long Milliseconds, long Rss)> samples = new();
    private readonly long started = Environment.TickCount64;

    public MemorySampler() => timer = new Timer(_ => Sample(), null, 0, 50);

    private void Sample()
    {
        var rss = ResidentBytes();
        lock (gate)
        {
            samples.Add((Environment.TickCount64 - started, rss));
            if (rss <= peakRss)
                return;
            peakRss = rss;
            atPeak = Describe(GC.GetGCMemoryInfo()) + " " + NativeFigures();
        }
    }

    public string Report()
    {
        Sample();
        lock (gate)
            return $"  RSS (MB) at most, by tenths of the pass: {string.Join(' ', samples.GroupBy(x => Math.Min(9, x.Milliseconds * 10 / Math.Max(1, samples[^1].Milliseconds + 1))).Select(g => (g.Max(x => x.Rss) / 1e6).ToString("N0", CultureInfo.InvariantCulture)))}\n" +
                $"  at peak RSS {peakRss / 1e6:N0} MB: {atPeak}\n  after the pass: {Describe(GC.GetGCMemoryInfo())} {NativeFigures()}";
    }

    private static string Describe(GCMemoryInfo info)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"GC committed {info.TotalCommittedBytes / 1e6:N0} MB, heap {info.HeapSizeBytes / 1e6:N0} MB, fragmented {info.FragmentedBytes / 1e6:N0} MB, last GC #{info.Index} gen{info.Generation};");
        string[] names = { "gen0", "gen1", "gen2", "LOH", "POH" };
        for (var i = 0; i < info.GenerationInfo.Length && i < names.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $" {names[i]} {info.GenerationInfo[i].SizeAfterBytes / 1e6:N1} (frag {info.GenerationInfo[i].FragmentationAfterBytes / 1e6:N1})");
        return text.ToString();
    }

    /// <summary>
    /// Linux, besides the GC heap: the resident set by kind (anonymous memory, mapped files, shared memory, where
    /// the JIT's code lives), from one read of /proc/self/status; the methods the JIT compiled (tiered compilation
    /// recompiles hot ones, its code and working memory growing with the process's age); what native code has
    /// from malloc (SQLite's cache, the JIT's working memory) and the threads (each may get a malloc arena).
    /// </summary>
    private static string NativeFigures()
    {
        var status = File.ReadAllLines("/proc/self/status");
        var kinds = status.Where(l => l.StartsWith("RssAnon", StringComparison.Ordinal) || l.StartsWith("RssFile", StringComparison.Ordinal) ||
                l.StartsWith("RssShmem", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var threads = status.FirstOrDefault(l => l.StartsWith("Threads", StringComparison.Ordinal))?.Split('\t')[^1].Trim();
        var heap = NativeHeap.Read();
        return string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", kinds)}; JIT {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods compiled " +
            $"({System.Runtime.JitInfo.GetCompiledILBytes() / 1e6:N1} MB of IL), malloc {heap.InUse / 1e6:N1} MB in use of {heap.Taken / 1e6:N1} MB taken, {threads} threads");
    }

    /// <summary>Linux: resident pages from /proc/self/statm.</summary>
    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;

    public void Dispose() => timer.Dispose();
}
