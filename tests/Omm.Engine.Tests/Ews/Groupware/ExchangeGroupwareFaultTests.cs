using System.Xml.Linq;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// Contacts, events and tasks into Exchange when things go wrong: a pass killed after Exchange made copies it never
/// recorded, a pass killed in the middle of a series, calls cut off after Exchange acted, and Exchange busy.
/// Each time every item ends up there exactly once.
/// </summary>
public sealed class ExchangeGroupwareFaultTests : IAsyncLifetime
{
    private static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    private ExchangeAccount exchange = null!;

    public async Task InitializeAsync() => exchange = await ExchangeAccount.StartAsync();

    public async Task DisposeAsync() => await exchange.DisposeAsync();

    [Fact]
    public async Task Copies_a_killed_pass_made_without_recording_them_are_taken_as_made_not_made_twice()
    {
        var (first, _) = await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");
        Assert.Equal(MigrationStatus.Completed, first.Status);
        // The meetings' organizer is the mailbox they go into: Exchange keeps them as they are, nothing to warn about.
        Assert.DoesNotContain(first.Errors, e => e.Message.StartsWith("ORGANIZER", StringComparison.Ordinal));
        var before = Snapshot();
        // As if the pass had been killed after each CreateItem and before its record.
        foreach (var collection in exchange.Store.GetCollections(first.Id))
            exchange.Store.ForgetCollection(first.Id, collection.SourceCollection);

        var (second, _) = await PassAgainAsync(first);

        Assert.Equal(MigrationStatus.Completed, second.Status);
        Assert.DoesNotContain(second.Errors, e => e.Type == ItemErrorType.Error || e.Message.Contains("already on the destination"));
        Assert.Equal(before, Snapshot());
        Assert.Equal(4, second.Progress.Sum(p => p.Migrated));
    }

    [Fact]
    public async Task A_series_left_half_made_by_a_killed_pass_is_made_again_whole()
    {
        // What a pass killed between creating the series and changing its 6th occurrence leaves: the series, marked incomplete.
        var incomplete = new XElement(T + "CalendarItem",
            new XElement(T + "Subject", "Weekly review"),
            new EwsItemMark(ExchangeGroupwareSamples.SeriesUid, EwsItemMark.Incomplete).ToElement(),
            new XElement(T + "Start", "2026-03-10T09:00:00Z"),
            new XElement(T + "End", "2026-03-10T10:00:00Z"),
            new XElement(T + "UID", ExchangeGroupwareSamples.SeriesUid));
        exchange.Server.AddGroupwareItem(ExchangeAccount.Mailbox, "Calendar", incomplete);

        var (migration, _) = await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");

        Assert.True(migration.Status == MigrationStatus.Completed, string.Join(" | ", migration.Errors.Select(e => e.Message)));
        Assert.DoesNotContain(migration.Errors, e => e.Message.Contains("already on the destination"));
        var series = Assert.Single(exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Calendar"), i => i.Value("UID") == ExchangeGroupwareSamples.SeriesUid);
        Assert.Equal("RecurringMaster", series.CalendarItemType);
        Assert.Single(series.Exceptions);
        Assert.Single(series.DeletedOccurrences);
    }

    [Theory]
    [InlineData("CreateItem", FaultPoint.AfterRunning)]
    [InlineData("CreateItem", FaultPoint.MidAnswer)]
    [InlineData("UpdateItem", FaultPoint.AfterRunning)]
    [InlineData("GetItem", FaultPoint.BeforeRunning)]
    public async Task A_call_cut_off_is_made_again_and_nothing_is_doubled(string operation, FaultPoint point)
    {
        exchange.Server.DropConnectionOn(operation, point, times: 2);

        var (migration, observer) = await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");

        Assert.True(migration.Status == MigrationStatus.Completed, string.Join(" | ", migration.Errors.Select(e => e.Message)));
        Assert.Contains(observer.Lines, l => l.StartsWith("WARNING:") && l.Contains("again"));
        var items = exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Calendar").Concat(exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Tasks")).ToList();
        Assert.Equal(4, items.Count);
        var series = Assert.Single(items, i => i.Value("UID") == ExchangeGroupwareSamples.SeriesUid);
        Assert.Single(series.Exceptions);
        Assert.Single(series.DeletedOccurrences);
    }

    [Fact]
    public async Task Exchange_busy_is_waited_for_and_the_pass_completes()
    {
        exchange.Server.ServerBusy(TimeSpan.FromMilliseconds(300), times: 3);

        var (migration, _) = await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.Equal(4, migration.Progress.Sum(p => p.Migrated));
        Assert.Equal(3, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Calendar").Count);
    }

    [Fact]
    public async Task An_item_Exchange_refuses_is_an_item_error_and_the_others_are_copied()
    {
        exchange.Server.MaxMessageBytes = 20_000;
        var cards = string.Concat(Enumerable.Range(1, 3).Select(i => Omm.Engine.Tests.Groupware.GroupwareSamples.Contact(i, note: i == 2 ? new string('x', 40_000) : null)));

        var (migration, _) = await exchange.ImportTextAsync(cards, ".vcf");

        Assert.Equal(MigrationStatus.CompletedWithErrors, migration.Status);
        var error = Assert.Single(migration.Errors, e => e.Type == ItemErrorType.Error);
        Assert.Contains("contact-2@omm.test", error.ItemName);
        Assert.Contains("ErrorMessageSizeExceeded", error.Message);
        Assert.Equal(2, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Contacts").Count);
    }

    [Fact]
    public async Task A_full_mailbox_fails_the_pass_naming_the_side()
    {
        exchange.Server.QuotaBytes = 300;
        var from = AccountEndpoint.ForFile(Path.Combine(Omm.Engine.Tests.Contacts.CardFixtures.Directory, "gmail-list.vcf"));
        var migration = exchange.Create(from, exchange.Endpoint(), ItemType.Contacts);

        var result = await TestMigrations.RunPass(exchange.Store, migration.Id, from, exchange.Endpoint());

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.OverQuota, result.Failure!.Kind);
        Assert.Contains("destination Exchange server", result.Failure.Message);
    }

    private async Task<(Migration Migration, RecordingObserver Observer)> PassAgainAsync(Migration migration)
    {
        var settings = exchange.Store.GetConnectionSettings(migration.Id);
        var from = AccountEndpoint.ForFile(settings.Source.Server);
        return await exchange.PassAsync(migration.Id, from, exchange.Endpoint());
    }

    private List<string> Snapshot() =>
        exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Calendar").Concat(exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Tasks"))
            .Select(i => $"{i.ItemId} {i.ChangeKey} {i.Value("UID")} {i.Exceptions.Count} {i.DeletedOccurrences.Count}").OrderBy(s => s, StringComparer.Ordinal).ToList();
}
