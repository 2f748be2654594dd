using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Runs when PowerShell imports Omm.PowerShell.dll, before any cmdlet: makes Omm.Engine and the libraries in
    /// the module's Dependencies folder loadable. On pwsh 7 they go into a private load context (Omm.Loader.dll);
    /// on Windows PowerShell 5.1, which has none, an AssemblyResolve handler loads them from that folder.
    /// </summary>
    /// <remarks>
    /// PowerShell lists this assembly's public types before it calls <see cref="OnImport"/>, so no public type here
    /// may derive from, implement or hold (as a struct field) a type of the engine or of its libraries:
    /// ModuleTests.Cmdlet_types_load_without_the_engine keeps it so.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object Gate = new object();
        private static bool registered;
        private static Dictionary<string, string>? desktopDependencies;

        public void OnImport()
        {
            lock (Gate)
            {
                if (registered)
                    return;
                var moduleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
                var dependencyFolder = Path.Combine(moduleFolder, "Dependencies");
                if (typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null)
                    RegisterLoadContext(moduleFolder, dependencyFolder);
                else
                    RegisterAssemblyResolve(dependencyFolder);
                registered = true;
            }
        }

        // pwsh 7: Omm.Loader (net8.0) derives the load context; it is called by reflection because this assembly
        // targets netstandard2.0, where AssemblyLoadContext does not exist.
        private static void RegisterLoadContext(string moduleFolder, string dependencyFolder)
        {
            if (Environment.Version.Major < 8)
                throw new PlatformNotSupportedException($"Omm needs PowerShell 7.4 or later (.NET 8); this PowerShell runs on .NET {Environment.Version}.");
            var loader = Assembly.LoadFrom(Path.Combine(moduleFolder, "Omm.Loader.dll"));
            var context = loader.GetType("Omm.Loader.OmmLoadContext", throwOnError: true)!;
            context.GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { moduleFolder, dependencyFolder });
        }

        // Windows PowerShell 5.1 (.NET Framework): one AppDomain, no load contexts. A name that no other place
        // resolved and that Dependencies holds is loaded from there (LoadFrom, so that its own references are found
        // beside it). Other modules' requests for these names are answered too when they have no copy of their own;
        // a version already loaded by someone else stays theirs, as strong-named side-by-side loading allows.
        private static void RegisterAssemblyResolve(string dependencyFolder)
        {
            desktopDependencies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in Directory.GetFiles(dependencyFolder, "*.dll"))
                desktopDependencies[Path.GetFileNameWithoutExtension(path)] = path;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == null || desktopDependencies == null || !desktopDependencies.TryGetValue(name, out var path))
                return null;
            return Assembly.LoadFrom(path);
        }
    }
}
