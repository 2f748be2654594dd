using System.Net;
using System.Security.Cryptography;
using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// The mail pass between the seams, with an in-memory source and destination: crash recovery, look-alikes, folder
/// mapping, refusals and destination keys that change, each in milliseconds and without a server.
/// </summary>
public sealed class InMemoryMailPassTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-memory-pass-").FullName;
    private readonly InMemoryMailDestination destination = new InMemoryMailDestination().WithFolder("Sent Items", FolderRole.Sent);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Folders_go_where_their_roles_say_and_a_second_pass_appends_nothing()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two")
            .Folder("Sent", FolderRole.Sent).Add("k3", "three").Folder("Projects/2026").Add("k4", "four");
        var (store, id) = Create();

        var first = await Run(store, id, source);
        var appends = destination.Appends.Count;
        var second = await Run(store, id, source);

        Assert.Equal((MigrationStatus.Completed, MigrationStatus.Completed), (first.Migration.Status, second.Migration.Status));
        Assert.Equal(appends, destination.Appends.Count);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k2", "two") }, destination.In("INBOX").Select(m => m.Sha256));
        Assert.Equal(new[] { Sha("k3", "three") }, destination.In("Sent Items").Select(m => m.Sha256));
        Assert.Equal(new[] { Sha("k4", "four") }, destination.In("Projects/2026").Select(m => m.Sha256));
        Assert.DoesNotContain("Sent", destination.FolderPaths);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), destination.In("INBOX")[0].Date);
    }

    [Fact]
    public async Task Copies_a_killed_pass_left_unrecorded_are_taken_over_and_not_appended_again()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two").Add("k3", "three");
        var (store, id) = Create();
        await Run(store, id, source);
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Where(i => i.SourceKey != "k1").Select(i => i.RowId));
        var appends = destination.Appends.Count;

        var again = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(appends, destination.Appends.Count);
        Assert.Equal(3, destination.In("INBOX").Count);
        Assert.Equal(new[] { "k2", "k3" }, store.GetMigratedItemsFrom(id, 2).Select(i => i.SourceKey).Order());
    }

    [Fact]
    public async Task A_look_alike_of_an_unrecorded_copy_is_copied_not_taken_for_it()
    {
        // Same Message-ID, size and date; one byte apart.
        var (a, b) = (LookAlike('A'), LookAlike('B'));
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).AddRaw("ka", "A", a).AddRaw("kb", "B", b);
        var (store, id) = Create();
        await Run(store, id, source);
        // A copy of the second message and no record: the first, read first, must not take it for its own.
        var copyOfB = destination.In("INBOX").Single(m => m.Raw.AsSpan().SequenceEqual(b));
        destination.In("INBOX").Where(m => m != copyOfB).ToList().ForEach(m => destination.Forget("INBOX", m));
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Select(i => i.RowId));
        destination.Appends.Clear();

        await Run(store, id, source);

        Assert.Equal(new[] { 1 }, destination.Appends);
        Assert.Equal(new[] { Hex(b), Hex(a) }, destination.In("INBOX").Select(m => m.Sha256));
        var records = store.GetMigratedItems(id, "INBOX").ToDictionary(i => i.SourceKey, i => i.DestinationKey);
        Assert.Equal(2, records.Values.Distinct().Count());
    }

    [Fact]
    public async Task A_refused_message_is_an_item_error_and_the_rest_of_its_batch_arrives_one_by_one()
    {
        destination.RefuseContaining = "Subject: two";
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two").Add("k3", "three");
        var (store, id) = Create();

        var result = await Run(store, id, source);

        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        var error = Assert.Single(result.Migration.Errors);
        Assert.Contains("two", error.ItemName);
        Assert.Contains("refused the message: [LIMIT]", error.Message);
        Assert.Equal(new[] { 3, 1, 1, 1 }, destination.Appends);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k3", "three") }, destination.In("INBOX").Select(m => m.Sha256));
        Assert.Equal(new[] { "k1", "k3" }, store.GetMigratedItems(id, "INBOX").Select(i => i.SourceKey));
    }

    [Fact]
    public async Task A_message_over_the_destinations_size_limit_is_an_item_error_and_never_sent()
    {
        var big = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: Big\r\nMessage-ID: <big@in-memory>\r\n\r\n" + new string('x', 4000) + "\r\n");
        destination.MaxMessageBytes = 1000;
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").AddRaw("kb", "Big", big);
        var (store, id) = Create();

        var result = await Run(store, id, source);

        var error = Assert.Single(result.Migration.Errors);
        Assert.Contains("Big", error.ItemName);
        Assert.Contains($"{big.Length:N0} bytes; the destination accepts at most 1,000", error.Message);
        Assert.Equal(new[] { 1 }, destination.Appends);
        Assert.Equal(new[] { Sha("k1", "one") }, destination.In("INBOX").Select(m => m.Sha256));
    }

    [Fact]
    public async Task Keywords_a_folder_does_not_keep_are_left_with_a_warning_and_the_message_arrives()
    {
        destination.AcceptsKeywords = false;
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one");
        source.SetFlags("k1", MailKit.MessageFlags.Seen, "$Forwarded");
        var (store, id) = Create();

        var result = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var warning = Assert.Single(result.Migration.Errors);
        Assert.Equal(ItemErrorType.Warning, warning.Type);
        Assert.Contains("$Forwarded were not kept", warning.Message);
        var copy = Assert.Single(destination.In("INBOX"));
        Assert.Equal((MailKit.MessageFlags.Seen, 0), (copy.Flags, copy.Keywords.Count));
        Assert.Equal("\\Seen", Assert.Single(store.GetMigratedItems(id, "INBOX")).Flags);
    }

    [Fact]
    public async Task A_folder_the_destination_will_not_create_is_an_item_error_and_the_other_folders_arrive()
    {
        destination.RefuseContaining = "Forbidden";
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Folder("Forbidden").Add("k2", "two");
        var (store, id) = Create();

        var result = await Run(store, id, source);

        var error = Assert.Single(result.Migration.Errors);
        Assert.Equal(("Forbidden", "(folder)"), (error.Folder, error.ItemName));
        Assert.Contains("refused to create the folder 'Forbidden'", error.Message);
        Assert.DoesNotContain("Forbidden", destination.FolderPaths);
        Assert.Equal(new[] { Sha("k1", "one") }, destination.In("INBOX").Select(m => m.Sha256));
    }

    [Fact]
    public async Task When_the_destination_gives_its_messages_new_keys_earlier_copies_are_found_again_by_fingerprint()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two");
        var (store, id) = Create();
        await Run(store, id, source);
        var before = store.GetMigratedItems(id, "INBOX").Select(i => i.DestinationKey).ToList();
        destination.Rebuild("INBOX");
        var appends = destination.Appends.Count;

        var again = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(appends, destination.Appends.Count);
        Assert.Equal(2, destination.In("INBOX").Count);
        var after = store.GetMigratedItems(id, "INBOX").Select(i => i.DestinationKey).ToList();
        Assert.Equal(new[] { "1:1", "1:2" }, before);
        Assert.Equal(new[] { "2:1", "2:2" }, after);
    }

    [Fact]
    public async Task When_the_destination_gives_new_keys_copies_of_undated_messages_are_found_again_by_content()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox)
            .Add("k1", "one", InMemoryMailSource.Behaviour.Undated).Add("k2", "two", InMemoryMailSource.Behaviour.Undated);
        var (store, id) = Create();
        await Run(store, id, source);
        destination.Rebuild("INBOX");
        var appends = destination.Appends.Count;

        var again = await Run(store, id, source);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(appends, destination.Appends.Count);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k2", "two") }, destination.In("INBOX").Select(m => m.Sha256));
        Assert.Equal(new[] { "2:1", "2:2" }, store.GetMigratedItems(id, "INBOX").Select(i => i.DestinationKey));
    }

    [Fact]
    public async Task Flags_and_keywords_changed_on_the_source_since_follow_on_the_copies()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two");
        var (store, id) = Create();
        await Run(store, id, source);
        source.SetFlags("k2", MailKit.MessageFlags.Answered | MailKit.MessageFlags.Seen, "$Forwarded");
        var appends = destination.Appends.Count;

        await Run(store, id, source);

        Assert.Equal(appends, destination.Appends.Count);
        var copies = destination.In("INBOX");
        Assert.Equal((MailKit.MessageFlags.Seen, 0), (copies[0].Flags, copies[0].Keywords.Count));
        Assert.Equal((MailKit.MessageFlags.Answered | MailKit.MessageFlags.Seen, "$Forwarded"), (copies[1].Flags, copies[1].Keywords.Single()));
        Assert.Equal("\\Answered \\Seen $Forwarded", store.GetMigratedItems(id, "INBOX").Single(i => i.SourceKey == "k2").Flags);
    }

    [Fact]
    public async Task A_source_that_tracks_changes_is_asked_only_for_what_changed_since_its_last_complete_listing()
    {
        var source = new InMemoryMailSource { TracksChanges = true }.Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two");
        var (store, id) = Create();
        await Run(store, id, source);
        source.SetFlags("k1", MailKit.MessageFlags.Flagged);
        source.Add("k3", "three", InMemoryMailSource.Behaviour.Unreadable);

        var second = await Run(store, id, source);
        var third = await Run(store, id, source);
        destination.Forget("INBOX", destination.In("INBOX")[1]);
        await Run(store, id, source);

        // 1: everything; 2: after the first listing ("2"); 3: the same again, since the unreadable message failed;
        // 4: everything, since a copy was deleted on the destination and must be made again.
        Assert.Equal(new[] { null, "2", "2", null }, source.Listings);
        Assert.Equal((MigrationStatus.CompletedWithErrors, MigrationStatus.CompletedWithErrors), (second.Migration.Status, third.Migration.Status));
        Assert.Equal(MailKit.MessageFlags.Flagged, destination.In("INBOX")[0].Flags);
        Assert.Equal(new[] { Sha("k1", "one"), Sha("k2", "two") }, destination.In("INBOX").Select(m => m.Sha256));
    }

    [Fact]
    public async Task A_copy_deleted_on_the_destination_is_copied_again_by_the_next_pass()
    {
        var source = new InMemoryMailSource().Folder("INBOX", FolderRole.Inbox).Add("k1", "one").Add("k2", "two");
        var (store, id) = Create();
        await Run(store, id, source);
        destination.Forget("INBOX", destination.In("INBOX")[0]);

        await Run(store, id, source);

        Assert.Equal(new[] { Sha("k2", "two"), Sha("k1", "one") }, destination.In("INBOX").Select(m => m.Sha256));
        Assert.Equal(2, store.GetMigratedItems(id, "INBOX").Count);
    }

    private static string Sha(string key, string subject) => Hex(InMemoryMailSource.Bytes(key, subject));

    private static string Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static byte[] LookAlike(char letter) => Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nSubject: Twin\r\nMessage-ID: <twin@in-memory>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nBody {letter}.\r\n");

    private (StateStore Store, string Id) Create()
    {
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var migration = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Pop3, "pop.example:995", "in-memory", ConnectionSecurity.Auto),
                new RecordedSide(ServerType.Imap, "imap.example:993", "in-memory", ConnectionSecurity.Auto), false),
            new[] { ItemType.Mail }));
        return (store, migration.Id);
    }

    private Task<PassResult> Run(StateStore store, string id, InMemoryMailSource source) =>
        new MigrationRunner(store)
        {
            ConnectionRetries = 1,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
            OpenMailSource = _ => source,
            OpenMailDestination = (_, _) => destination,
        }.RunPassAsync(id, Side(EndpointRole.Source, ServerType.Pop3, "pop.example:995"), Side(EndpointRole.Destination, ServerType.Imap, "imap.example:993"),
            new RecordingObserver(), CancellationToken.None);

    private static AccountEndpoint Side(EndpointRole role, ServerType type, string server) =>
        new(role, type, ServerAddress.Parse(server), ConnectionSecurity.Auto, new NetworkCredential("in-memory", "unused"), false);
}
