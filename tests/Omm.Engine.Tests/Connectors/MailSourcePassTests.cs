using System.Net;
using MailKit;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

/// <summary>The pass above <see cref="Omm.Engine.Connectors.IMailSource"/>, fed by an in-memory source into a real Dovecot.</summary>
public sealed class MailSourcePassTests : IDisposable
{
    private const string User = "pop";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-source-pass-").FullName;
    private readonly DovecotServer destination = DovecotServer.Start();

    public void Dispose()
    {
        destination.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Every_message_arrives_once_and_a_second_pass_copies_nothing()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two", flags: MessageFlags.None)
            .Folder("Old/2019").Add("k3", "three");
        var (store, id) = Create();

        var first = await Run(store, id, source);
        var second = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, first.Migration.Status);
        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        var mailbox = MailboxSnapshot.Read(destination, User);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k2", "two") }.Order(), mailbox.In("INBOX").Select(m => m.Sha256).Order());
        Assert.Equal(new[] { Sha("k3", "three") }, mailbox.In("Old/2019").Select(m => m.Sha256));
        Assert.Equal(new[] { true, false }, mailbox.In("INBOX").OrderBy(m => m.Uid).Select(m => m.Flags.Contains("\\Seen")));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), mailbox.In("INBOX")[0].InternalDate);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        Assert.Equal(new[] { "k1", "k2" }, store.GetMigratedItems(id, "INBOX").Select(i => i.SourceKey));
    }

    [Fact]
    public async Task Copies_a_killed_pass_made_without_recording_them_are_recognised_not_copied_again()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two").Add("k3", "three");
        var (store, id) = Create();
        await Run(store, id, source);
        // What a pass killed between its APPEND and its record leaves: the copies, and no record of them.
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Select(i => i.RowId));

        var again = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(3, MailboxSnapshot.Read(destination, User).In("INBOX").Count);
        Assert.Equal(new[] { "k1", "k2", "k3" }, store.GetMigratedItemsFrom(id, 2).Select(i => i.SourceKey).Order());
    }

    [Fact]
    public async Task Copies_of_undated_messages_a_killed_pass_made_without_recording_them_are_recognised_not_copied_again()
    {
        // A POP3 message whose headers hold no date that parses is appended with none, so the destination dates the copy itself.
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox)
            .Add("k1", "one", InMemoryMailSource.Behaviour.Undated).Add("k2", "two").Add("k3", "three", InMemoryMailSource.Behaviour.Undated);
        var (store, id) = Create();
        await Run(store, id, source);
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Select(i => i.RowId));

        var again = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k2", "two"), Sha("k3", "three") }.Order(),
            MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
        Assert.Equal(new[] { "k1", "k2", "k3" }, store.GetMigratedItemsFrom(id, 2).Select(i => i.SourceKey).Order());
    }

    [Fact]
    public async Task An_undated_copy_is_not_taken_for_another_message_with_the_same_message_id_and_size()
    {
        // k1 and k2 share Message-ID (<k@in-memory>) and size but not content: the copy of one is not the other's.
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k", "one", InMemoryMailSource.Behaviour.Undated);
        var (store, id) = Create();
        await Run(store, id, source);
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Select(i => i.RowId));
        var other = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k", "two", InMemoryMailSource.Behaviour.Undated);

        await Run(store, id, other);

        Assert.Equal(new[] { Sha("k", "one"), Sha("k", "two") }.Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    [Fact]
    public async Task An_unreadable_message_is_an_item_error_and_the_others_arrive()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox)
            .Add("k1", "one").Add("k2", "two", InMemoryMailSource.Behaviour.Unreadable).Add("k3", "three");
        var (store, id) = Create();

        var result = await Run(store, id, source);

        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        var error = Assert.Single(result.Migration.Errors);
        Assert.Equal((ItemErrorType.Error, "INBOX"), (error.Type, error.Folder));
        Assert.Contains("two", error.ItemName);
        Assert.Contains("its bytes are damaged", error.Message);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k3", "three") }.Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
    }

    [Fact]
    public async Task A_message_that_breaks_the_connection_every_time_is_given_up_and_the_pass_goes_on()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox)
            .Add("k1", "one").Add("k2", "two", InMemoryMailSource.Behaviour.BreaksTheConnection).Add("k3", "three");
        var (store, id) = Create();

        var result = await Run(store, id, source, connectionRetries: 5);

        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        var error = Assert.Single(result.Migration.Errors);
        Assert.Contains("two", error.ItemName);
        Assert.Contains("broke 4 times while this", error.Message);
        Assert.Equal(PoisonMessages.DefaultAttempts + 1, source.Sessions);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k3", "three") }.Order(), MailboxSnapshot.Read(destination, User).In("INBOX").Select(m => m.Sha256).Order());
        Assert.Equal(new[] { "k1", "k3" }, store.GetMigratedItems(id, "INBOX").Select(i => i.SourceKey).Order());
    }

    private static string Sha(string key, string subject) => FileImports.Sha256(InMemoryMailSource.Bytes(key, subject));

    private (StateStore Store, string Id) Create()
    {
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var migration = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Pop3, "pop.example:995", "in-memory", ConnectionSecurity.Auto),
                new RecordedSide(ServerType.Imap, destination.Address, User, ConnectionSecurity.None), false),
            new[] { ItemType.Mail }));
        return (store, migration.Id);
    }

    private Task<PassResult> Run(StateStore store, string id, InMemoryMailSource source, int connectionRetries = 2) =>
        new MigrationRunner(store)
        {
            ConnectionRetries = connectionRetries,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
            OpenMailSource = _ => source,
        }.RunPassAsync(id, new AccountEndpoint(EndpointRole.Source, ServerType.Pop3, ServerAddress.Parse("pop.example:995"), ConnectionSecurity.Auto,
                new NetworkCredential("in-memory", "unused"), false),
            TestMigrations.Endpoint(EndpointRole.Destination, destination, User), new RecordingObserver(), CancellationToken.None);
}
