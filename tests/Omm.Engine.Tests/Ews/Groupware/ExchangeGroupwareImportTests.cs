using Omm.Engine.Calendars;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Contacts;
using Omm.Engine.Migrations;
using Omm.Engine.Tests.Calendars;
using Omm.Engine.Tests.Contacts;
using Omm.Engine.Tests.Pst;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// The team's .vcf and .ics fixtures imported into Exchange (the EWS test server) by whole passes, then read back through
/// Omm's Exchange source: every fact of every item is there, or an item warning names the property Exchange cannot keep.
/// </summary>
public sealed class ExchangeGroupwareImportTests : IAsyncLifetime
{
    private ExchangeAccount exchange = null!;

    public async Task InitializeAsync() => exchange = await ExchangeAccount.StartAsync();

    public async Task DisposeAsync() => await exchange.DisposeAsync();

    public static IEnumerable<object[]> CardFiles() => CardFixtures.All();

    public static IEnumerable<object[]> CalendarFiles() => CalendarFixtures.All();

    [Theory]
    [MemberData(nameof(CardFiles))]
    public async Task Every_vcf_fixture_arrives_with_every_fact_or_a_warning_naming_what_Exchange_cannot_keep(string fixture)
    {
        var cards = VCard.ReadAll(File.ReadAllText(CardFixtures.PathOf(fixture))).Select(c => c.WithStableUid()).ToList();

        var (migration, _) = await exchange.ImportAsync(CardFixtures.PathOf(fixture), ItemType.Contacts);

        Assert.True(migration.Status == MigrationStatus.Completed, string.Join(" | ", migration.Errors.Select(e => $"{e.ItemName}: {e.Message}")));
        Assert.Equal(cards.Count, migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
        var copies = (await exchange.ItemsAsync())["Contacts"];
        Assert.Equal(cards.Count, copies.Count);
        Assert.All(copies, c => Assert.Null(c.Error));
        foreach (var card in cards)
        {
            var copy = copies.Single(c => c.Card!.Uid == card.Uid).Card!;
            var warnings = migration.Errors.Where(e => e.Type == ItemErrorType.Warning && e.ItemName.Contains(card.Uid!)).Select(e => e.Message).ToList();
            var kept = KeyFacts.Of(copy).Select(f => f.Fact).ToHashSet();
            var lost = KeyFacts.Of(card).Where(f => !kept.Contains(f.Fact) && !warnings.Any(w => w.StartsWith(f.Property, StringComparison.Ordinal))).ToList();
            Assert.True(lost.Count == 0, $"{card.Name}: lost without a warning: {string.Join("; ", lost.Select(f => f.Fact))}\nkept: {string.Join("; ", kept)}\n" +
                                         $"warnings: {string.Join("; ", warnings)}\ncopy:\n{copy.Text}");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarFiles))]
    public async Task Every_ics_fixture_arrives_with_every_fact_or_a_warning_naming_what_Exchange_cannot_keep(string fixture)
    {
        var text = File.ReadAllText(CalendarFixtures.PathOf(fixture));
        var objects = CalendarFile.Read(text).Objects;

        var (migration, _) = await exchange.ImportAsync(CalendarFixtures.PathOf(fixture), ItemType.Calendar, ItemType.Tasks);

        Assert.True(migration.Status == MigrationStatus.Completed, string.Join(" | ", migration.Errors.Select(e => $"{e.ItemName}: {e.Message}")));
        Assert.Equal(objects.Count(o => o.Kind != CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Calendar).Migrated);
        Assert.Equal(objects.Count(o => o.Kind == CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Tasks).Migrated);
        var items = await exchange.ItemsAsync();
        var copies = items["Calendar"].Concat(items["Tasks"]).ToList();
        Assert.Equal(objects.Count, copies.Count);
        Assert.All(copies, c => Assert.Null(c.Error));
        Assert.False(exchange.Server.InvitationsSent);
        foreach (var source in objects)
        {
            var copy = copies.Single(c => c.Calendar!.Uid == source.Uid).Calendar!;
            var warnings = migration.Errors.Where(e => e.Type == ItemErrorType.Warning && e.ItemName.Contains(source.Uid)).Select(e => e.Message).ToList();
            var kept = CalendarKeyFacts.Of(copy.Text).Select(f => f.Fact).ToHashSet();
            var lost = CalendarKeyFacts.Of(source.Text).Where(f => !kept.Contains(f.Fact) && !warnings.Any(w => w.StartsWith(f.Property, StringComparison.Ordinal))).ToList();
            Assert.True(lost.Count == 0, $"{source.Summary}: lost without a warning: {string.Join("; ", lost.Select(f => f.Fact))}\nkept: {string.Join("; ", kept)}\n" +
                                         $"warnings: {string.Join("; ", warnings)}\ncopy:\n{copy.Text}");
        }
    }

    [Theory]
    [InlineData("contacts6.pst")]
    [InlineData("dist-list.pst")]
    public async Task Pst_contacts_lists_appointments_and_tasks_arrive_with_every_fact_or_a_warning(string fixture)
    {
        var expected = await ReadAllAsync(new PstGroupwareSource(PstFixtures.PathOf(fixture)));

        var (migration, _) = await exchange.ImportAsync(PstFixtures.PathOf(fixture), ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);

        Assert.True(migration.Status == MigrationStatus.Completed, string.Join(" | ", migration.Errors.Select(e => $"{e.ItemName}: {e.Message}")));
        var copies = (await exchange.ItemsAsync()).Values.SelectMany(v => v).ToList();
        Assert.Equal(expected.Count, copies.Count);
        Assert.All(copies, c => Assert.Null(c.Error));
        foreach (var source in expected)
        {
            var copy = copies.Single(c => c.Uid == source.Uid);
            var warnings = migration.Errors.Where(e => e.Type == ItemErrorType.Warning && e.ItemName.Contains(source.Uid)).Select(e => e.Message).ToList();
            var (want, kept) = source.Card != null
                ? (KeyFacts.Of(source.Card), KeyFacts.Of(copy.Card!).Select(f => f.Fact).ToHashSet())
                : (CalendarKeyFacts.Of(source.Calendar!.Text), CalendarKeyFacts.Of(copy.Calendar!.Text).Select(f => f.Fact).ToHashSet());
            var lost = want.Where(f => !kept.Contains(f.Fact) && !warnings.Any(w => w.StartsWith(f.Property, StringComparison.Ordinal))).ToList();
            Assert.True(lost.Count == 0, $"{source.Name}: lost without a warning: {string.Join("; ", lost.Select(f => f.Fact))}\nwarnings: {string.Join("; ", warnings)}");
        }

        if (fixture == "dist-list.pst")
        {
            // The PST's recurring appointment has two exceptions (attachments of the series): on Exchange, one series with two.
            var series = exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Calendar").Single(i => i.CalendarItemType == "RecurringMaster");
            Assert.Equal(2, series.Exceptions.Count);
            Assert.Contains(exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Contacts"), i => i.ItemClass == "IPM.DistList");
        }
    }

    private static async Task<List<SourceItem>> ReadAllAsync(ICollectionSource source)
    {
        using (source)
        {
            var items = new List<SourceItem>();
            foreach (var collection in await source.ListCollectionsAsync(CancellationToken.None))
                items.AddRange(await source.ReadAsync(collection, await source.ListEntriesAsync(collection, CancellationToken.None), CancellationToken.None));
            return items;
        }
    }
}
