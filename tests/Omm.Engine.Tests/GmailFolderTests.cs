using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// An account laid out as Gmail shows it over IMAP (labels as folders, [Gmail]/All Mail \All, Starred \Flagged, Important
/// \Important) on a real Dovecot: the view folders are left out, each label's messages arrive in its folder once, and
/// All Mail is copied only when named.
/// </summary>
public sealed class GmailFolderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-gmail-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly DovecotOptions Gmail = new()
    {
        SpecialFolders = new (string, string?)[]
        {
            ("[Gmail]/Sent Mail", "\\Sent"), ("[Gmail]/Drafts", "\\Drafts"), ("[Gmail]/Trash", "\\Trash"), ("[Gmail]/Spam", "\\Junk"),
            ("[Gmail]/All Mail", "\\All"), ("[Gmail]/Starred", "\\Flagged"), ("[Gmail]/Important", "\\Important"),
        },
    };

    private static IEnumerable<SeedMessage> Labelled()
    {
        SeedMessage Message(int number, string folder, params string[] flags) =>
            new(folder, SampleMailbox.Generate(number, $"Message {number}", 2000), flags, new DateTimeOffset(2026, 3, number, 9, 0, 0, TimeSpan.Zero), $"message {number}");

        // 1 and 2 in the inbox, 2 also labelled Work, 3 labelled Work alone, 4 archived without a label; 2 starred; 1 important.
        foreach (var folder in new[] { "INBOX", "[Gmail]/All Mail", "[Gmail]/Important" })
            yield return Message(1, folder);
        foreach (var folder in new[] { "INBOX", "Work", "[Gmail]/All Mail", "[Gmail]/Starred" })
            yield return Message(2, folder, "\\Flagged");
        foreach (var folder in new[] { "Work", "[Gmail]/All Mail" })
            yield return Message(3, folder);
        yield return Message(4, "[Gmail]/All Mail");
    }

    [Fact]
    public async Task View_folders_are_left_out_and_each_label_s_messages_arrive_once_in_its_folder()
    {
        using var source = DovecotServer.Start(Gmail);
        using var destination = DovecotServer.Start();
        TestMigrations.Seed(source, "gail", Labelled());
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var (from, to) = (TestMigrations.Endpoint(EndpointRole.Source, source, "gail"), TestMigrations.Endpoint(EndpointRole.Destination, destination, "gail"));
        var migration = TestMigrations.Create(store, from, to);
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, migration.Id, from, to, observer);
        var again = await TestMigrations.RunPass(store, migration.Id, from, to, new RecordingObserver());

        Assert.Equal(MigrationStatus.Completed, first.Migration.Status);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        var copied = MailboxSnapshot.Read(destination, "gail");
        Assert.Equal(4, copied.Count);
        Assert.Equal(2, copied.In("INBOX").Count);
        Assert.Equal(2, copied.In("Work").Count);
        Assert.Null(copied.Folder("[Gmail]/All Mail"));
        Assert.Null(copied.Folder("[Gmail]/Starred"));
        Assert.Null(copied.Folder("[Gmail]/Important"));
        Assert.All(copied.In("Work").Where(m => m.Body.AsSpan().IndexOf("Message 2"u8) >= 0), m => Assert.Contains("\\Flagged", MailboxSnapshot.FlagSet(m)));
        var warning = Assert.Single(observer.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal));
        Assert.Contains("'[Gmail]/All Mail' (4 messages) is left out", warning, StringComparison.Ordinal);
        Assert.Contains("-IncludeFolder '*', '[Gmail]/All Mail'", warning, StringComparison.Ordinal);
        Assert.Contains(observer.Lines, l => l.Contains("'[Gmail]/Starred' (1 messages) is left out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_Mail_named_in_the_include_patterns_is_copied_as_a_folder_of_its_own()
    {
        using var source = DovecotServer.Start(Gmail);
        using var destination = DovecotServer.Start();
        TestMigrations.Seed(source, "gus", Labelled());
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var (from, to) = (TestMigrations.Endpoint(EndpointRole.Source, source, "gus"), TestMigrations.Endpoint(EndpointRole.Destination, destination, "gus"));
        var migration = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(RecordedSide.Of(from), RecordedSide.Of(to), false), new[] { ItemType.Mail }, new[] { "*", "[gmail]/all mail" }));

        var result = await TestMigrations.RunPass(store, migration.Id, from, to);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var copied = MailboxSnapshot.Read(destination, "gus");
        Assert.Equal(4, copied.In("[Gmail]/All Mail").Count);
        Assert.Null(copied.Folder("[Gmail]/Starred"));
        Assert.Equal(2, copied.In("Work").Count);
    }
}
