using System.Diagnostics;
using System.Globalization;

namespace Omm.Bench;

/// <summary>
/// Runs a program under GNU time: its wall time, peak RSS and CPU time (user + system, and system
/// alone), the CPU time the whole machine (servers included) spent meanwhile, and its standard output.
/// </summary>
internal static class TimedProcess
{
    public static (Run Measured, string Output) Run(string program, params string[] arguments) => Run(program, null, arguments);

    /// <param name="environment">Variables set for the program (and GNU time), besides this process's.</param>
    public static (Run Measured, string Output) Run(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        foreach (var argument in new[] { "-f", "peak-kb %M cpu %U %S", program }.Concat(arguments))
            start.ArgumentList.Add(argument);
        var machineBefore = MachineBusy();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        var machine = MachineBusy() - machineBefore;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {errors.Trim()}");

        // The last line GNU time writes: "peak-kb KB cpu USER SYSTEM".
        var fields = errors.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("peak-kb ", StringComparison.Ordinal))?.Split(' ') ?? [];
        double Field(int i) => fields.Length > i ? double.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        return (new Run(elapsed, (long)Field(1), TimeSpan.FromSeconds(Field(3) + Field(4)), TimeSpan.FromSeconds(Field(4)), machine), output.Result);
    }

    /// <summary>Linux: busy CPU time of all cores since boot (user, nice, system, irq, softirq), from /proc/stat.</summary>
    private static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new[] { 1, 2, 3, 6, 7 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
