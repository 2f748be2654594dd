using System.Text;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.ContentLines;
using Omm.Engine.Tests.Groupware;

namespace Omm.Engine.Tests.RealWorldCards;

/// <summary>
/// Every file of the real-world corpus imported with the engine's file import into a real Radicale and a real
/// Xandikos, then read back from the server: every item that can be read arrives (count, UID, values, photo
/// bytes), and every loss is the item warning or item error <see cref="RealWorldCorpus"/> says, naming the
/// item, the property and the line.
/// </summary>
public sealed class RealWorldImportTests
{
    public static IEnumerable<object[]> Imports() =>
        RealWorldCorpus.Files.SelectMany(f => new[] { DavDestination.Radicale, DavDestination.Xandikos }.Select(s => new object[] { f.Name, s }));

    [Theory]
    [MemberData(nameof(Imports))]
    public async Task Every_readable_item_arrives_and_every_loss_is_named(string fileName, string server)
    {
        var file = RealWorldCorpus.Files.Single(f => f.Name == fileName);
        using var destination = DavDestination.Start(server);

        var (migration, observer) = await destination.ImportAsync(file.Path);

        var serverItems = (await destination.ItemsAsync()).Values.SelectMany(r => r).Select(Read).ToList();
        var arriving = file.Items.Where(i => !i.RefusedBy.Contains(server)).ToList();
        Assert.Equal(arriving.Count, serverItems.Count);
        foreach (var expected in arriving)
        {
            var copy = Assert.Single(serverItems, item => Matches(item, expected));
            if (expected.Uid != null)
                Assert.Equal(expected.Uid, copy.Uid);
            foreach (var fact in expected.Facts)
                Assert.True(copy.Facts.Contains(Normalized(fact)), $"{expected.Title}: {fact} is not on the server; it has {string.Join(" | ", copy.Facts)}");
            foreach (var absent in expected.Absent)
                Assert.DoesNotContain(copy.ItemFacts, f => f.StartsWith(absent + "=", StringComparison.Ordinal));
            if (expected.PhotoLine is int line)
                Assert.Equal(PhotoInFile(file.Path, line), copy.Photo);
        }

        var problems = migration.Errors.Where(e => !e.Message.StartsWith("It had no UID", StringComparison.Ordinal)).ToList();
        var recorded = $"Recorded: {string.Join(" | ", problems.Select(p => $"{p.Type} {p.ItemName}: {p.Message}"))}";
        // The server's own refusals (400): items Omm read but the server would not store even repaired. Such an item's error is
        // the refusal, followed by its warnings (what was left out of it when read), which may be why it was refused.
        var refused = file.Items.Where(i => i.RefusedBy.Contains(server)).ToList();
        var expectedProblems = file.Problems.Where(p => !refused.Any(i => p.Type == ItemErrorType.Warning && p.Item.StartsWith($"{i.Title} (UID ", StringComparison.Ordinal))).ToList();
        foreach (var expected in expectedProblems)
            Assert.True(problems.Count(p => p.Type == expected.Type && p.ItemName.StartsWith(expected.Item, StringComparison.Ordinal) && p.Message == expected.Message) == 1, recorded);
        foreach (var item in refused)
        {
            var readWarnings = file.Problems.Where(p => p.Type == ItemErrorType.Warning && p.Item.StartsWith($"{item.Title} (UID ", StringComparison.Ordinal))
                .Select(p => p.Message).ToList();
            var expectedEnd = readWarnings.Count == 0 ? "" : " As read from the source: " + string.Join(" ", readWarnings);
            Assert.True(problems.Count(p => p.Type == ItemErrorType.Error && p.ItemName == $"{item.Title} (UID {item.Uid})"
                && System.Text.RegularExpressions.Regex.IsMatch(p.Message, "^The server at .* refused PUT .*: 400 Bad Request\\.")
                && p.Message.EndsWith("400 Bad Request." + expectedEnd, StringComparison.Ordinal)) == 1, recorded);
        }

        Assert.True(expectedProblems.Count + refused.Count == problems.Count, recorded);
        Assert.Equal(arriving.Count(i => i.Uid == null), migration.Errors.Count(e => e.Message.StartsWith("It had no UID", StringComparison.Ordinal)));
        Assert.Equal(problems.Count, observer.Problems.Count(p => !p.Message.StartsWith("It had no UID", StringComparison.Ordinal)));
        Assert.Equal(problems.Any(p => p.Type == ItemErrorType.Error) ? MigrationStatus.CompletedWithErrors : MigrationStatus.Completed, migration.Status);
        Assert.Equal(arriving.Count, migration.Progress.Sum(p => p.Migrated));
    }

    [Theory]
    [InlineData(DavDestination.Radicale)]
    [InlineData(DavDestination.Xandikos)]
    public async Task Importing_a_damaged_file_again_adds_nothing_and_says_it_again(string server)
    {
        var file = RealWorldCorpus.Files.Single(f => f.Name == "android-bad-photo.vcf");
        using var destination = DavDestination.Start(server);
        var (first, _) = await destination.ImportAsync(file.Path);
        var (second, _) = await destination.ImportAsync(file.Path);

        Assert.Equal(6, (await destination.ItemsAsync()).Values.Sum(r => r.Count));
        Assert.Equal(MigrationStatus.Completed, second.Status);
        Assert.Equal(6, second.Progress.Sum(p => p.Migrated));
        Assert.Single(first.Errors, e => e.Message.StartsWith("PHOTO (lines 52-55)", StringComparison.Ordinal));
        Assert.Single(second.Errors, e => e.Message.StartsWith("PHOTO (lines 52-55)", StringComparison.Ordinal) && e.ItemName.StartsWith("Felicja Szymańska", StringComparison.Ordinal));
    }

    /// <summary>A copy on the server, read back: its UID, name and "NAME=value" facts (those of its time zones apart), and its photo's bytes.</summary>
    private sealed record ServerItem(string Uid, string Title, HashSet<string> Facts, HashSet<string> ItemFacts, byte[]? Photo);

    private static ServerItem Read(string text)
    {
        if (text.Contains("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
        {
            var card = VCard.Parse(text);
            Assert.Empty(card.Warnings);
            var facts = card.DecodedProperties.Where(p => p.Data == null).Select(p => $"{p.Name}={p.Value}").ToHashSet();
            return new ServerItem(card.Uid!, card.Name, facts, facts, card.DecodedProperties.SingleOrDefault(p => p.Is("PHOTO") && p.Data != null)?.Data);
        }

        var resource = CalendarObject.Parse(text);
        Assert.Empty(resource.Warnings);
        var all = new HashSet<string>();
        foreach (var component in ContentLineReader.Read(text).Components)
            Collect(component, all);
        var items = new HashSet<string>();
        foreach (var component in resource.Components)
            Collect(component, items);
        return new ServerItem(resource.Uid, resource.Summary, all, items, null);
    }

    private static void Collect(ContentComponent component, HashSet<string> facts)
    {
        foreach (var property in component.Properties)
            facts.Add(Normalized($"{property.Name.ToUpperInvariant()}={ContentLineText.Unescape(property.Value)}"));
        foreach (var child in component.Components)
            Collect(child, facts);
    }

    /// <summary>An RRULE with its parts in one order: servers write them in their own (Xandikos puts WKST last).</summary>
    private static string Normalized(string fact) =>
        fact.StartsWith("RRULE=", StringComparison.Ordinal) ? "RRULE=" + string.Join(";", fact[6..].Split(';').OrderBy(p => p, StringComparer.Ordinal)) : fact;

    private static bool Matches(ServerItem item, ExpectedItem expected) =>
        expected.Uid != null ? item.Uid == expected.Uid
        : expected.Title != null ? item.Title == expected.Title
        : item.Facts.Contains(expected.Facts[0]);

    /// <summary>
    /// The bytes of the photo at that line of the file, read apart from Omm: the base64 after the first ':' and
    /// on the following lines up to a blank one or one with a ':' (folded or not), whitespace removed.
    /// </summary>
    private static byte[] PhotoInFile(string path, int line)
    {
        var lines = Encoding.Latin1.GetString(File.ReadAllBytes(path)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var base64 = new StringBuilder(lines[line - 1][(lines[line - 1].IndexOf(':') + 1)..]);
        for (var n = line; n < lines.Count && lines[n].Trim().Length > 0 && !lines[n].Contains(':'); n++)
            base64.Append(lines[n].Trim());
        return Convert.FromBase64String(base64.ToString());
    }
}
