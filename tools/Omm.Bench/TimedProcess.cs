using System.Diagnostics;
using System.Globalization;

namespace Omm.Bench;

/// <summary>Runs a program under GNU time: its wall time, its peak RSS, its CPU time (user + system) and its standard output.</summary>
internal static class TimedProcess
{
    /// <summary>CPU time the whole machine (servers included) spent during the last run.</summary>
    public static TimeSpan LastMachineCpu { get; private set; }

    /// <summary>The part of the last run's own CPU time spent in the kernel.</summary>
    public static TimeSpan LastSystemCpu { get; private set; }

    /// <summary>Linux: busy CPU time of all cores since boot (user, nice, system, irq, softirq), from /proc/stat.</summary>
    private static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new[] { 1, 2, 3, 6, 7 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static (TimeSpan Elapsed, long PeakKb, TimeSpan Cpu, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-f", "peak-kb %M cpu %U %S", program }.Concat(arguments))
            start.ArgumentList.Add(argument);
        var machineBefore = MachineBusy();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        LastMachineCpu = MachineBusy() - machineBefore;
        var peak = errors.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("peak-kb ", StringComparison.Ordinal));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {errors.Trim()}");
        var fields = peak?.Split(' ') ?? Array.Empty<string>();
        if (fields.Length > 4)
            LastSystemCpu = TimeSpan.FromSeconds(double.Parse(fields[4], CultureInfo.InvariantCulture));
        return (elapsed, fields.Length > 1 ? long.Parse(fields[1], CultureInfo.InvariantCulture) : 0,
            fields.Length > 4 ? TimeSpan.FromSeconds(double.Parse(fields[3], CultureInfo.InvariantCulture) + double.Parse(fields[4], CultureInfo.InvariantCulture)) : TimeSpan.Zero,
            output.Result);
    }
}
