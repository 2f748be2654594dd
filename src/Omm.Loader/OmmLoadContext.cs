using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Omm.Loader
{
    /// <summary>
    /// The load context named "Omm" that holds Omm.Engine and the libraries it ships in the module's
    /// Dependencies folder (MailKit, MimeKit, BouncyCastle, SQLite...), so that other versions of them in the
    /// session (another module's) neither break Omm nor are broken by it.
    /// </summary>
    /// <remarks>
    /// Which copy an assembly name gets, in order:
    /// <list type="number">
    /// <item>The assemblies users see, <c>Omm.Contracts</c> (and the cmdlet and loader assemblies), come from the
    /// default context: the one <c>[Omm.Migration]</c> names in a script.</item>
    /// <item>A name not in Dependencies (the framework, <c>System.Management.Automation</c>, <c>netstandard</c>) falls
    /// back to the default context.</item>
    /// <item>A name the host already has in its trusted platform assemblies (the .NET shared framework, $PSHOME)
    /// at the same or a newer version than Dependencies' copy comes from there too: one <c>Span&lt;T&gt;</c>, one
    /// <c>ValueTask</c>. Only a strictly newer copy of ours is loaded here (System.Formats.Asn1 10 on .NET 8).</item>
    /// <item>Anything else in Dependencies loads here, from there.</item>
    /// </list>
    /// Native libraries (SQLite's e_sqlite3) come from Dependencies/runtimes/&lt;rid&gt;/native.
    /// </remarks>
    public sealed class OmmLoadContext : AssemblyLoadContext
    {
        public const string ContextName = "Omm";

        /// <summary>The assemblies the private context always takes from the default one.</summary>
        public static readonly IReadOnlyCollection<string> SharedAssemblies = new[] { "Omm.Contracts", "Omm.PowerShell", "Omm.Loader" };

        private static readonly object Gate = new object();
        private static OmmLoadContext? instance;

        private readonly string moduleFolder;
        private readonly string dependencyFolder;
        private readonly Dictionary<string, string> dependencies;
        private readonly Dictionary<string, string> platform;

        private OmmLoadContext(string moduleFolder, string dependencyFolder)
            : base(ContextName, isCollectible: false)
        {
            this.moduleFolder = moduleFolder;
            this.dependencyFolder = dependencyFolder;
            dependencies = Directory.EnumerateFiles(dependencyFolder, "*.dll")
                .ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase);
            platform = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                platform[Path.GetFileNameWithoutExtension(path)] = path;
        }

        /// <summary>The one context of this process, once <see cref="Register"/> made it.</summary>
        public static OmmLoadContext? Instance
        {
            get
            {
                lock (Gate)
                    return instance;
            }
        }

        /// <summary>
        /// Makes the context (once per process: a binary module is never unloaded, and a second import reuses it)
        /// and lets the default context find Omm.Engine through it. Called by the module's initializer before
        /// any cmdlet runs, and by hosts that load the engine the way the module does.
        /// </summary>
        /// <param name="moduleFolder">The folder of Omm.psd1 and the assemblies users see.</param>
        /// <param name="dependencyFolder">Its Dependencies folder.</param>
        public static OmmLoadContext Register(string moduleFolder, string dependencyFolder)
        {
            lock (Gate)
            {
                if (instance != null)
                    return instance;
                instance = new OmmLoadContext(Path.GetFullPath(moduleFolder), Path.GetFullPath(dependencyFolder));
                Default.Resolving += ResolveEngine;
                return instance;
            }
        }

        // Omm.PowerShell (default context) refers to Omm.Engine, which is not beside it: hand it the private copy.
        // Only the engine is bridged; everything it needs is then resolved by this context's Load.
        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
        {
            var self = Instance;
            if (self == null || !string.Equals(name.Name, "Omm.Engine", StringComparison.Ordinal) ||
                !self.dependencies.TryGetValue("Omm.Engine", out var path))
                return null;
            // By path, not by name: a name this context does not find falls back to the default context, whose
            // Resolving event would call this handler again.
            return self.LoadFromAssemblyPath(path);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name == null)
                return null;
            if (SharedAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase))
                return FromDefault(name);
            if (!dependencies.TryGetValue(name, out var path))
                return null;
            if (platform.TryGetValue(name, out var platformPath) && !IsNewer(path, platformPath))
                return null;
            return LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var folder = Path.Combine(dependencyFolder, "runtimes", RuntimeId(), "native");
            foreach (var candidate in NativeFileNames(unmanagedDllName))
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path))
                    return LoadUnmanagedDllFromPath(path);
            }

            return IntPtr.Zero;
        }

        private Assembly? FromDefault(string name)
        {
            foreach (var assembly in Default.Assemblies)
            {
                if (string.Equals(assembly.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
                    return assembly;
            }

            var path = Path.Combine(moduleFolder, name + ".dll");
            return File.Exists(path) ? Default.LoadFromAssemblyPath(path) : null;
        }

        private static bool IsNewer(string path, string than)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path).Version > AssemblyName.GetAssemblyName(than).Version;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static IEnumerable<string> NativeFileNames(string name)
        {
            yield return name;
            if (OperatingSystem.IsWindows())
            {
                yield return name + ".dll";
            }
            else
            {
                var suffix = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
                yield return name + suffix;
                yield return "lib" + name + suffix;
            }
        }

        /// <summary>The runtimes/&lt;rid&gt; folder name of this machine (linux-x64, win-x64, osx-arm64...).</summary>
        public static string RuntimeId()
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }
    }
}
