using System.Diagnostics;
using Omm.Engine.Migrations;

namespace Omm.Bench;

/// <summary>
/// What the benchmarks show of a pass: item problems and warnings always, the verbose log with
/// timestamps when OMM_BENCH_VERBOSE=1; counts the warnings (each reconnection is one).
/// </summary>
internal sealed class BenchObserver : IMigrationObserver
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool verbose = Environment.GetEnvironmentVariable("OMM_BENCH_VERBOSE") == "1";
    private int warnings;

    public int Warnings => Volatile.Read(ref warnings);

    public void OnProgress(MigrationProgress progress)
    {
    }

    public void OnItemProblem(ItemError problem) => Console.WriteLine($"  {problem.Type}: {problem.ItemName}: {problem.Message}");

    public void OnVerbose(string message)
    {
        if (verbose)
            Console.WriteLine($"  {clock.ElapsedMilliseconds,6} ms  {message}");
    }

    public void OnWarning(string message)
    {
        Interlocked.Increment(ref warnings);
        Console.WriteLine("  warning: " + message);
    }
}
