using Omm.TestServers;
using Omm.TestServers.Ews;
using Xunit.Abstractions;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A migration from Dovecot into Exchange (the EWS test server) in a child process, killed (SIGKILL) at random moments and
/// resumed with Sync-OmmMigration each time: in the end every message is in Exchange exactly once. Exchange keeps no
/// byte of the source a killed pass could be recognised by, so this rests on Omm's mark on its copies.
/// </summary>
public sealed class ExchangeCrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 3;
    private const string User = "ria";
    private const string Mailbox = "ria@contoso.test";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-ews-crash-").FullName;
    private readonly DovecotServer source = DovecotServer.Start();
    private EwsTestServer exchange = null!;

    private string StatePath => Path.Combine(directory, "omm.db");

    public async Task InitializeAsync()
    {
        exchange = await EwsTestServer.StartAsync(new EwsTestServerOptions { ValidateResponses = false });
        exchange.AddMailbox(Mailbox, "ews-pass");
    }

    public async Task DisposeAsync()
    {
        await exchange.DisposeAsync();
        source.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Killed_passes_into_Exchange_resume_without_losing_or_duplicating_anything()
    {
        var sample = SyncStopRemoveTests.Mail("INBOX", 0, 900).ToList();
        using (var client = RawImapClient.Connect(source, User))
            SampleMailbox.Seed(client, sample);
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
        var variables = new Dictionary<string, object?>
        {
            ["source"] = source.Address,
            ["exchange"] = exchange.Url.ToString(),
            ["user"] = User,
            ["mailbox"] = Mailbox,
            ["sourcePassword"] = source.Password,
            ["statePath"] = StatePath,
        };
        const string migrate = @"New-OmmMigration -SourceServer $source -SourceLogin $user -SourcePassword $sourcePassword -SourceSecurity None `
            -DestinationType Exchange -DestinationServer $exchange -DestinationLogin $mailbox -DestinationPassword 'ews-pass' -StatePath $statePath";
        const string sync = "Sync-OmmMigration -Id $id -SourcePassword $sourcePassword -DestinationPassword 'ews-pass' -StatePath $statePath";
        using var watcher = new OmmShell();

        KilledPasses.Run(Kills, new Random(seed), migrate, sync, variables, watcher, output, total: sample.Count, mostCopiesPerPass: 250, mostExtraDelayMs: 80);
        var final = watcher.Run(sync + " -Verbose", variables);

        foreach (var line in final.Verbose.Where(l => l.Contains("without recording them")))
            output.WriteLine("  final: " + line.Trim());
        final.AssertNoErrors();
        var migration = final.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(sample.Count, migration.Items("Progress")[0].Get<long>("Migrated"));
        var served = MailboxSnapshot.Read(source, User).In("INBOX");
        var copied = exchange.Items(Mailbox, "Inbox");
        Assert.Equal(served.Count, copied.Count);
        Assert.Equal(served.Select(m => m.Sha256).Order().ToList(), copied.Select(i => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(i.MimeContent))).Order().ToList());
    }
}
