using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>What of a PST a destination cannot take is counted per folder, from the team's fixtures.</summary>
public sealed class LeftOutItemsTests : IDisposable
{
    private static readonly AccountEndpoint MailOnly = new(EndpointRole.Destination, ServerType.Imap, new ServerAddress("imap.new.example", 993),
        ConnectionSecurity.Auto, new NetworkCredential("ann", "x"), false);

    private static readonly AccountEndpoint DavOnly = new(EndpointRole.Destination, ServerType.Dav, null, ConnectionSecurity.Auto,
        new NetworkCredential("ann", "x"), false, new Uri("https://dav.new.example/"));

    private readonly string directory = Directory.CreateTempSubdirectory("omm-leftout-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(RepositoryPaths.SharedFixtures, "pst", name);

    [Fact]
    public void Contacts_without_a_dav_url_are_counted_and_nothing_else_is_taken()
    {
        var (leftOut, anythingTaken) = LeftOutItems.Find(Fixture("contacts6.pst"), MailOnly);

        Assert.False(anythingTaken);
        var contacts = Assert.Single(leftOut);
        Assert.Equal(("Contacts", ItemType.Contacts, 6), (contacts.Folder, contacts.ItemType, contacts.Count));
        Assert.Equal("6 contacts in 'Contacts' were not migrated: the destination has no CardDAV URL; give -DestinationDavUrl to migrate them.", contacts.Message);

        var withDav = LeftOutItems.Find(Fixture("contacts6.pst"), DavOnly);
        Assert.True(withDav.AnythingTaken);
        Assert.Empty(withDav.LeftOut);
    }

    [Fact]
    public void Mail_without_an_imap_server_is_counted_and_one_item_is_named_in_the_singular()
    {
        var (leftOut, anythingTaken) = LeftOutItems.Find(Fixture("dist-list.pst"), MailOnly);

        Assert.False(anythingTaken);
        Assert.Equal(new[] { "1 calendar item in 'Calendar' was not migrated: the destination has no CalDAV URL; give -DestinationDavUrl to migrate them.",
                             "2 contacts in 'Contacts' were not migrated: the destination has no CardDAV URL; give -DestinationDavUrl to migrate them." },
            leftOut.Select(f => f.Message));

        var mail = LeftOutItems.Find(Fixture("empty-folder-unicode.pst"), DavOnly);
        Assert.False(mail.AnythingTaken);
        Assert.Equal(new[] { ("Personal Folders", 1), ("Folder", 1) }, mail.LeftOut.Select(f => (f.Folder, f.Count)));
        Assert.All(mail.LeftOut, f => Assert.Equal(ItemType.Mail, f.ItemType));
        Assert.EndsWith("the destination has no IMAP server; give -DestinationServer to migrate them.", mail.LeftOut[0].Message);
    }

    [Fact]
    public void A_folder_the_migration_excludes_is_not_reported_and_other_files_have_nothing_left_out()
    {
        Assert.Empty(LeftOutItems.Find(Fixture("contacts6.pst"), MailOnly, new FolderFilter(Array.Empty<string>(), new[] { "Cont*" })).LeftOut);
        var vcf = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "John_Doe_IPHONE.vcf");
        Assert.Equal((0, true), (LeftOutItems.Find(vcf, MailOnly).LeftOut.Count, LeftOutItems.Find(vcf, MailOnly).AnythingTaken));
    }

    [Fact]
    public void Recording_writes_a_warning_per_folder_and_counts_the_items_to_migrate()
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var pst = Fixture("dist-list.pst");
        var migration = store.CreateMigration(new NewMigration(null, new ConnectionSettings(new RecordedSide(ServerType.File, pst, "dist-list.pst", ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, MailOnly.Server, MailOnly.Account, ConnectionSecurity.Auto), false), new[] { ItemType.Mail }));
        var syncPoint = store.BeginPass(migration.Id, RunnerIdentity.Current);
        var observer = new RecordingObserver();

        LeftOutItems.Record(store, migration.Id, syncPoint, pst, MailOnly, FolderFilter.All, observer);
        store.EndPass(migration.Id, MigrationStatus.Completed, null);

        var recorded = store.Find(migration.Id)!;
        Assert.Equal(new[] { (ItemType.Calendar, 1L, 0L, 1L), (ItemType.Contacts, 2L, 0L, 1L) },
            recorded.Progress.Select(p => (p.ItemType, p.ToMigrate, p.Migrated, p.InWarning)));
        Assert.Equal(2, recorded.Errors.Count);
        Assert.All(recorded.Errors, e => Assert.Equal((ItemErrorType.Warning, "(folder)"), (e.Type, e.ItemName)));
        Assert.Equal(recorded.Errors.Select(e => e.Message), observer.Problems.Select(p => p.Message));
        Assert.True(recorded.Percent < 100);
    }

    [Fact]
    public async Task A_pass_into_a_mail_server_alone_warns_per_folder_and_its_counters_show_the_items_not_migrated()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var store = new StateStore(Path.Combine(directory, "pass.db"));
        var pst = Path.Combine(directory, "dist-list.pst");
        File.Copy(Fixture("dist-list.pst"), pst);
        var from = AccountEndpoint.ForFile(pst);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "ann");
        // As a state file of an earlier version holds it: the import went ahead for its mail alone.
        var migration = store.CreateMigration(new NewMigration(null, new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false), new[] { ItemType.Mail }));
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, migration.Id, from, to, observer);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Equal(new[] { ("Calendar", 1L, 0L, 0L, 1L), ("Contacts", 2L, 0L, 0L, 1L), ("Mail", 0L, 0L, 0L, 0L) },
            result.Migration.Progress.Select(p => (p.ItemType.ToString(), p.ToMigrate, p.Migrated, p.InError, p.InWarning)).OrderBy(p => p.Item1));
        Assert.Equal(new[] { "1 calendar item in 'Calendar' was not migrated: the destination has no CalDAV URL; give -DestinationDavUrl to migrate them.",
                             "2 contacts in 'Contacts' were not migrated: the destination has no CardDAV URL; give -DestinationDavUrl to migrate them." },
            result.Migration.Errors.Select(e => e.Message));
        Assert.Equal(2, observer.Problems.Count);
        Assert.Equal(0, result.Migration.Percent);
        Assert.Equal(0, MailboxSnapshot.Read(destination, "ann").Count);
    }
}
