using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>Which recorded migration a new one would double: the same items between the same places of the same two accounts.</summary>
public sealed class MigrationPairsTests : IDisposable
{
    private static readonly ItemType[] Everything = { ItemType.Mail, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks };
    private readonly TemporaryStateStore state = new("pairs");

    private StateStore Store => state.Store;

    public void Dispose() => state.Dispose();

    [Fact]
    public void The_same_logins_and_servers_in_any_case_and_any_project_are_the_same_pair()
    {
        var existing = Create("acme", Imap("imap.old.example:993", "Alice@Old.Example", "imap.new.example:993", "alice@new.example"), ItemType.Mail);

        var found = MigrationPairs.FindExisting(Store, Imap("IMAP.OLD.example:993", "alice@old.example", "imap.NEW.example:993", "ALICE@new.example"), new[] { ItemType.Mail });

        Assert.Equal(existing.Id, found?.Existing.Id);
        Assert.Equal(new[] { ItemType.Mail }, found?.Types);
        Assert.Equal($"Alice@Old.Example to alice@new.example already has migration {existing.Id} (Queued, project acme)", MigrationExistsException.Names(existing));
    }

    [Theory]
    [InlineData("imap.other.example:993", "alice@old.example", "imap.new.example:993", "alice@new.example")]
    [InlineData("imap.old.example:143", "alice@old.example", "imap.new.example:993", "alice@new.example")]
    [InlineData("imap.old.example:993", "bob@old.example", "imap.new.example:993", "alice@new.example")]
    [InlineData("imap.old.example:993", "alice@old.example", "imap.new.example:993", "alice2@new.example")]
    [InlineData("imap.old.example:993", "alice@old.example", "imap.newer.example:993", "alice@new.example")]
    public void Another_server_port_or_login_on_either_side_is_another_pair(string sourceServer, string sourceLogin, string destinationServer, string destinationLogin)
    {
        Create(null, Imap("imap.old.example:993", "alice@old.example", "imap.new.example:993", "alice@new.example"), ItemType.Mail);

        Assert.Null(MigrationPairs.FindExisting(Store, Imap(sourceServer, sourceLogin, destinationServer, destinationLogin), new[] { ItemType.Mail }));
    }

    [Fact]
    public void Contacts_added_to_a_mail_migration_double_nothing_but_mail_again_would()
    {
        var mailOnly = Create(null, Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann"), ItemType.Mail);
        var withDav = Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann", "https://dav.old.example/", "https://dav.new.example/dav/");

        Assert.Null(MigrationPairs.FindExisting(Store, withDav, new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks }));
        var found = MigrationPairs.FindExisting(Store, withDav, Everything);
        Assert.Equal(mailOnly.Id, found?.Existing.Id);
        Assert.Equal(new[] { ItemType.Mail }, found?.Types);

        var exists = new MigrationExistsException("Line 3 of accounts.csv", mailOnly, found!.Value.Types, Everything);
        Assert.Equal($"Line 3 of accounts.csv: ann to ann already has migration {mailOnly.Id} (Queued, no project), which copies Mail. " +
                     $"Use Sync-OmmMigration {mailOnly.Id} to copy what is new once it has ended, or -Force to create another migration. " +
                     "To add only what it does not copy, give -Include Contacts,Calendar,Tasks.", exists.Message);
    }

    [Fact]
    public void A_dav_url_is_the_same_place_with_or_without_its_final_slash_and_for_a_dav_account_alone()
    {
        var groupware = Create(null, Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann", "https://dav.old.example/", "https://dav.new.example/dav/"), Everything);
        var davAlone = new ConnectionSettings(new RecordedSide(ServerType.Dav, "https://dav.old.example", "ANN", ConnectionSecurity.Auto, "https://dav.old.example"),
            new RecordedSide(ServerType.Dav, "https://DAV.new.example/dav", "ann", ConnectionSecurity.Auto, "https://DAV.new.example/dav"), false);

        var found = MigrationPairs.FindExisting(Store, davAlone, new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks });

        Assert.Equal(groupware.Id, found?.Existing.Id);
        Assert.Equal(new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks }, found?.Types);
    }

    [Fact]
    public void A_file_is_the_same_source_only_by_its_path()
    {
        var pst = Path.Combine(state.Folder, "archive.pst");
        var imported = Create(null, new ConnectionSettings(new RecordedSide(ServerType.File, pst, "archive.pst", ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, "imap.new.example:993", "ann", ConnectionSecurity.Auto), false), ItemType.Mail);
        ConnectionSettings From(string path) => new(new RecordedSide(ServerType.File, path, Path.GetFileName(path), ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, "imap.new.example:993", "ANN", ConnectionSecurity.Auto), false);

        Assert.Equal(imported.Id, MigrationPairs.FindExisting(Store, From(pst), new[] { ItemType.Mail })?.Existing.Id);
        Assert.Null(MigrationPairs.FindExisting(Store, From(Path.Combine(state.Folder, "other", "archive.pst")), new[] { ItemType.Mail }));
    }

    [Fact]
    public void The_latest_of_several_is_named()
    {
        var settings = Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann");
        Create(null, settings, ItemType.Mail);
        var latest = Create("second", settings, ItemType.Mail);

        Assert.Equal(latest.Id, MigrationPairs.FindExisting(Store, settings, new[] { ItemType.Mail })?.Existing.Id);
    }

    [Fact]
    public void Only_a_migration_that_ended_having_copied_nothing_may_be_taken_up_again()
    {
        var settings = Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann");
        var migration = Create(null, settings, ItemType.Mail);
        Assert.False(MigrationPairs.EndedHavingCopiedNothing(migration)); // Queued: it is about to copy

        Store.BeginPass(migration.Id, RunnerIdentity.Current);
        Store.EndPass(migration.Id, MigrationStatus.Failed, "The source server rejected the login.");
        Assert.True(MigrationPairs.EndedHavingCopiedNothing(Store.Find(migration.Id)!));

        Store.EndPass(migration.Id, MigrationStatus.Completed, null);
        Assert.False(MigrationPairs.EndedHavingCopiedNothing(Store.Find(migration.Id)!));

        var taken = Store.TakeUp(migration.Id, new NewMigration("fixed", Imap("imap.old.example:993", "ann", "imap.new.example:993", "ann", null, "https://dav.new.example/"),
            new[] { ItemType.Mail, ItemType.Contacts }, caps: new ThroughputCaps(5, null)));
        Assert.Equal((migration.Id, "fixed", "https://dav.new.example/", 5.0), (taken.Id, taken.Project, taken.DestinationDavUrl, taken.MaxMessagesPerSecond));
        Assert.Equal(new[] { ItemType.Mail, ItemType.Contacts }, taken.Include);
    }

    private Migration Create(string? project, ConnectionSettings settings, params ItemType[] include) =>
        Store.CreateMigration(new NewMigration(project, settings, include));

    private static ConnectionSettings Imap(string sourceServer, string sourceLogin, string destinationServer, string destinationLogin,
        string? sourceDav = null, string? destinationDav = null) =>
        new(new RecordedSide(ServerType.Imap, sourceServer, sourceLogin, ConnectionSecurity.Auto, sourceDav),
            new RecordedSide(ServerType.Imap, destinationServer, destinationLogin, ConnectionSecurity.Auto, destinationDav), false);
}
