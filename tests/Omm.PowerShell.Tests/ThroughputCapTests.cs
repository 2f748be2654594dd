using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>-MaxMessagesPerSecond and -MaxBytesPerSecond (and CSV columns of those names) on the cmdlets, against a real Dovecot pair.</summary>
public sealed class ThroughputCapTests(MailServers servers) : ShellTests("omm-caps-"), IClassFixture<MailServers>
{
    [Fact]
    public void Caps_given_to_New_are_stored_and_later_syncs_use_them_until_changed_or_lifted()
    {
        servers.Seed("pia", SyncStopRemoveTests.Mail("INBOX", 0, 6));

        var created = Run(Scripts.NewMigration + " -MaxMessagesPerSecond 40 -MaxBytesPerSecond 1MB -Verbose", "pia");
        created.AssertNoErrors();
        var migration = created.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal((40.0, 1_048_576L), (migration.Get<double>("MaxMessagesPerSecond"), migration.Get<long>("MaxBytesPerSecond")));
        Assert.Contains("Copying mail at most 40 messages/s and 1,048,576 bytes/s, all connections together.", created.Verbose);
        var id = migration.Text("Id")!;

        servers.Seed("pia", SyncStopRemoveTests.Mail("INBOX", 10, 2));
        var kept = Run(Scripts.Sync + " -Verbose", "pia", id);
        kept.AssertNoErrors();
        Assert.Contains("Copying mail at most 40 messages/s and 1,048,576 bytes/s, all connections together.", kept.Verbose);
        Assert.Equal(8, kept.Single().Items("Progress")[0].Get<long>("Migrated"));

        var changed = Run(Scripts.Sync + " -MaxMessagesPerSecond 0 -MaxBytesPerSecond 2MB -Verbose", "pia", id);
        changed.AssertNoErrors();
        Assert.Contains($"Migration {id} copies mail at most 2,097,152 bytes/s from now on.", changed.Verbose);
        Assert.Contains("Copying mail at most 2,097,152 bytes/s, all connections together.", changed.Verbose);
        var stored = Run("Get-OmmMigration -Id $id -StatePath $statePath", "pia", id).Single();
        Assert.Null(stored.Properties["MaxMessagesPerSecond"].Value);
        Assert.Equal(2_097_152L, stored.Get<long>("MaxBytesPerSecond"));

        var lifted = Run(Scripts.Sync + " -MaxBytesPerSecond 0 -Verbose", "pia", id);
        lifted.AssertNoErrors();
        Assert.Contains($"Migration {id} copies mail without a cap from now on.", lifted.Verbose);
        Assert.DoesNotContain(lifted.Verbose, v => v.StartsWith("Copying mail at most", StringComparison.Ordinal));
        Assert.Equal(8, MailboxSnapshot.Read(servers.Destination, "pia").Count);
    }

    [Theory]
    [InlineData("New-OmmMigration -MaxMessagesPerSecond -1 -SourceServer $source -SourceLogin x -SourcePassword y -DestinationServer $destination -DestinationLogin x -DestinationPassword y -StatePath $statePath",
        "-MaxMessagesPerSecond: a cap is a positive number of messages per second (0 for no cap), not -1.")]
    [InlineData("New-OmmMigration -MaxMessagesPerSecond ([double]::NaN) -SourceServer $source -SourceLogin x -SourcePassword y -DestinationServer $destination -DestinationLogin x -DestinationPassword y -StatePath $statePath",
        "-MaxMessagesPerSecond: a cap is a positive number of messages per second (0 for no cap), not NaN.")]
    [InlineData("Sync-OmmMigration -Project acme -MaxBytesPerSecond -1KB -StatePath $statePath",
        "-MaxBytesPerSecond: a cap is a positive number of bytes per second (0 for no cap), not -1024.")]
    [InlineData("Import-OmmFile -Path $statePath -MaxMessagesPerSecond -0.5 -DestinationServer $destination -DestinationLogin x -DestinationPassword y",
        "-MaxMessagesPerSecond: a cap is a positive number of messages per second (0 for no cap), not -0.5.")]
    public void A_cap_that_is_not_a_positive_number_stops_the_command_with_a_clear_error(string script, string message)
    {
        var result = Run(script + "; Get-OmmMigration -StatePath $statePath", "qin");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidThroughputCap", error.FullyQualifiedErrorId);
        Assert.Equal(message, error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Csv_rows_carry_their_own_caps_and_a_bad_cell_names_its_row_and_column()
    {
        servers.Seed("rae", SyncStopRemoveTests.Mail("INBOX", 0, 3));
        servers.Seed("sol", SyncStopRemoveTests.Mail("INBOX", 0, 3));
        servers.Seed("tia", SyncStopRemoveTests.Mail("INBOX", 0, 3));
        string[] headers = { "SourceLogin", "DestinationLogin", "MaxMessagesPerSecond", "MaxBytesPerSecond" };
        var rows = new[]
        {
            OmmShell.CsvRow(headers, new[] { "rae", "rae", "25", "" }),
            OmmShell.CsvRow(headers, new[] { "sol", "sol", "", "512KB" }),
            OmmShell.CsvRow(headers, new[] { "tia", "tia", "fast", "" }),
        };

        var result = Shell.Run(@"$input | New-OmmMigration -SourceServer $source -SourcePassword $sourcePassword -SourceSecurity None `
                -DestinationServer $destination -DestinationPassword $destinationPassword -DestinationSecurity None -MaxMessagesPerSecond 50 -StatePath $statePath",
            Scripts.Variables(servers, "unused", StatePath), rows);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Row 3 of the input, column 'MaxMessagesPerSecond': 'fast' is not a number of messages per second (such as 20 or 0.5; 0 for no cap).",
            error.Exception.Message);
        var caps = result.Output.ToDictionary(m => m.Text("SourceAccount")!, m => (m.Properties["MaxMessagesPerSecond"].Value, m.Properties["MaxBytesPerSecond"].Value));
        Assert.Equal(new[] { "rae", "sol" }, caps.Keys.Order());
        Assert.Equal((25.0, (object?)null), caps["rae"]);
        Assert.Equal((50.0, (object?)524_288L), caps["sol"]);
        Assert.All(result.Output, m => Assert.Equal("Completed", m.Text("Status")));

        // A row piped to Sync-OmmMigration changes the caps of the migration it finds, as its cells say.
        var synced = Shell.Run("$input | Sync-OmmMigration -SourcePassword $sourcePassword -DestinationPassword $destinationPassword -StatePath $statePath",
            Scripts.Variables(servers, "unused", StatePath), new[] { OmmShell.CsvRow(headers, new[] { "sol", "sol", "0", "1MB" }) });
        synced.AssertNoErrors();
        var sol = synced.Single();
        Assert.Equal(("sol", 2), (sol.Text("SourceAccount"), sol.Get<int>("SyncPoint")));
        Assert.Equal(((object?)null, (object?)1_048_576L), (sol.Properties["MaxMessagesPerSecond"].Value, sol.Properties["MaxBytesPerSecond"].Value));
    }

    [Fact]
    public void Import_stores_its_caps_and_a_later_import_of_the_same_file_can_lift_them()
    {
        var export = Directory.CreateDirectory(Path.Combine(StateDirectory, "export")).FullName;
        for (var i = 0; i < 4; i++)
            File.WriteAllBytes(Path.Combine(export, $"{i}.eml"), SampleMailbox.Generate(900 + i, $"Exported {i}", 1500));
        const string import = @"Import-OmmFile -Path $path -DestinationServer $destination -DestinationLogin uma -DestinationPassword $destinationPassword `
            -DestinationSecurity None -StatePath $statePath -Verbose";

        var first = Run(import + " -MaxMessagesPerSecond 20", "uma", path: export);
        first.AssertNoErrors();
        Assert.Equal(20.0, first.Single().Get<double>("MaxMessagesPerSecond"));
        Assert.Contains("Copying mail at most 20 messages/s, all connections together.", first.Verbose);

        var again = Run(import + " -MaxMessagesPerSecond 0", "uma", path: export);
        again.AssertNoErrors();
        Assert.Equal((first.Single().Text("Id"), 2), (again.Single().Text("Id"), again.Single().Get<int>("SyncPoint")));
        Assert.Null(again.Single().Properties["MaxMessagesPerSecond"].Value);
        Assert.Equal(4, MailboxSnapshot.Read(servers.Destination, "uma").Count);
    }

    private ScriptResult Run(string script, string user, string? id = null, string? path = null) =>
        Shell.Run(script, Scripts.Variables(servers, user, StatePath, new Dictionary<string, object?> { ["id"] = id, ["path"] = path }));
}
