using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Omm.Engine.State
{
    /// <summary>
    /// Creates a file that only its owner may read or write (mode 0600 on Unix; Windows files already
    /// inherit the user's profile ACL). A state file records account names, servers and item subjects;
    /// SQLite gives its -wal and -shm files the same mode as the database file.
    /// </summary>
    internal static class OwnerOnlyFile
    {
        private const int OwnerReadWrite = 0x180; // 0600

        /// <summary>Creates <paramref name="path"/> empty with owner-only access, unless it exists.</summary>
        public static void CreateIfMissing(string path)
        {
            if (File.Exists(path))
                return;
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                if (chmod(path, OwnerReadWrite) != 0)
                    throw new IOException($"Cannot make '{path}' readable by its owner only (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
