using Omm.Engine.Connectors;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.Connectors;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// The contacts/calendars/tasks pass on its own, between an in-memory source and destination: what it copies, what it
/// leaves, what it records, in milliseconds. The same logic against real servers: <see cref="DavMigrationTests"/>.
/// </summary>
public sealed class GroupwarePassTests : IDisposable
{
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-pass-{Guid.NewGuid():N}.db");
    private readonly StateStore store;
    private readonly string migrationId;
    private readonly InMemoryCollectionSource source = new();
    private readonly InMemoryCollectionDestination destination = new();
    private readonly string account = $"memory {Guid.NewGuid():N}";

    public GroupwarePassTests()
    {
        store = new StateStore(statePath);
        migrationId = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Dav, "source", "alice", ConnectionSecurity.None), new RecordedSide(ServerType.Dav, "destination", "bob", ConnectionSecurity.None), false),
            [ItemType.Contacts, ItemType.Calendar, ItemType.Tasks])).Id;
        source.AddAddressBook("Friends");
        for (var n = 1; n <= 3; n++)
            source.Put("Friends", Uid(n), GroupwareSamples.Contact(n));
        source.AddCalendar("Work", "VEVENT");
        for (var n = 1; n <= 2; n++)
            source.Put("Work", $"event-{n}@omm.test", GroupwareSamples.Event(n));
    }

    public void Dispose()
    {
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task A_first_pass_copies_every_item_and_a_second_copies_nothing()
    {
        var (first, _) = await PassAsync();

        Assert.Equal(5, destination.Writes);
        var friends = destination.ItemsIn("Friends");
        Assert.Equal(Enumerable.Range(1, 3).Select(n => GroupwareSamples.Contact(n)).Order(), friends.Values.Select(i => i.Data).Order());
        Assert.Equal(Enumerable.Range(1, 2).Select(n => GroupwareSamples.Event(n)).Order(), destination.ItemsIn("Work").Values.Select(i => i.Data).Order());
        Assert.Empty(first.Errors);
        var recorded = store.GetEntries(migrationId, "Friends");
        Assert.Equal(friends.Keys.Order(), recorded.Select(e => e.DestinationHref).Order());
        Assert.All(recorded, e => Assert.Equal(friends[e.DestinationHref].Version, e.DestinationETag));
        Assert.Equal(["Friends", "Work"], store.GetCollections(migrationId).Select(c => c.SourceCollection).Order());

        var (second, _) = await PassAsync();

        Assert.Equal(5, destination.Writes);
        Assert.Empty(second.Errors);
        Assert.Equal(recorded.Select(e => (e.DestinationHref, e.DestinationETag, e.SyncPoint)),
            store.GetEntries(migrationId, "Friends").Select(e => (e.DestinationHref, e.DestinationETag, e.SyncPoint)));
        Assert.Equal(3, second.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
    }

    [Fact]
    public async Task An_item_changed_on_the_source_is_updated_in_place()
    {
        await PassAsync();
        var before = store.GetEntries(migrationId, "Friends").Single(e => e.Uid == Uid(2));
        source.Put("Friends", Uid(2), GroupwareSamples.Contact(2, "Moved to Lyon"));

        var (second, _) = await PassAsync();

        Assert.Empty(second.Errors);
        Assert.Equal(6, destination.Writes);
        var copy = destination.ItemsIn("Friends")[before.DestinationHref];
        Assert.Equal(GroupwareSamples.Contact(2, "Moved to Lyon"), copy.Data);
        Assert.Equal(3, destination.ItemsIn("Friends").Count);
        var after = store.GetEntries(migrationId, "Friends").Single(e => e.Uid == Uid(2));
        Assert.Equal((before.DestinationHref, copy.Version, 1), (after.DestinationHref, after.DestinationETag, after.SyncPoint));
        Assert.NotEqual(before.SourceVersion, after.SourceVersion);
    }

    [Fact]
    public async Task An_item_changed_on_the_destination_is_kept_with_a_warning()
    {
        await PassAsync();
        var entry = store.GetEntries(migrationId, "Friends").Single(e => e.Uid == Uid(2));
        var edited = GroupwareSamples.Contact(2, "Edited on the destination");
        destination.ChangeThere(entry.DestinationHref, edited);
        source.Put("Friends", Uid(2), GroupwareSamples.Contact(2, "Edited on the source"));

        var (second, _) = await PassAsync();

        Assert.Equal(edited, destination.ItemsIn("Friends")[entry.DestinationHref].Data);
        var warning = Assert.Single(second.Errors);
        Assert.Equal(ItemErrorType.Warning, warning.Type);
        Assert.Contains("changed on the source and on the destination", warning.Message);
        Assert.Equal(0, store.CountErrors(migrationId, 2));
    }

    [Fact]
    public async Task An_item_refused_as_invalid_is_sent_again_repaired_and_copied_with_a_warning()
    {
        source.Put("Friends", Uid(2), GroupwareSamples.Contact(2).Replace("END:VCARD", "PROFILE:VCARD\r\nEND:VCARD"));
        destination.RefuseAsInvalid("PROFILE:VCARD");

        var (pass, _) = await PassAsync();

        var copy = destination.ItemsIn("Friends").Values.Single(i => i.Data.Contains(Uid(2)));
        Assert.DoesNotContain("PROFILE", copy.Data);
        Assert.Contains("FN:Person 2 Müller", copy.Data);
        var warning = Assert.Single(pass.Errors);
        Assert.Equal(ItemErrorType.Warning, warning.Type);
        Assert.StartsWith("The destination found 'PROFILE:VCARD' invalid. Omm sent it again repaired: dropped PROFILE", warning.Message);
        Assert.Contains(store.GetEntries(migrationId, "Friends"), e => e.Uid == Uid(2) && e.DestinationETag == copy.Version);
    }

    [Fact]
    public async Task An_item_refused_again_once_repaired_is_an_item_error_and_the_others_are_copied()
    {
        source.Put("Friends", Uid(2), GroupwareSamples.Contact(2).Replace("END:VCARD", "PROFILE:VCARD\r\nEND:VCARD"));
        destination.RefuseAsInvalid($"UID:{Uid(2)}");

        var (pass, _) = await PassAsync();

        Assert.Equal(2, destination.ItemsIn("Friends").Count);
        Assert.DoesNotContain(destination.ItemsIn("Friends").Values, i => i.Data.Contains(Uid(2)));
        var error = Assert.Single(pass.Errors);
        Assert.Equal(ItemErrorType.Error, error.Type);
        Assert.Equal("Friends", error.Folder);
        Assert.Contains("Omm sent it again repaired (dropped PROFILE", error.Message);
        Assert.Contains("and that was refused too", error.Message);
        Assert.DoesNotContain(store.GetEntries(migrationId, "Friends"), e => e.Uid == Uid(2));
        Assert.Equal(MigrationStatus.CompletedWithErrors, pass.Status);
    }

    [Fact]
    public async Task An_item_whose_write_kept_failing_is_an_error_this_pass_and_copied_by_the_next()
    {
        destination.BreakWrites($"UID:{Uid(2)}", times: 1);

        var (first, _) = await PassAsync();

        Assert.Contains("The connection broke each time", Assert.Single(first.Errors).Message);
        Assert.Equal(2, destination.ItemsIn("Friends").Count);

        var (second, _) = await PassAsync();

        Assert.Empty(second.Errors);
        Assert.Equal(3, destination.ItemsIn("Friends").Count);
        Assert.Equal(3, store.GetEntries(migrationId, "Friends").Count);
    }

    [Fact]
    public async Task A_lost_connection_ends_the_pass_and_the_next_one_copies_each_item_once()
    {
        await PassAsync();
        source.Put("Friends", Uid(4), GroupwareSamples.Contact(4));
        destination.FailNextRequests(1);

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => PassAsync());
        Assert.Equal(FailureKind.ConnectionLost, failure.Kind);

        var (next, _) = await PassAsync();
        Assert.Empty(next.Errors);
        Assert.Equal(6, destination.Writes);
        Assert.Equal(4, destination.ItemsIn("Friends").Count);
        Assert.Equal(4, store.GetEntries(migrationId, "Friends").Count);
    }

    private static string Uid(int n) => $"contact-{n}@omm.test";

    /// <summary>One pass, begun and ended in the state as the runner does.</summary>
    private async Task<(Migration Migration, RecordingObserver Observer)> PassAsync()
    {
        var syncPoint = store.BeginPass(migrationId, RunnerIdentity.Current);
        var observer = new RecordingObserver();
        var include = new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks };
        try
        {
            var completed = await new GroupwarePass(store, migrationId, syncPoint, source, destination, include, observer, "memory", account, CopyPacer.Unlimited)
                .RunAsync(CancellationToken.None);
            Assert.True(completed);
            store.EndPass(migrationId, store.CountErrors(migrationId, syncPoint) > 0 ? MigrationStatus.CompletedWithErrors : MigrationStatus.Completed, null);
        }
        catch (MigrationFailedException e)
        {
            store.EndPass(migrationId, MigrationStatus.Failed, e.Message);
            throw;
        }

        return (store.Find(migrationId)!, observer);
    }
}
