using System.Xml.Linq;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.Tests.Groupware;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// Contacts, calendars and tasks between Exchange (the EWS test server) and a real Radicale, both ways, by whole passes:
/// a series with exceptions round-tripped unchanged, Sync (changed, changed on both sides, deleted on the destination),
/// Remove from a sync point, Stop, and no meeting request ever sent.
/// </summary>
public sealed class ExchangeGroupwareMigrationTests : IAsyncLifetime
{
    private const string DavUser = "rita";
    private readonly RadicaleServer radicale = RadicaleServer.Start(DavUser);
    private ExchangeAccount exchange = null!;

    public async Task InitializeAsync() => exchange = await ExchangeAccount.StartAsync();

    public async Task DisposeAsync()
    {
        await exchange.DisposeAsync();
        radicale.Dispose();
    }

    private AccountEndpoint Dav(EndpointRole role) => DavAccounts.Endpoint(role, radicale, DavUser);

    [Fact]
    public async Task A_series_with_exceptions_goes_Exchange_to_Radicale_to_Exchange_unchanged_and_no_invitation_is_sent()
    {
        var (imported, _) = await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");
        Assert.Equal(MigrationStatus.Completed, imported.Status);
        var first = Facts(await exchange.ItemsAsync());
        // Exchange holds what the file said of the series: the excluded 4th and the moved 6th occurrence, attendees, alarm.
        var source = CalendarKeyFacts.Of(ExchangeGroupwareSamples.Calendar).Select(f => f.Fact).ToList();
        Assert.Empty(source.Except(first));

        var toDav = exchange.Create(exchange.Endpoint(EndpointRole.Source), Dav(EndpointRole.Destination), ItemType.Calendar, ItemType.Tasks);
        var (there, _) = await exchange.PassAsync(toDav.Id, exchange.Endpoint(EndpointRole.Source), Dav(EndpointRole.Destination));
        Assert.True(there.Status == MigrationStatus.Completed, string.Join(" | ", there.Errors.Select(e => e.Message)));
        exchange.AddOtherMailbox();
        var back = exchange.Create(Dav(EndpointRole.Source), exchange.Endpoint(EndpointRole.Destination, ExchangeAccount.OtherMailbox), ItemType.Calendar, ItemType.Tasks);
        var (returned, _) = await exchange.PassAsync(back.Id, Dav(EndpointRole.Source), exchange.Endpoint(EndpointRole.Destination, ExchangeAccount.OtherMailbox));
        Assert.True(returned.Status == MigrationStatus.Completed, string.Join(" | ", returned.Errors.Select(e => e.Message)));
        // Into another mailbox, June's meetings get that mailbox as organizer: said, for each meeting.
        Assert.Equal(2, returned.Errors.Count(e => e.Type == ItemErrorType.Warning && e.Message.StartsWith("ORGANIZER mailto:june@contoso.test", StringComparison.Ordinal)));

        Assert.Equal(first, Facts(await exchange.ItemsAsync(ExchangeAccount.OtherMailbox)));
        var series = exchange.Server.GroupwareItems(ExchangeAccount.OtherMailbox, "Calendar").Single(i => i.CalendarItemType == "RecurringMaster");
        Assert.Single(series.Exceptions);
        Assert.Single(series.DeletedOccurrences);
        Assert.Contains(exchange.Server.MeetingSendModes, m => m.HasAttendees);
        Assert.False(exchange.Server.InvitationsSent, string.Join("; ", exchange.Server.MeetingSendModes.Where(m => m.Sent)));
    }

    [Fact]
    public async Task Sync_updates_what_changed_keeps_what_changed_on_Exchange_makes_deleted_copies_again_and_remove_undoes_a_sync_point()
    {
        using var rita = DavAccounts.Client(radicale, DavUser);
        var book = await rita.CreateAddressBookAsync("Friends", null, CancellationToken.None);
        var calendar = await rita.CreateCalendarAsync("Work", null, null, new[] { "VEVENT" }, CancellationToken.None);
        var list = await rita.CreateCalendarAsync("To do", null, null, new[] { "VTODO" }, CancellationToken.None);
        for (var i = 1; i <= 5; i++)
            await Put(rita, book, $"contact-{i}@omm.test.vcf", GroupwareSamples.Contact(i), "text/vcard");
        for (var i = 1; i <= 5; i++)
            await Put(rita, calendar, $"event-{i}@omm.test.ics", GroupwareSamples.Event(i), "text/calendar");
        for (var i = 1; i <= 3; i++)
            await Put(rita, list, $"todo-{i}@omm.test.ics", GroupwareSamples.Todo(i), "text/calendar");
        var (from, to) = (Dav(EndpointRole.Source), exchange.Endpoint());
        var migration = exchange.Create(from, to, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);

        var (first, _) = await exchange.PassAsync(migration.Id, from, to);
        Assert.True(first.Status == MigrationStatus.Completed, string.Join(" | ", first.Errors.Select(e => e.Message)));
        Assert.Equal(new long[] { 5, 5, 3 }, new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks }.Select(t => first.Progress.Single(p => p.ItemType == t).Migrated));
        Assert.Equal(5, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Friends").Count);
        Assert.Equal(5, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Work").Count);
        Assert.Equal(3, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "To do").Count);

        // On the source: two new contacts, event 2 and event 4 changed. On Exchange: event 4 changed by its user, contact 3 deleted.
        await Put(rita, book, "contact-100@omm.test.vcf", GroupwareSamples.Contact(100), "text/vcard");
        await Put(rita, book, "contact-101@omm.test.vcf", GroupwareSamples.Contact(101), "text/vcard");
        await Replace(rita, calendar, "event-2@omm.test.ics", GroupwareSamples.Event(2, "Meeting 2 moved to the big room"));
        await Replace(rita, calendar, "event-4@omm.test.ics", GroupwareSamples.Event(4, "Meeting 4 as the source has it"));
        await Replace(rita, book, "contact-1@omm.test.vcf", GroupwareSamples.Contact(1, "Moved to Lyon"), "text/vcard");
        await Replace(rita, list, "todo-2@omm.test.ics", GroupwareSamples.Todo(2, "COMPLETED"));
        var event4 = ItemWith(await exchange.ItemsAsync(), "Work", "event-4@omm.test");
        exchange.Server.SetItemProperty(ExchangeAccount.Mailbox, event4.Entry.Key, new XElement(XName.Get("Subject", "http://schemas.microsoft.com/exchange/services/2006/types"), "Meeting 4 as June made it"));
        var contact3 = ItemWith(await exchange.ItemsAsync(), "Friends", "contact-3@omm.test");
        using (var direct = new EwsCollectionDestination(exchange.Endpoint()))
            Assert.True(await direct.DeleteItemAsync("(an item id needs no collection)", contact3.Entry.Key, CancellationToken.None));

        var (second, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.Equal(MigrationStatus.Completed, second.Status);
        Assert.Equal(2, second.SyncPoint);
        var items = await exchange.ItemsAsync();
        Assert.Equal(7, items["Friends"].Count);
        Assert.Equal(7, items["Friends"].Select(i => i.Card!.Uid).Distinct().Count());
        Assert.Contains(items["Friends"], i => i.Card!.Uid == "contact-3@omm.test");
        Assert.Equal("Meeting 2 moved to the big room", ItemWith(items, "Work", "event-2@omm.test").Calendar!.Summary);
        Assert.Equal("Meeting 4 as June made it", ItemWith(items, "Work", "event-4@omm.test").Calendar!.Summary);
        Assert.Contains(second.Errors, e => e.Type == ItemErrorType.Warning && e.ItemName.Contains("event-4@omm.test") && e.Message.Contains("destination's version was kept"));
        Assert.Equal(5, items["Work"].Count);
        Assert.Contains("NOTE:Moved to Lyon", ItemWith(items, "Friends", "contact-1@omm.test").Card!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE:", ItemWith(items, "Friends", "contact-2@omm.test").Card!.Text, StringComparison.Ordinal);
        Assert.Equal(3, items["To do"].Count);
        Assert.Contains("STATUS:COMPLETED", ItemWith(items, "To do", "todo-2@omm.test").Calendar!.Text, StringComparison.Ordinal);
        Assert.Contains("STATUS:NEEDS-ACTION", ItemWith(items, "To do", "todo-1@omm.test").Calendar!.Text, StringComparison.Ordinal);

        // Remove what sync point 2 copied: the two new contacts and contact 3 made again; the updated event was first copied at 1.
        var remover = new MigratedItemRemover(exchange.Store);
        var plan = remover.Plan(migration.Id, 2);
        Assert.Equal(3, plan.Count);
        var removed = await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(3, removed.Removed);
        Assert.Equal(4, exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, "Friends").Count);

        // Remove everything: the items, then the folders the migration created (the mailbox's own ones stay).
        plan = remover.Plan(migration.Id);
        removed = await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(3, removed.DeletedCollections.Count);
        var folders = (await exchange.ItemsAsync()).Keys.ToList();
        Assert.DoesNotContain("Friends", folders);
        Assert.DoesNotContain("Work", folders);
        Assert.DoesNotContain("To do", folders);
        Assert.Contains("Contacts", folders);
        Assert.False(exchange.Server.InvitationsSent);
    }

    [Theory]
    [InlineData(ItemType.Contacts)]
    [InlineData(ItemType.Calendar)]
    [InlineData(ItemType.Tasks)]
    public async Task A_stopped_pass_keeps_what_it_copied_and_the_next_one_finishes_without_duplicates(ItemType type)
    {
        const int Count = 150;
        using var rita = DavAccounts.Client(radicale, DavUser);
        var (folder, collection) = type switch
        {
            ItemType.Contacts => ("Friends", await rita.CreateAddressBookAsync("Friends", null, CancellationToken.None)),
            ItemType.Calendar => ("Work", await rita.CreateCalendarAsync("Work", null, null, new[] { "VEVENT" }, CancellationToken.None)),
            _ => ("To do", await rita.CreateCalendarAsync("To do", null, null, new[] { "VTODO" }, CancellationToken.None)),
        };
        for (var i = 1; i <= Count; i++)
        {
            if (type == ItemType.Contacts)
                await Put(rita, collection, $"contact-{i}@omm.test.vcf", GroupwareSamples.Contact(i), "text/vcard");
            else
                await Put(rita, collection, $"item-{i}@omm.test.ics", type == ItemType.Calendar ? GroupwareSamples.Event(i) : GroupwareSamples.Todo(i), "text/calendar");
        }

        var (from, to) = (Dav(EndpointRole.Source), exchange.Endpoint());
        var migration = exchange.Create(from, to, type);
        // Slow enough for progress reports (every 250 ms) to come before the end.
        exchange.Server.Latency = TimeSpan.FromMilliseconds(15);
        using var stop = new CancellationTokenSource();

        var stopped = await TestMigrations.RunPass(exchange.Store, migration.Id, from, to, new StoppingObserver(stop, 30), stop.Token);

        Assert.Equal(MigrationStatus.Stopped, stopped.Migration.Status);
        var copied = exchange.Server.GroupwareItems(ExchangeAccount.Mailbox, folder).Count;
        Assert.InRange(copied, 30, Count - 1);
        Assert.Equal(copied, stopped.Migration.Progress.Single(p => p.ItemType == type).Migrated);
        exchange.Server.Latency = TimeSpan.Zero;
        var (resumed, _) = await exchange.PassAsync(migration.Id, from, to);
        Assert.Equal(MigrationStatus.Completed, resumed.Status);
        var final = (await exchange.ItemsAsync())[folder];
        Assert.Equal(Count, final.Count);
        Assert.Equal(Count, final.Select(i => i.Uid).Distinct().Count());
        Assert.False(exchange.Server.InvitationsSent);
    }

    private static SourceItem ItemWith(Dictionary<string, List<SourceItem>> items, string folder, string uid) =>
        items[folder].Single(i => (i.Card?.Uid ?? i.Calendar!.Uid) == uid);

    private static List<string> Facts(Dictionary<string, List<SourceItem>> items) =>
        items.Values.SelectMany(v => v).Where(i => i.Calendar != null).SelectMany(i => CalendarKeyFacts.Of(i.Calendar!.Text)).Select(f => f.Fact)
            .OrderBy(f => f, StringComparer.Ordinal).ToList();

    private static async Task Put(DavClient client, DavCollection collection, string name, string data, string contentType)
    {
        var written = await client.PutAsync(collection.Href + name, contentType + "; charset=utf-8", data, null, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.Created, written.Outcome);
    }

    private static async Task Replace(DavClient client, DavCollection collection, string name, string data, string contentType = "text/calendar")
    {
        var current = (await client.GetResourcesAsync(collection, new[] { collection.Href + name }, CancellationToken.None)).Single();
        Assert.Equal(DavWriteOutcome.Updated, (await client.PutAsync(current.Href, contentType + "; charset=utf-8", data, current.ETag, CancellationToken.None)).Outcome);
    }

    private sealed class StoppingObserver(CancellationTokenSource stop, int afterItems) : IMigrationObserver
    {
        public void OnProgress(MigrationProgress progress)
        {
            if (progress.ItemsDone >= afterItems)
                stop.Cancel();
        }

        public void OnItemProblem(ItemError problem)
        {
        }

        public void OnVerbose(string message)
        {
        }

        public void OnWarning(string message)
        {
        }
    }
}
