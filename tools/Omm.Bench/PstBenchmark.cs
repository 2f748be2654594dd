using System.Diagnostics;
using Omm.Engine.Connectors.Files.Pst;

namespace Omm.Bench;

/// <summary>
/// Reads every item of a PST and rebuilds its MIME (what Import-OmmFile does before appending), and
/// runs Debian's readpst on the same file, several rounds each; prints items per second side by side.
/// </summary>
internal static class PstBenchmark
{
    public static int Run(string path, int rounds)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return 2;
        }

        var (ommItems, ommTime) = Measure(rounds, ReadWithOmm, path);
        Console.WriteLine($"file        {path} ({new FileInfo(path).Length:N0} bytes), {rounds} rounds");
        Console.WriteLine($"Omm         {ommItems,6} items/round  {Rate(ommItems * rounds, ommTime),10:N0} items/s  ({ommTime.TotalMilliseconds / rounds:N1} ms/round, in process)");

        if (!File.Exists("/usr/bin/readpst"))
        {
            Console.WriteLine("readpst     not installed (apt-get install pst-utils)");
            return 0;
        }

        var (readpstItems, readpstTime) = Measure(rounds, ReadWithReadpst, path);
        Console.WriteLine($"readpst     {readpstItems,6} items/round  {Rate(readpstItems * rounds, readpstTime),10:N0} items/s  ({readpstTime.TotalMilliseconds / rounds:N1} ms/round, one process per round)");
        Console.WriteLine($"Omm/readpst {Rate(ommItems * rounds, ommTime) / Math.Max(1, Rate(readpstItems * rounds, readpstTime)):N2} x items/s");
        return 0;
    }

    private static (int Items, TimeSpan Time) Measure(int rounds, Func<string, int> read, string path)
    {
        read(path); // warm-up: JIT, page cache
        var items = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
            items = read(path);
        return (items, clock.Elapsed);
    }

    private static int ReadWithOmm(string path)
    {
        using var file = PstFile.Open(path);
        return Walk(file.Root);
    }

    private static int Walk(PstFolder folder)
    {
        var items = 0;
        foreach (var message in folder.Messages())
        {
            message.ToMimeMessage().WriteTo(Stream.Null);
            items++;
        }

        foreach (var child in folder.Subfolders)
            items += Walk(child);
        return items;
    }

    private static int ReadWithReadpst(string path)
    {
        var output = Directory.CreateTempSubdirectory("omm-bench-readpst-").FullName;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/readpst") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-D", "-e", "-q", "-j", "0", "-o", output, path })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count();
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static double Rate(long items, TimeSpan time) => items / Math.Max(time.TotalSeconds, 1e-9);
}
