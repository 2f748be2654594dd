using Omm.TestServers;

namespace Omm.Bench;

/// <summary>
/// Two deterministic workloads of about the same total bytes, for checking that memory does not follow message size:
/// many small messages (8-12 KB) and few large ones (1-2 MB, the first of 20 MB), across the folders of
/// <see cref="Workload"/>, 80 % \Seen and 5 % \Flagged, dates over four years.
/// </summary>
internal static class SizeWorkloads
{
    public const int LargestBytes = 20 * 1024 * 1024;

    /// <summary>Below this many messages of 1-2 MB besides the 20 MB one, the large workload would hardly be one of large messages.</summary>
    private const int FewestLarge = 5;

    public static IEnumerable<SeedMessage> Small(int count)
    {
        var random = new Random(11);
        for (var i = 0; i < count; i++)
            yield return Message(random, i, random.Next(8_000, 12_000));
    }

    /// <summary>Large messages until they come to <paramref name="totalBytes"/>, and at least <see cref="FewestLarge"/> + 1 of them.</summary>
    public static IEnumerable<SeedMessage> Large(long totalBytes)
    {
        var random = new Random(13);
        long bytes = 0;
        for (var i = 0; bytes < totalBytes || i <= FewestLarge; i++)
        {
            var message = Message(random, i, i == 0 ? LargestBytes : random.Next(1_000_000, 2_000_000));
            bytes += message.Bytes.Length;
            yield return message;
        }
    }

    private static SeedMessage Message(Random random, int index, int size)
    {
        var flags = new List<string>();
        if (random.NextDouble() < 0.80) flags.Add("\\Seen");
        if (random.NextDouble() < 0.05) flags.Add("\\Flagged");
        var folder = Workload.Folders[random.Next(Workload.Folders.Length)];
        var date = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 4 * 365 * 24 * 60));
        return new SeedMessage(folder, SampleMailbox.Generate(index, $"Benchmark message {index}", size), flags, date, $"message {index} of {size:N0} bytes");
    }
}
