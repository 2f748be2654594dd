using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Omm.Engine.State
{
    /// <summary>
    /// Makes SQLitePCLRaw find the native e_sqlite3 library shipped under runtimes/&lt;rid&gt;/native next
    /// to this assembly. A module is loaded by path into a host (pwsh, powershell.exe, a test runner)
    /// whose native probing never looks there, so the plain DllImport("e_sqlite3") fails without this.
    /// Three worlds: in the module's private load context (pwsh 7) that context's LoadUnmanagedDll answers
    /// the DllImport; in the default context of .NET (tests, tools referencing the engine) a DllImport
    /// resolver does; on .NET Framework (Windows PowerShell 5.1) the library is loaded ahead by full path.
    /// </summary>
    internal static class SqliteNativeLibrary
    {
        private const string LibraryName = "e_sqlite3";
        private static readonly object Gate = new object();
        private static bool initialized;
        private static IntPtr handle;

        public static void EnsureInitialized()
        {
            lock (Gate)
            {
                if (initialized)
                    return;

                var path = LocateLibrary();
                if (InPrivateLoadContext())
                {
                    // Omm.Loader's OmmLoadContext.LoadUnmanagedDll serves it from the same folder; a resolver
                    // set here would take precedence over it.
                }
                else if (!TryRegisterResolver(path))
                    PreloadWithLoadLibrary(path);
                SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());
                initialized = true;
            }
        }

        private static string LocateLibrary()
        {
            var runtimeId = RuntimeId(out var fileName);
            var baseDirectory = Path.GetDirectoryName(typeof(SqliteNativeLibrary).Assembly.Location) ?? AppContext.BaseDirectory;
            var path = Path.Combine(baseDirectory, "runtimes", runtimeId, "native", fileName);
            if (!File.Exists(path))
                throw new PlatformNotSupportedException(
                    $"Omm has no SQLite library for {runtimeId}: {path} is missing. " +
                    "The module ships it for linux-x64, win-x64, osx-x64 and osx-arm64.");
            return path;
        }

        private static string RuntimeId(out string fileName)
        {
            string os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                os = "win";
                fileName = LibraryName + ".dll";
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                os = "osx";
                fileName = "lib" + LibraryName + ".dylib";
            }
            else
            {
                os = "linux";
                fileName = "lib" + LibraryName + ".so";
            }

            string arch;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64: arch = "x64"; break;
                case Architecture.Arm64: arch = "arm64"; break;
                case Architecture.X86: arch = "x86"; break;
                default: arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(); break;
            }

            return os + "-" + arch;
        }

        // Whether the SQLite provider lives in the module's load context, named "Omm" (Omm.Loader's OmmLoadContext).
        // AssemblyLoadContext is not in netstandard2.0, hence reflection; false on .NET Framework, which has none.
        private static bool InPrivateLoadContext()
        {
            var contextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var getLoadContext = contextType?.GetMethod("GetLoadContext", new[] { typeof(Assembly) });
            var name = contextType?.GetProperty("Name");
            if (getLoadContext == null || name == null)
                return false;
            var own = getLoadContext.Invoke(null, new object[] { typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly });
            return own != null && (string?)name.GetValue(own) == "Omm";
        }

        // .NET Core 3+ (default load context): answer the provider assembly's DllImport with our file. The API is not
        // in netstandard2.0, hence reflection.
        private static bool TryRegisterResolver(string path)
        {
            var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
            var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: false);
            if (nativeLibrary == null || resolverType == null)
                return false;

            var load = nativeLibrary.GetMethod("Load", new[] { typeof(string) });
            var setResolver = nativeLibrary.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType });
            if (load == null || setResolver == null)
                return false;

            handle = (IntPtr)load.Invoke(null, new object[] { path })!;
            var resolve = typeof(SqliteNativeLibrary).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!;
            var resolver = Delegate.CreateDelegate(resolverType, resolve);
            try
            {
                setResolver.Invoke(null, new object[] { typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, resolver });
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException)
            {
                // Another module in this process registered a resolver for the same provider assembly;
                // the library is already loaded and its resolver serves it.
            }

            return true;
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
            libraryName == LibraryName ? handle : IntPtr.Zero;

        // .NET Framework (Windows PowerShell 5.1): once loaded by full path, LoadLibrary("e_sqlite3.dll")
        // behind the DllImport finds the module already in the process.
        private static void PreloadWithLoadLibrary(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                throw new PlatformNotSupportedException("This runtime has neither NativeLibrary nor LoadLibrary; Omm cannot load SQLite.");
            handle = LoadLibraryW(path);
            if (handle == IntPtr.Zero)
                throw new DllNotFoundException($"Cannot load {path} (Windows error {Marshal.GetLastWin32Error()}).");
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
