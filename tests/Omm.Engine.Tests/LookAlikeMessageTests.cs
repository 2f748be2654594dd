using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Different messages that share a fingerprint (Message-ID, size, received date), or part of it, and the
/// same message in two folders, between real Dovecot servers: each is copied once, also when a killed pass
/// left copies unrecorded and when either side changed its UIDVALIDITY, and each copy keeps its own flags.
/// </summary>
public sealed class LookAlikeMessageTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2023, 11, 5, 14, 0, 0, TimeSpan.FromHours(1));

    private readonly string directory = Directory.CreateTempSubdirectory("omm-lookalike-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Pairs that share Message-ID and date; the twins share their size too, and differ by one byte.</summary>
    private static IEnumerable<SeedMessage> LookAlikes(string folder = "INBOX")
    {
        yield return Message(folder, "<shared@omm.test>", "sizes differ: first", "\\Seen");
        yield return Message(folder, "<shared@omm.test>", "sizes differ: the second", "\\Flagged");
        yield return Message(folder, "<twin@omm.test>", "twin A", "\\Answered");
        yield return Message(folder, "<twin@omm.test>", "twin B", "$Work");
        yield return Message(folder, null, "no id, sizes differ: first", "\\Seen", "\\Answered");
        yield return Message(folder, null, "no id, sizes differ: the second");
        yield return Message(folder, null, "no id, twin A", "\\Draft");
        yield return Message(folder, null, "no id, twin B", "\\Seen", "\\Flagged");
    }

    private static SeedMessage Message(string folder, string? messageId, string text, params string[] flags)
    {
        var header = new StringBuilder("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: Look-alike\r\n");
        if (messageId != null)
            header.Append("Message-ID: ").Append(messageId).Append("\r\n");
        return new SeedMessage(folder, Encoding.ASCII.GetBytes(header + "\r\n" + text + "\r\n"), flags, Received, text);
    }

    [Fact]
    public async Task Look_alike_messages_and_one_message_in_two_folders_are_each_copied_once()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var same = Message("INBOX", "<everywhere@omm.test>", "in two folders, and twice in one", "\\Seen");
        TestMigrations.Seed(source, "amy", LookAlikes().Append(same).Append(same).Append(same with { Folder = "Archive" }));
        var (store, id, from, to) = Prepare(source, "amy", destination);

        var first = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, first.Migration.Status);
        AssertSameMessages(source, "amy", destination, 11);

        var second = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        AssertSameMessages(source, "amy", destination, 11);
    }

    [Fact]
    public async Task Copies_a_killed_pass_left_unrecorded_are_taken_over_only_by_the_message_they_copy()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "ben", SyncTests.Messages("INBOX", 0, 1));
        var (store, id, from, to) = Prepare(source, "ben", destination);
        await TestMigrations.RunPass(store, id, from, to);

        // A pass killed after appending the later message of each look-alike pair (another connection had it)
        // and before recording it: the destination holds those copies, the state knows nothing of them.
        var lookAlikes = LookAlikes().ToList();
        TestMigrations.Seed(source, "ben", lookAlikes);
        TestMigrations.Seed(destination, "ben", lookAlikes.Where((_, i) => i % 2 == 1));
        var observer = new RecordingObserver();

        var result = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        AssertSameMessages(source, "ben", destination, 9);
        Assert.Single(observer.Lines, l => l.Contains("Found 4 copies in 'INBOX' that an interrupted pass made without recording them"));

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Empty(store.GetMigratedItemsFrom(id, 3));
        AssertSameMessages(source, "ben", destination, 9);
    }

    [Theory]
    [InlineData(EndpointRole.Source)]
    [InlineData(EndpointRole.Destination)]
    public async Task After_a_uidvalidity_change_look_alike_copies_are_told_apart_by_content(EndpointRole side)
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "cid", LookAlikes("Work"));
        var (store, id, from, to) = Prepare(source, "cid", destination);
        await TestMigrations.RunPass(store, id, from, to);

        // The folder comes back with its messages in the opposite order (a restore, a rebuild), then every
        // message gets flags of its own on the source, which the next pass must set on its own copy.
        using (var client = RawImapClient.Connect(side == EndpointRole.Source ? source : destination, "cid"))
        {
            client.Recreate("Work", reversed: true);
            client.Logout();
        }

        using (var client = RawImapClient.Connect(source, "cid"))
        {
            var work = client.FetchAll("Work");
            for (var i = 0; i < work.Count; i++)
                client.SetFlags("Work", work[i].Uid, new[] { $"$Mark{i}" });
            client.Logout();
        }

        var result = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
        AssertSameMessages(source, "cid", destination, 8);
    }

    /// <summary>Each folder holds the same messages on both sides, each with its flags and date, none more often than on the source.</summary>
    private static void AssertSameMessages(DovecotServer source, string user, DovecotServer destination, int expected)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Equal(expected, original.Count);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
            Assert.Equal(Describe(messages), Describe(copied.In(folder.Replace('/', '.'))));
    }

    private static List<string> Describe(IEnumerable<ImapMessage> messages) =>
        messages.Select(m => $"{Encoding.ASCII.GetString(m.Body).Split("\r\n\r\n")[1].Trim()} | {string.Join(' ', MailboxSnapshot.FlagSet(m).Order(StringComparer.OrdinalIgnoreCase))} | {m.InternalDate.UtcDateTime:O} | {m.Sha256}")
            .Order(StringComparer.Ordinal).ToList();

    private (StateStore Store, string Id, AccountEndpoint From, AccountEndpoint To) Prepare(DovecotServer source, string user, DovecotServer destination)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        return (store, TestMigrations.Create(store, from, to).Id, from, to);
    }
}
