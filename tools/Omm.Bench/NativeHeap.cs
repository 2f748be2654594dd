using System.Runtime.InteropServices;

namespace Omm.Bench;

/// <summary>glibc's malloc statistics (mallinfo2, summed over all arenas): what native code holds and what malloc took for it.</summary>
internal static class NativeHeap
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 ReadMallInfo2();

    /// <returns>Bytes in use by native allocations, and bytes malloc took from the system (arenas and mapped blocks); zeros where unknown.</returns>
    public static (long InUse, long Taken) Read()
    {
        try
        {
            var info = ReadMallInfo2();
            return ((long)(info.UordBlks + info.HBlkHd), (long)(info.Arena + info.HBlkHd));
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
        {
            return (0, 0);
        }
    }
}
