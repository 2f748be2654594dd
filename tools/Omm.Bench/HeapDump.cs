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

    /// <param name="rootedType">A type name: also prints how the first object of it is reachable from a root.</param>
    public static int Summarise(string path, int top, string? rootedType = null)
    {
        using var target = DataTarget.LoadDump(path);
        // The runtime that wrote the dump is this machine's: its data-access library is beside ours.
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(),
            OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? target.ClrVersions.Single().CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions.Single().CreateRuntime();
        var reachable = Reachable(runtime.Heap);
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
            PrintRootPath(runtime.Heap, rootedType);
        Console.WriteLine($"{objects:N0} objects reachable, {bytes / 1e6:N1} MB; unreachable (not collected yet) {dead / 1e6:N1} MB");
        foreach (var (name, (count, size)) in byType.OrderByDescending(t => t.Value.Bytes).Take(top))
            Console.WriteLine($"{size / 1e6,9:N2} MB {count,9:N0}  {name}");
        return 0;
    }

    private static HashSet<ulong> Reachable(ClrHeap heap)
    {
        var seen = new HashSet<ulong>();
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && seen.Add(root.Object.Address))
                pending.Push(root.Object.Address);
        }

        while (pending.Count > 0)
        {
            foreach (var reference in heap.GetObject(pending.Pop()).EnumerateReferences())
            {
                if (reference.Address != 0 && seen.Add(reference.Address))
                    pending.Push(reference.Address);
            }
        }

        return seen;
    }

    private static void PrintRootPath(ClrHeap heap, string typeName)
    {
        var cameFrom = new Dictionary<ulong, ulong>();
        var queue = new Queue<ulong>();
        var roots = new Dictionary<ulong, string>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address == 0 || cameFrom.ContainsKey(root.Object.Address))
                continue;
            cameFrom[root.Object.Address] = 0;
            roots[root.Object.Address] = root is ClrStackRoot stack
                ? $"{root.RootKind} in {stack.StackFrame?.Method?.Signature ?? stack.StackFrame?.FrameName ?? "?"} on thread {stack.StackFrame?.Thread?.ManagedThreadId}"
                : root.RootKind.ToString();
            queue.Enqueue(root.Object.Address);
        }

        while (queue.Count > 0)
        {
            var address = queue.Dequeue();
            var item = heap.GetObject(address);
            if (item.Type?.Name == typeName)
            {
                for (var at = address; at != 0; at = cameFrom[at])
                    Console.WriteLine($"  {heap.GetObject(at).Type?.Name} {(roots.TryGetValue(at, out var kind) ? "<- root " + kind : "")}");
                return;
            }

            foreach (var reference in item.EnumerateReferences())
            {
                if (reference.Address != 0 && cameFrom.TryAdd(reference.Address, address))
                    queue.Enqueue(reference.Address);
            }
        }

        Console.WriteLine($"  no {typeName} is reachable from a root");
    }
}
