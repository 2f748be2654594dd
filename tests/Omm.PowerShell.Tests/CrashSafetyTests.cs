using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A migration of a few thousand messages in a child process, killed (SIGKILL) at random moments and
/// resumed with Sync-OmmMigration each time: in the end every source message is on the destination
/// exactly once, byte for byte, with its flags, and the state agrees with the destination.
/// </summary>
public sealed class CrashSafetyTests(MailServers servers, ITestOutputHelper output) : IClassFixture<MailServers>, IDisposable
{
    private const int Kills = 5;
    private readonly string directory = Directory.CreateTempSubdirectory("omm-crash-").FullName;

    private string StatePath => Path.Combine(directory, "omm.db");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Killed_passes_resume_without_losing_or_duplicating_anything()
    {
        const string user = "sam";
        var sample = SyncStopRemoveTests.Mail("INBOX", 0, 1600)
            .Concat(SyncStopRemoveTests.Mail("Work", 2000, 900))
            .Concat(SyncStopRemoveTests.Mail("Work/Archive", 3000, 500))
            .ToList();
        servers.Seed(user, sample);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        var variables = Scripts.Variables(servers, user, StatePath);
        using var watcher = new OmmShell();

        KilledPasses.Run(Kills, random, Scripts.NewMigration, Scripts.Sync, variables, watcher, output, total: sample.Count, mostCopiesPerPass: 450, mostExtraDelayMs: 120);
        var final = watcher.Run(Scripts.Sync, variables);

        final.AssertNoErrors();
        var migration = final.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(Kills + 1, migration.Get<int>("SyncPoint"));
        Assert.Equal(sample.Count, migration.Items("Progress")[0].Get<long>("Migrated"));

        var original = MailboxSnapshot.Read(servers.Source, user);
        var copied = MailboxSnapshot.Read(servers.Destination, user);
        Assert.Equal(sample.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
        {
            var target = copied.In(MailServers.DestinationFolderOf(folder)).ToDictionary(m => m.Sha256);
            Assert.Equal(messages.Count, target.Count);
            foreach (var message in messages)
            {
                Assert.True(target.TryGetValue(message.Sha256, out var twin), $"{folder} UID {message.Uid} is missing");
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }
    }
}
