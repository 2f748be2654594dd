using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>Address books, calendars and task lists from one CalDAV/CardDAV account to another, on real Radicale and Xandikos servers.</summary>
public sealed class DavMigrationTests : IDisposable
{
    private readonly RadicaleServer radicale = RadicaleServer.Start("alice", "bob");
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-dav-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        radicale.Dispose();
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task Address_books_calendars_and_task_lists_arrive_with_their_names_colours_and_every_item()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var seeded = await SeedAsync(alice, contacts: 30, events: 20, todos: 10);

        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, radicale, "alice"), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        var observer = new RecordingObserver();
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, observer, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Empty(result.Migration.Errors);
        Assert.Equal((30, 30), Counter(result.Migration, ItemType.Contacts));
        Assert.Equal((21, 21), Counter(result.Migration, ItemType.Calendar));
        Assert.Equal((10, 10), Counter(result.Migration, ItemType.Tasks));

        using var bob = DavAccounts.Client(radicale, "bob");
        var copied = await DavAccounts.ReadAllAsync(bob);
        var friends = copied.Keys.Single(c => DavAccounts.NameOf(c) == "Friends");
        var work = copied.Keys.Single(c => DavAccounts.NameOf(c) == "Work");
        var todo = copied.Keys.Single(c => DavAccounts.NameOf(c) == "To do");
        Assert.Equal(DavCollectionKind.AddressBook, friends.Kind);
        Assert.Equal("#FF8800FF", work.Color);
        Assert.Equal(new[] { "VEVENT" }, work.Components);
        Assert.Equal(new[] { "VTODO" }, todo.Components);
        AssertSameItems(seeded[seeded.Keys.Single(c => DavAccounts.NameOf(c) == "Friends")], copied[friends]);
        AssertSameItems(seeded[seeded.Keys.Single(c => DavAccounts.NameOf(c) == "Work")], copied[work]);
        AssertSameItems(seeded[seeded.Keys.Single(c => DavAccounts.NameOf(c) == "To do")], copied[todo]);

        var again = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(2, again.Migration.SyncPoint);
        Assert.Equal(61, again.Migration.Progress.Sum(p => p.Migrated));
        Assert.Equal(61, (await DavAccounts.ReadAllAsync(bob)).Values.Sum(r => r.Count));
    }

    [Fact]
    public async Task Sync_copies_what_changed_and_remove_from_a_sync_point_deletes_only_what_it_copied()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var seeded = await SeedAsync(alice, contacts: 5, events: 5, todos: 3);
        var book = seeded.Keys.Single(c => c.Kind == DavCollectionKind.AddressBook);
        var calendar = seeded.Keys.Single(c => DavAccounts.NameOf(c) == "Work");

        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, radicale, "alice"), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        var runner = new MigrationRunner(store);
        Assert.Equal(MigrationStatus.Completed, (await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None)).Migration.Status);

        // On the source: two new contacts, one event changed. On the destination: one copy deleted.
        await PutAsync(alice, book, "contact-100@omm.test.vcf", GroupwareSamples.Contact(100), "text/vcard");
        await PutAsync(alice, book, "contact-101@omm.test.vcf", GroupwareSamples.Contact(101), "text/vcard");
        var changed = (await alice.GetResourcesAsync(calendar, new[] { calendar.Href + "event-2@omm.test.ics" }, CancellationToken.None)).Single();
        Assert.Equal(DavWriteOutcome.Updated, (await alice.PutAsync(changed.Href, "text/calendar; charset=utf-8", GroupwareSamples.Event(2, "Meeting 2 moved to the big room"), changed.ETag, CancellationToken.None)).Outcome);
        using var bob = DavAccounts.Client(radicale, "bob");
        var bobBook = (await bob.ListCollectionsAsync(CancellationToken.None)).Single(c => c.Kind == DavCollectionKind.AddressBook);
        Assert.True(await bob.DeleteAsync(bobBook.Href + "contact-3@omm.test.vcf", null, CancellationToken.None));

        var second = await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Empty(second.Migration.Errors);
        Assert.Equal(2, second.Migration.SyncPoint);
        Assert.Equal((7, 7), Counter(second.Migration, ItemType.Contacts));
        var bobItems = await DavAccounts.ReadAllAsync(bob);
        var bobContacts = bobItems.Single(c => c.Key.Kind == DavCollectionKind.AddressBook).Value;
        Assert.Equal(7, bobContacts.Count);
        Assert.Contains(bobContacts, r => r.Data.Contains("contact-3@omm.test"));
        var bobEvent = bobItems.Single(c => DavAccounts.NameOf(c.Key) == "Work").Value.Single(r => r.Data.Contains("UID:event-2@omm.test"));
        Assert.Contains("Meeting 2 moved to the big room", ContentFacts.Of(bobEvent.Data).Single(f => f.Contains("SUMMARY")));

        // Remove what sync point 2 copied: the two new contacts and the contact copied again; the updated event was first copied at 1.
        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(migration.Id, 2);
        Assert.Equal(3, plan.Count);
        var removed = await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(3, removed.Removed);
        bobItems = await DavAccounts.ReadAllAsync(bob);
        Assert.Equal(4, bobItems.Single(c => c.Key.Kind == DavCollectionKind.AddressBook).Value.Count);
        Assert.Equal(6, bobItems.Single(c => DavAccounts.NameOf(c.Key) == "Work").Value.Count);

        // Remove everything: the items and the collections the migration created.
        plan = remover.Plan(migration.Id);
        removed = await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(3, removed.DeletedCollections.Count);
        Assert.Empty(await bob.ListCollectionsAsync(CancellationToken.None));
        Assert.Equal(0, store.Find(migration.Id)!.Progress.Sum(p => p.Migrated));
        Assert.Equal(MigrationStatus.Removed, store.Find(migration.Id)!.Status);
    }

    [Fact]
    public async Task After_a_remove_from_a_sync_point_a_sync_copies_the_removed_items_again_though_their_collection_did_not_change()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var seeded = await SeedAsync(alice, contacts: 3, events: 0, todos: 0);
        var book = seeded.Keys.Single();
        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, radicale, "alice"), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        var runner = new MigrationRunner(store);
        await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        await PutAsync(alice, book, "contact-100@omm.test.vcf", GroupwareSamples.Contact(100), "text/vcard");
        await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        var remover = new MigratedItemRemover(store);
        var plan = remover.Plan(migration.Id, 2);
        Assert.Equal(1, (await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(),
            CancellationToken.None)).Removed);
        var partly = store.Find(migration.Id)!;
        Assert.Equal((MigrationStatus.Completed, (4L, 3L)), (partly.Status, Counter(partly, ItemType.Contacts)));

        var again = await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        Assert.Equal((MigrationStatus.Completed, (4L, 4L)), (again.Migration.Status, Counter(again.Migration, ItemType.Contacts)));
        using var bob = DavAccounts.Client(radicale, "bob");
        Assert.Equal(4, (await DavAccounts.ReadAllAsync(bob)).Single().Value.Count);
    }

    [Fact]
    public async Task An_item_changed_on_both_sides_keeps_the_destination_version_with_a_warning()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var seeded = await SeedAsync(alice, contacts: 2, events: 0, todos: 0);
        var book = seeded.Keys.Single();
        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, radicale, "alice"), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        var runner = new MigrationRunner(store);
        await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        var source = (await alice.GetResourcesAsync(book, new[] { book.Href + "contact-1@omm.test.vcf" }, CancellationToken.None)).Single();
        await alice.PutAsync(source.Href, "text/vcard; charset=utf-8", GroupwareSamples.Contact(1, "changed on the source"), source.ETag, CancellationToken.None);
        using var bob = DavAccounts.Client(radicale, "bob");
        var bobBook = (await bob.ListCollectionsAsync(CancellationToken.None)).Single();
        var copy = (await bob.GetResourcesAsync(bobBook, new[] { bobBook.Href + "contact-1@omm.test.vcf" }, CancellationToken.None)).Single();
        await bob.PutAsync(copy.Href, "text/vcard; charset=utf-8", GroupwareSamples.Contact(1, "changed on the destination"), copy.ETag, CancellationToken.None);

        var result = await runner.RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        var warning = Assert.Single(result.Migration.Errors);
        Assert.Equal(ItemErrorType.Warning, warning.Type);
        Assert.Equal(ItemType.Contacts, warning.ItemType);
        Assert.Contains("destination's version was kept", warning.Message);
        var kept = (await bob.GetResourcesAsync(bobBook, new[] { copy.Href }, CancellationToken.None)).Single();
        Assert.Contains("changed on the destination", kept.Data);
    }

    [Fact]
    public async Task Xandikos_to_Radicale_and_back()
    {
        using var xandikos = XandikosServer.Start();
        using var source = DavAccounts.Client(xandikos);
        var collections = await source.ListCollectionsAsync(CancellationToken.None);
        var book = collections.Single(c => c.Kind == DavCollectionKind.AddressBook);
        var calendar = collections.Single(c => c.Kind == DavCollectionKind.Calendar);
        for (var i = 1; i <= 4; i++)
            await PutAsync(source, book, $"c{i}.vcf", GroupwareSamples.Contact(i), "text/vcard");
        await PutAsync(source, calendar, "weekly.ics", GroupwareSamples.RecurringEvent("weekly@omm.test"), "text/calendar");
        await PutAsync(source, calendar, "todo.ics", GroupwareSamples.Todo(1), "text/calendar");

        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, xandikos), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Null(result.Failure);
        Assert.Equal((4, 4), Counter(result.Migration, ItemType.Contacts));
        Assert.Equal((1, 1), Counter(result.Migration, ItemType.Calendar));
        Assert.Equal((1, 1), Counter(result.Migration, ItemType.Tasks));

        using var bob = DavAccounts.Client(radicale, "bob");
        var copied = await DavAccounts.ReadAllAsync(bob);
        var weekly = copied.Values.SelectMany(r => r).Single(r => r.Data.Contains("weekly@omm.test"));
        Assert.Equal(ContentFacts.ByUid(GroupwareSamples.RecurringEvent("weekly@omm.test")), ContentFacts.ByUid(weekly.Data));

        // And back into an empty Xandikos account's own collections.
        using var empty = XandikosServer.Start();
        var back = DavAccounts.Endpoint(EndpointRole.Destination, empty);
        var returning = DavAccounts.Create(store, DavAccounts.Endpoint(EndpointRole.Source, radicale, "bob"), back);
        var returned = await new MigrationRunner(store).RunPassAsync(returning.Id, DavAccounts.Endpoint(EndpointRole.Source, radicale, "bob"), back,
            new RecordingObserver(), CancellationToken.None);
        Assert.Null(returned.Failure);
        Assert.Equal(6, returned.Migration.Progress.Sum(p => p.Migrated));
        using var emptyClient = DavAccounts.Client(empty);
        Assert.Equal(6, (await DavAccounts.ReadAllAsync(emptyClient)).Values.Sum(r => r.Count));
    }

    [Fact]
    public async Task A_stopped_pass_keeps_what_it_copied_and_the_next_one_finishes_without_duplicates()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        await SeedAsync(alice, contacts: 300, events: 0, todos: 0);
        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, radicale, "alice"), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to);
        using var stop = new CancellationTokenSource();
        var observer = new StoppingObserver(stop, afterItems: 40);

        var stopped = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, observer, stop.Token);

        Assert.Equal(MigrationStatus.Stopped, stopped.Migration.Status);
        using var bob = DavAccounts.Client(radicale, "bob");
        var copied = (await DavAccounts.ReadAllAsync(bob)).Values.Sum(r => r.Count);
        Assert.InRange(copied, 40, 299);
        Assert.Equal(copied, stopped.Migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);

        var resumed = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Completed, resumed.Migration.Status);
        Assert.Equal((300, 300), Counter(resumed.Migration, ItemType.Contacts));
        var final = (await DavAccounts.ReadAllAsync(bob)).Values.SelectMany(r => r).ToList();
        Assert.Equal(300, final.Count);
        Assert.Equal(300, final.Select(r => ContentFacts.ByUid(r.Data).Keys.Single()).Distinct().Count());
    }

    /// <summary>Cancels the pass once it has dealt with some items, as Stop-OmmMigration or Ctrl+C would.</summary>
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

    [Fact]
    public async Task A_wrong_password_fails_the_pass_with_the_reason()
    {
        var store = new StateStore(statePath);
        var from = new AccountEndpoint(EndpointRole.Source, ServerType.Dav, null, ConnectionSecurity.None, new System.Net.NetworkCredential("alice", "wrong"), false, radicale.Url);
        var to = DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob");
        var migration = DavAccounts.Create(store, from, to);
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Authentication, result.Failure!.Kind);
        Assert.Contains("alice", result.Migration.FailureReason);
    }

    private static (long ToMigrate, long Migrated) Counter(Migration migration, ItemType type)
    {
        var row = migration.Progress.Single(p => p.ItemType == type);
        return (row.ToMigrate, row.Migrated);
    }

    private static void AssertSameItems(IReadOnlyList<DavResource> expected, IReadOnlyList<DavResource> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var want = expected.SelectMany(r => ContentFacts.ByUid(r.Data)).ToDictionary(p => p.Key, p => p.Value);
        var got = actual.SelectMany(r => ContentFacts.ByUid(r.Data)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(want.Keys.OrderBy(k => k), got.Keys.OrderBy(k => k));
        foreach (var (uid, facts) in want)
            Assert.Equal(facts, got[uid]);
    }

    private static async Task PutAsync(DavClient client, DavCollection collection, string name, string data, string type) =>
        Assert.Equal(DavWriteOutcome.Created,
            (await client.PutAsync(collection.Href + name, type + "; charset=utf-8", data, null, CancellationToken.None)).Outcome);

    /// <summary>An address book "Friends", a calendar "Work" (orange, events only, one recurring event among them) and a task list "To do".</summary>
    private static async Task<Dictionary<DavCollection, IReadOnlyList<DavResource>>> SeedAsync(DavClient client, int contacts, int events, int todos)
    {
        var book = await client.CreateAddressBookAsync("Friends", "People I know", CancellationToken.None);
        for (var i = 1; i <= contacts; i++)
            await PutAsync(client, book, $"contact-{i}@omm.test.vcf", GroupwareSamples.Contact(i), "text/vcard");
        if (events > 0)
        {
            var calendar = await client.CreateCalendarAsync("Work", "#FF8800FF", "Meetings", new[] { "VEVENT" }, CancellationToken.None);
            for (var i = 1; i <= events; i++)
                await PutAsync(client, calendar, $"event-{i}@omm.test.ics", GroupwareSamples.Event(i), "text/calendar");
            await PutAsync(client, calendar, "weekly.ics", GroupwareSamples.RecurringEvent("weekly@omm.test"), "text/calendar");
        }

        if (todos > 0)
        {
            var list = await client.CreateCalendarAsync("To do", null, null, new[] { "VTODO" }, CancellationToken.None);
            for (var i = 1; i <= todos; i++)
                await PutAsync(client, list, $"todo-{i}@omm.test.ics", GroupwareSamples.Todo(i), "text/calendar");
        }

        return await DavAccounts.ReadAllAsync(client);
    }
}
