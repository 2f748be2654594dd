using System.Diagnostics;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Connectors.Files.Pst;
using Xunit.Abstractions;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// A few hundred damaged copies of the fixtures (fixed seed): each is opened and walked completely (folders,
/// messages, properties, attachments, embedded messages, MIME, vCard, iCalendar). Only PstFormatException
/// may come out, and every case must finish within 10 seconds.
/// </summary>
public class PstCorruptionTests
{
    private const int Seed = 0x5057;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper _output;

    public PstCorruptionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Damaged_files_raise_only_PstFormatException_and_never_hang()
    {
        using var work = new TempDirectory();
        var failures = new List<string>();
        var totals = new Walk.Counts();
        var clock = Stopwatch.StartNew();
        var count = 0;
        foreach (var (description, bytes) in Mutants(work.Path))
        {
            var path = Path.Combine(work.Path, $"mutant{count++}.pst");
            File.WriteAllBytes(path, bytes);
            var task = Task.Run(() => Walk.File(path));
            if (await Task.WhenAny(task, Task.Delay(PerCase)) != task)
            {
                failures.Add($"{description}: still running after {PerCase.TotalSeconds} s");
                continue;
            }

            try
            {
                totals.Add(await task);
            }
            catch (Exception e)
            {
                failures.Add($"{description}: {e}");
            }

            File.Delete(path);
        }

        foreach (var wrapped in totals.Wrapped.Distinct().Take(20))
            _output.WriteLine("caught by the safety net: " + wrapped);
        _output.WriteLine($"{count} mutants in {clock.Elapsed.TotalSeconds:F1} s: {totals.Refused} refused at open, {totals.Opened} opened; "
            + $"{totals.Folders} folders, {totals.Messages} messages and {totals.Mimes} MIME messages read, {totals.FormatErrors} PstFormatExceptions on the way ({totals.Wrapped.Count} from the safety net)");
        Assert.True(count >= 300, $"only {count} mutants");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// The same mutants read as an import reads them (<see cref="ArchiveOpener"/> for mail, the PST groupware source
    /// for contacts and calendars): the file fails with a clear message, or each folder and item is read, or is an
    /// item error; nothing else comes out, and nothing hangs.
    /// </summary>
    [Fact]
    public async Task Damaged_files_cost_an_import_items_or_folders_or_fail_it_with_a_clear_message()
    {
        using var work = new TempDirectory();
        var failures = new List<string>();
        var (opened, refused, written, unreadable) = (0, 0, 0, 0);
        var count = 0;
        foreach (var (description, bytes) in Mutants(work.Path))
        {
            var path = Path.Combine(work.Path, $"mutant{count++}.pst");
            File.WriteAllBytes(path, bytes);
            var task = Task.Run(async () =>
            {
                try
                {
                    using var archive = ArchiveOpener.Open(path);
                    Interlocked.Increment(ref opened);
                    foreach (var folder in archive.Folders)
                    {
                        try
                        {
                            foreach (var message in folder.Messages())
                            {
                                try
                                {
                                    await message.ReadAsync(Stream.Null, CancellationToken.None);
                                    Interlocked.Increment(ref written);
                                }
                                catch (UnreadableItemException e) when (e.InnerException is ArchiveFormatException)
                                {
                                    Interlocked.Increment(ref unreadable);
                                }
                            }
                        }
                        catch (UnreadableFolderException e) when (e.InnerException is ArchiveFormatException)
                        {
                            // The rest of the folder cannot be read: a folder error of the import.
                        }
                    }
                }
                catch (ArchiveFormatException e)
                {
                    Assert.Contains(path, e.Message);
                    Assert.True(TreeIsUnreadable(path), $"The mail import failed the whole file for damage that costs less: {e.Message}");
                    Interlocked.Increment(ref refused);
                }

                try
                {
                    using var source = new Omm.Engine.Connectors.Files.PstGroupwareSource(path);
                    foreach (var collection in await source.ListCollectionsAsync(CancellationToken.None))
                        await source.ReadAsync(collection, await source.ListEntriesAsync(collection, CancellationToken.None), CancellationToken.None);
                }
                catch (Omm.Engine.Migrations.MigrationFailedException e)
                {
                    Assert.Contains(path, e.Message);
                    Assert.True(TreeIsUnreadable(path), $"The groupware import failed the whole file for damage that costs less: {e.Message}");
                }
            });
            if (await Task.WhenAny(task, Task.Delay(PerCase)) != task)
            {
                failures.Add($"{description}: still running after {PerCase.TotalSeconds} s");
                continue;
            }

            try
            {
                await task;
            }
            catch (Exception e)
            {
                failures.Add($"{description}: {e}");
            }

            File.Delete(path);
        }

        _output.WriteLine($"{count} mutants: {refused} failed with a clear message, {opened} opened; {written} messages written, {unreadable} item errors");
        Assert.True(count >= 300, $"only {count} mutants");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Whether the damage is of the kind that fails a file: the reader cannot open it, or cannot list the folders below its root.</summary>
    private static bool TreeIsUnreadable(string path)
    {
        try
        {
            using var pst = PstFile.Open(path);
            _ = pst.Root.Subfolders;
            return false;
        }
        catch (PstFormatException)
        {
            return true;
        }
    }

    /// <summary>Damaged copies of the fixtures, and of two of them rewritten with 4 KiB pages and compressed blocks.</summary>
    private static IEnumerable<(string Description, byte[] Bytes)> Mutants(string work)
    {
        // OMM_PST_FUZZ_ROUNDS=n runs n rounds with seeds Seed, Seed+1, ... (a deeper search; the default is one).
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("OMM_PST_FUZZ_ROUNDS"), out var n) && n > 0 ? n : 1;

        // The fixtures, plus two of them rewritten with 4 KiB pages and compressed blocks.
        var sources = PstFixtures.All().Select(f => PstFixtures.PathOf((string)f[0])).ToList();
        foreach (var fixture in new[] { "sample1-unicode.pst", "dist-list.pst" })
        {
            var converted = Path.Combine(work, Path.GetFileNameWithoutExtension(fixture) + "-4k.ost");
            Pst4KConverter.Convert(PstFixtures.PathOf(fixture), converted, fanOut: 5);
            sources.Add(converted);
        }

        for (var round = 0; round < rounds; round++)
        {
            var random = new Random(Seed + round);
            foreach (var source in sources)
            {
                foreach (var (description, bytes) in new PstMutator(source, random).Mutants())
                    yield return ($"[seed {Seed + round}] {description}", bytes);
            }
        }
    }

    /// <summary>Reads everything the public API offers, catching PstFormatException at each step to go on deeper.</summary>
    internal static class Walk
    {
        public sealed class Counts
        {
            public int Refused;
            public int Opened;
            public int Folders;
            public int Messages;
            public int Mimes;
            public int FormatErrors;

            /// <summary>PstFormatExceptions the API's safety net made from another exception: damage no explicit check caught.</summary>
            public List<string> Wrapped { get; } = new();

            public void Add(Counts other)
            {
                Refused += other.Refused;
                Opened += other.Opened;
                Folders += other.Folders;
                Messages += other.Messages;
                Mimes += other.Mimes;
                FormatErrors += other.FormatErrors;
                Wrapped.AddRange(other.Wrapped);
            }
        }

        public static Counts File(string path)
        {
            var counts = new Counts();
            PstFile pst;
            try
            {
                pst = PstFile.Open(path);
            }
            catch (PstFormatException)
            {
                counts.Refused++;
                return counts;
            }

            using (pst)
            {
                counts.Opened++;
                Try(counts, () => pst.DisplayName + pst.IsUnicode);
                Folder(counts, pst.Root);
                Try(counts, () => pst.Warnings.Count);
            }

            return counts;
        }

        private static void Folder(Counts counts, PstFolder folder)
        {
            counts.Folders++;
            Try(counts, () => folder.Name);
            Try(counts, () => folder.ContainerClass);
            Try(counts, () => folder.Special);
            Try(counts, () => folder.ContentCount);
            Try(counts, () =>
            {
                foreach (var message in folder.Messages())
                    Message(counts, message, 0);
                return 0;
            });
            foreach (var child in Try(counts, () => folder.Subfolders) ?? Array.Empty<PstFolder>())
                Folder(counts, child);
        }

        private static void Message(Counts counts, PstMessage message, int depth)
        {
            counts.Messages++;
            Try(counts, () => message.MessageClass);
            Try(counts, () => message.Subject);
            Try(counts, () => (message.IsRead, message.IsDraft, message.IsFlagged, message.IsAnswered, message.IsForwarded));
            Try(counts, () => (message.DeliveryTime, message.SubmitTime, message.InternetMessageId));
            Try(counts, () => message.Categories.Count);
            Try(counts, () => message.Recipients.Select(r => r.ToString()).ToList());
            Try(counts, () =>
            {
                foreach (var attachment in message.Attachments)
                {
                    Try(counts, () => (attachment.FileName, attachment.Size, attachment.MimeType, attachment.ContentId));
                    Try(counts, () => attachment.GetContent().Length);
                    Try(counts, () =>
                    {
                        using var stream = attachment.OpenRead();
                        stream.CopyTo(Stream.Null);
                        return 0;
                    });
                    var embedded = Try(counts, () => attachment.EmbeddedMessage);
                    if (embedded != null && depth < 3)
                        Message(counts, embedded, depth + 1);
                }

                return 0;
            });
            Try(counts, () =>
            {
                var mime = message.ToMimeMessage();
                mime.WriteTo(Stream.Null);
                counts.Mimes++;
                return 0;
            });
            var messageClass = Try(counts, () => message.MessageClass) ?? "";
            if (messageClass.StartsWith("IPM.Contact", StringComparison.Ordinal) || messageClass.StartsWith("IPM.DistList", StringComparison.Ordinal))
                Try(counts, () => message.ToVCard());
            if (messageClass.StartsWith("IPM.Appointment", StringComparison.Ordinal) || messageClass.StartsWith("IPM.Task", StringComparison.Ordinal))
                Try(counts, () => message.ToICalendar());
        }

        private static T? Try<T>(Counts counts, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (PstFormatException e)
            {
                counts.FormatErrors++;
                if (e.Message.StartsWith("The PST is damaged: reading", StringComparison.Ordinal))
                    counts.Wrapped.Add(e.InnerException?.ToString() ?? e.Message);
                return default;
            }
        }
    }
}
