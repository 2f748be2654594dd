using System.Text;
using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// The deterministic benchmark mailbox: text bodies of log-normal size (median about 6 KB), 15 % with a
/// 20-400 KB attachment, 1 % with a 2-8 MB one, across INBOX, Sent, two nested archive folders and a
/// project folder; 80 % \Seen, 5 % \Flagged, 10 % \Answered; dates over four years.
/// </summary>
internal static class Workload
{
    internal static readonly string[] Folders = { "INBOX", "Sent", "Archive/2023", "Archive/2024", "Projects/Omm" };

    /// <summary>Generated one at a time as enumerated, so that a large workload is never held whole.</summary>
    public static IEnumerable<SeedMessage> Create(int count, int seed = 1, int first = 0)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = first; i < first + count; i++)
        {
            var roll = random.NextDouble();
            var size = roll < 0.01 ? random.Next(2_000_000, 8_000_000)
                : roll < 0.16 ? random.Next(20_000, 400_000)
                : (int)Math.Clamp(Math.Exp(Math.Log(6000) + 0.9 * Gaussian(random)), 800, 200_000);
            var flags = new List<string>();
            if (random.NextDouble() < 0.80) flags.Add("\\Seen");
            if (random.NextDouble() < 0.05) flags.Add("\\Flagged");
            if (random.NextDouble() < 0.10) flags.Add("\\Answered");
            var folder = Folders[random.Next(Folders.Length)];
            yield return new SeedMessage(folder, SampleMailbox.Generate(i, $"Benchmark message {i}", size), flags,
                start.AddMinutes(random.Next(0, 4 * 365 * 24 * 60)), $"workload {i}");
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
