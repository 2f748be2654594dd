using System.Globalization;
using System.Runtime.InteropServices;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests;

/// <summary>Reads the process's resident memory: run alone, so that other tests' allocations do not move it.</summary>
[Collection(MeasuredAlone.Name)]
public sealed class NativeHeapTrimTests
{
    [Fact]
    public void Memory_native_code_freed_is_given_back_to_the_system()
    {
        if (!OperatingSystem.IsLinux())
            return;

        // 64 MB in blocks malloc serves from its arena (below its 128 KB mmap threshold), all freed but the
        // last, which keeps the arena from shrinking at its top by itself: the freed pages stay resident.
        const int blocks = 64 * 1024 / 16;
        var held = new IntPtr[blocks];
        for (var i = 0; i < blocks; i++)
        {
            held[i] = Marshal.AllocHGlobal(16 * 1024);
            for (var offset = 0; offset < 16 * 1024; offset += 4096)
                Marshal.WriteByte(held[i], offset, 1);
        }

        for (var i = 0; i < blocks - 1; i++)
            Marshal.FreeHGlobal(held[i]);
        var beforeTrim = ResidentBytes();
        NativeHeapTrim.Run();
        var afterTrim = ResidentBytes();
        Marshal.FreeHGlobal(held[blocks - 1]);

        Assert.True(beforeTrim - afterTrim > 32L * 1024 * 1024,
            $"Resident {beforeTrim / 1048576} MB before the trim, {afterTrim / 1048576} MB after.");
    }

    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
}
