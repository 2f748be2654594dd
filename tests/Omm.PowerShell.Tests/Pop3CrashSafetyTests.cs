using Omm.TestServers;
using Xunit.Abstractions;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A migration from a POP3 account in a child process, killed (SIGKILL) at random moments and resumed with
/// Sync-OmmMigration each time: in the end every message is on the destination exactly once, byte for byte, and
/// the POP3 account still holds every one.
/// </summary>
public sealed class Pop3CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 3;
    private const string User = "pia";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-pop3-crash-").FullName;
    private readonly DovecotServer source = DovecotServer.Start(new DovecotOptions { Pop3 = true });
    private readonly DovecotServer destination = DovecotServer.Start();

    private string StatePath => Path.Combine(directory, "omm.db");

    public void Dispose()
    {
        source.Dispose();
        destination.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Killed_passes_resume_without_losing_or_duplicating_anything()
    {
        // One message in three has no date a POP3 source can give (no Received:, no Date:), so the destination dates its
        // copy itself: a killed pass's unrecorded copies of those are found by Message-ID, size and content.
        var sample = SyncStopRemoveTests.Mail("INBOX", 0, 1200).Select((m, i) => i % 3 == 0 ? m with { Bytes = Undated(m.Bytes) } : m).ToList();
        using (var client = RawImapClient.Connect(source, User))
            SampleMailbox.Seed(client, sample);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        var variables = new Dictionary<string, object?>
        {
            ["source"] = source.Pop3Address,
            ["destination"] = destination.Address,
            ["user"] = User,
            ["sourcePassword"] = source.Password,
            ["destinationPassword"] = destination.Password,
            ["statePath"] = StatePath,
        };
        const string migrate = @"New-OmmMigration -SourceType Pop3 -SourceServer $source -SourceLogin $user -SourcePassword $sourcePassword -SourceSecurity None `
            -DestinationServer $destination -DestinationLogin $user -DestinationPassword $destinationPassword -DestinationSecurity None -StatePath $statePath";
        const string sync = "Sync-OmmMigration -Id $id -SourcePassword $sourcePassword -DestinationPassword $destinationPassword -StatePath $statePath";
        using var watcher = new OmmShell();

        KilledPasses.Run(Kills, random, migrate, sync, variables, watcher, output, total: sample.Count, mostCopiesPerPass: 300, mostExtraDelayMs: 80);
        var final = watcher.Run(sync + " -Verbose", variables);

        foreach (var line in final.Verbose.Where(l => l.Contains("without recording them")))
            output.WriteLine("  final: " + line.Trim());
        final.AssertNoErrors();
        var migration = final.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(Kills + 1, migration.Get<int>("SyncPoint"));
        Assert.Equal(sample.Count, migration.Items("Progress")[0].Get<long>("Migrated"));
        var original = MailboxSnapshot.Read(source, User).In("INBOX");
        var copied = MailboxSnapshot.Read(destination, User).In("INBOX");
        Assert.Equal(sample.Count, original.Count);
        Assert.Equal(original.Select(m => m.Sha256).Order(), copied.Select(m => m.Sha256).Order());
    }

    /// <summary>The message with its Date: header renamed (same size), so that it has no date.</summary>
    private static byte[] Undated(byte[] message)
    {
        var text = System.Text.Encoding.Latin1.GetString(message);
        var at = text.IndexOf("\r\nDate: ", StringComparison.Ordinal);
        Assert.True(at > 0);
        return System.Text.Encoding.Latin1.GetBytes(text[..(at + 2)] + "Sent" + text[(at + 6)..]);
    }
}
