using System.Reflection;
using Omm.Loader;

namespace Omm.Net8Host;

/// <summary>
/// Usage: Omm.Net8Host MODULE_FOLDER PATH DESTINATION LOGIN PASSWORD STATE_PATH. Prints one JSON line (see <see cref="Scenario"/>).
/// This part runs in the default context; it loads a second copy of this assembly into Omm's private context and runs
/// <see cref="Scenario.Run"/> there, so that every engine type the scenario names binds inside that context, as the
/// cmdlets' calls do in pwsh.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var moduleFolder = Path.GetFullPath(args[0]);
        var context = OmmLoadContext.Register(moduleFolder, Path.Combine(moduleFolder, "Dependencies"));
        var inContext = context.LoadFromAssemblyPath(typeof(Program).Assembly.Location);
        var run = inContext.GetType(typeof(Scenario).FullName!, throwOnError: true)!.GetMethod(nameof(Scenario.Run))!;
        try
        {
            return (int)run.Invoke(null, new object[] { args })!;
        }
        catch (TargetInvocationException e)
        {
            Console.Error.WriteLine(e.InnerException);
            return 2;
        }
    }
}
