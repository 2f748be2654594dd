using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Omm.Bench;

/// <summary>
/// What the managed heap holds, by type: the pass writes a dump of itself after a full collection
/// (OMM_BENCH_HEAPDUMP=FILE), and <c>heap FILE</c> sums its objects by type (dotnet-gcdump is not served here).
/// </summary>
internal static class HeapDump
{
    public static void WriteOfThisProcess(string path, bool collectFirst = true)
    {
        if (collectFirst)
            Collect();
        new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType.WithHeap, path);
    }

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <param name="rootedType">A type name: also prints how the first reachable object of it is reached from a root.</param>
    public static int Summarise(string path, int top, string? rootedType = null)
    {
        using var target = DataTarget.LoadDump(path);
        // The runtime that wrote the dump is this machine's: its data-access library is beside ours.
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(),
            OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? target.ClrVersions.Single().CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions.Single().CreateRuntime();
        var reachable = new ReachableObjects(runtime.Heap);
        var byType = new Dictionary<string, (long Count, long Bytes)>();
        long objects = 0, bytes = 0, dead = 0;
        foreach (var segment in runtime.Heap.Segments)
        {
            foreach (var item in segment.EnumerateObjects())
            {
                if (!item.IsValid || item.IsFree)
                    continue;
                if (!reachable.Contains(item.Address))
                {
                    dead += (long)item.Size;
                    continue;
                }

                var name = $"{item.Type?.Name ?? "?"} [{segment.Kind}]";
                var (count, size) = byType.GetValueOrDefault(name);
                byType[name] = (count + 1, size + (long)item.Size);
                objects++;
                bytes += (long)item.Size;
            }
        }

        if (rootedType != null)
            PrintRootPath(runtime.Heap, reachable, rootedType);
        Console.WriteLine($"{objects:N0} objects reachable, {bytes / 1e6:N1} MB; unreachable (not collected yet) {dead / 1e6:N1} MB");
        foreach (var (name, (count, size)) in byType.OrderByDescending(t => t.Value.Bytes).Take(top))
            Console.WriteLine($"{size / 1e6,9:N2} MB {count,9:N0}  {name}");
        return 0;
    }

    /// <summary>
    /// Every object reachable from a root, walked breadth first: each mapped to the object it was reached
    /// from (0 for a root), with a description of each root.
    /// </summary>
    private sealed class ReachableObjects
    {
        public ReachableObjects(ClrHeap heap)
        {
            var queue = new Queue<ulong>();
            foreach (var root in heap.EnumerateRoots())
            {
                if (root.Object.Address == 0 || !CameFrom.TryAdd(root.Object.Address, 0))
                    continue;
                Roots[root.Object.Address] = root is ClrStackRoot stack
                    ? $"{root.RootKind} in {stack.StackFrame?.Method?.Signature ?? stack.StackFrame?.FrameName ?? "?"} on thread {stack.StackFrame?.Thread?.ManagedThreadId}"
                    : root.RootKind.ToString();
                queue.Enqueue(root.Object.Address);
            }

            while (queue.Count > 0)
            {
                var address = queue.Dequeue();
                foreach (var reference in heap.GetObject(address).EnumerateReferences())
                {
                    if (reference.Address != 0 && CameFrom.TryAdd(reference.Address, address))
                        queue.Enqueue(reference.Address);
                }
            }
        }

        public Dictionary<ulong, ulong> CameFrom { get; } = new();

        public Dictionary<ulong, string> Roots { get; } = new();

        public bool Contains(ulong address) => CameFrom.ContainsKey(address);
    }

    private static void PrintRootPath(ClrHeap heap, ReachableObjects reachable, string typeName)
    {
        var first = heap.EnumerateObjects().FirstOrDefault(o => o.Type?.Name == typeName && reachable.Contains(o.Address));
        if (first.Address == 0)
        {
            Console.WriteLine($"  no {typeName} is reachable from a root");
            return;
        }

        for (var at = first.Address; at != 0; at = reachable.CameFrom[at])
            Console.WriteLine($"  {heap.GetObject(at).Type?.Name} {(reachable.Roots.TryGetValue(at, out var kind) ? "<- root " + kind : "")}");
    }
}
