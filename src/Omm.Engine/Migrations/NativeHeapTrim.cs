using System;
using System.Runtime.InteropServices;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Gives the memory native code freed back to the system (glibc's malloc_trim). What holds it is mostly
    /// the runtime's JIT: over the first tens of seconds of a pass it recompiles hot methods (tiered
    /// compilation) and frees its working memory after each, but glibc keeps freed memory in its arenas, so a
    /// long pass kept about 5 MB more resident than a short one for nothing (heaptrack: 10.8 MB held by
    /// libclrjit at the peak of a 5,000-message pass). Elsewhere (Windows, macOS, musl) nothing is done.
    /// </summary>
    internal static class NativeHeapTrim
    {
        private static bool unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        public static void Run()
        {
            if (unavailable)
                return;
            try
            {
                MallocTrim(UIntPtr.Zero);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                unavailable = true;
            }
        }

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(UIntPtr pad);
    }
}
