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

        string? id = null;
        long migrated = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var script = (id == null ? Scripts.NewMigration : Scripts.Sync) + " -Verbose";
            if (id != null)
                variables["id"] = id;
            using var child = ShellProcess.Start(Scripts.Inline(script, variables));
            var target = migrated + random.Next(50, 450);
            var extraDelay = random.Next(0, 120);
            while (!child.HasExited)
            {
                var seen = watcher.Run("Get-OmmMigration -StatePath $statePath", variables).Output.SingleOrDefault();
                var now = seen != null && seen.Items("Progress").Count == 1 ? seen.Items("Progress")[0].Get<long>("Migrated") : 0;
                if (now >= target)
                {
                    Thread.Sleep(extraDelay);
                    id = seen!.Text("Id");
                    break;
                }

                Thread.Sleep(5);
            }

            Assert.False(child.HasExited, $"The pass ended before kill {kill + 1} (target {target}): {child.Output}");
            child.Kill();
            var after = watcher.Run("Get-OmmMigration -StatePath $statePath", variables).Single();
            migrated = after.Items("Progress")[0].Get<long>("Migrated");
            output.WriteLine($"kill {kill + 1}: SIGKILL after {migrated} recorded copies, status now {after.Text("Status")}");
            foreach (var line in child.Output.Split('\n').Where(l => l.Contains("without recording them")))
                output.WriteLine("  " + line.Trim());
            Assert.Equal("Interrupted", after.Text("Status"));
        }

        variables["id"] = id;
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
