using System.Text.RegularExpressions;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>A folder's batches shared among several connections per side, against real Dovecot servers.</summary>
public sealed partial class ParallelCopyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-parallel-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Several_connections_copy_every_message_once_byte_for_byte()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var sample = Messages(400).ToList();
        TestMigrations.Seed(source, "dora", sample);
        var observer = new RecordingObserver();

        var result = await Run(source, destination, "dora", observer, connections: 3);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Contains("Copying with 3 connections per side.", observer.Lines);
        Assert.True(Logins(destination, "dora") >= 3, $"{Logins(destination, "dora")} logins on the destination");
        AssertSameMessages(source, destination, "dora");
        var mail = Assert.Single(result.Migration.Progress);
        Assert.Equal(sample.Count, mail.Migrated);

        var again = await Run(source, destination, "dora", new RecordingObserver(), connections: 3, existing: result.Migration.Id);
        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        Assert.Equal(sample.Count, MailboxSnapshot.Read(destination, "dora").Count);
    }

    [Fact]
    public async Task A_server_that_refuses_more_connections_leaves_the_pass_with_fewer()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.', MaxConnectionsPerUser = 1 });
        TestMigrations.Seed(source, "eve", Messages(120));
        var observer = new RecordingObserver();

        var result = await Run(source, destination, "eve", observer, connections: 4);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Contains(observer.Lines, l => l.StartsWith("Copying with 1 connections per side instead of 4", StringComparison.Ordinal));
        AssertSameMessages(source, destination, "eve");
    }

    [Fact]
    public async Task One_connection_keeps_the_source_order_in_each_folder()
    {
        using var source = DovecotServer.Start();
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        TestMigrations.Seed(source, "finn", Messages(150));

        var result = await Run(source, destination, "finn", new RecordingObserver(), connections: 1);

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var original = MailboxSnapshot.Read(source, "finn");
        var copied = MailboxSnapshot.Read(destination, "finn");
        foreach (var (folder, messages) in original.Messages)
            Assert.Equal(messages.Select(m => m.Sha256), copied.In(folder.Replace('/', '.')).Select(m => m.Sha256));
    }

    /// <summary>Enough messages for many batches: mostly small, some of a few hundred KB, a few over the spool's memory limit.</summary>
    private static IEnumerable<SeedMessage> Messages(int count)
    {
        var start = new DateTimeOffset(2022, 5, 1, 9, 0, 0, TimeSpan.FromHours(2));
        for (var i = 0; i < count; i++)
        {
            var size = i % 50 == 7 ? 1_300_000 : i % 9 == 0 ? 220_000 : 2_000 + i * 37 % 9_000;
            var flags = (i % 3) switch { 0 => new[] { "\\Seen" }, 1 => new[] { "\\Seen", "\\Flagged" }, _ => Array.Empty<string>() };
            yield return new SeedMessage(i % 4 == 0 ? "Archive/Old" : "INBOX", SampleMailbox.Generate(5000 + i, $"Parallel {i}", size), flags,
                start.AddHours(i), $"parallel {i}");
        }
    }

    private static void AssertSameMessages(DovecotServer source, DovecotServer destination, string user)
    {
        var original = MailboxSnapshot.Read(source, user);
        var copied = MailboxSnapshot.Read(destination, user);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
        {
            var target = copied.In(folder.Replace('/', '.'));
            Assert.Equal(Keys(messages), Keys(target));
        }
    }

    private static IEnumerable<string> Keys(IEnumerable<ImapMessage> messages) =>
        messages.Select(m => $"{m.Sha256} {string.Join(' ', MailboxSnapshot.FlagSet(m).Order())} {m.InternalDate.ToUnixTimeSeconds()}").Order();

    private static int Logins(DovecotServer server, string user) =>
        LoginLine().Matches(File.ReadAllText(server.LogPath)).Count(m => m.Groups[1].Value == user);

    [GeneratedRegex("imap-login: (?:Info: )?Login: user=<([^>]*)>")]
    private static partial Regex LoginLine();

    private async Task<PassResult> Run(DovecotServer source, DovecotServer destination, string user, RecordingObserver observer, int connections,
        string? existing = null)
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, user);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        var id = existing ?? TestMigrations.Create(store, from, to).Id;
        return await TestMigrations.RunPass(store, id, from, to, observer, connections: connections);
    }
}
