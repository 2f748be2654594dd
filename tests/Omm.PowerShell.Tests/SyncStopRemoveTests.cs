using System.Diagnostics;
using System.Management.Automation;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>Sync-OmmMigration, Stop-OmmMigration and Remove-OmmMigratedItem against a real Dovecot pair.</summary>
public sealed class SyncStopRemoveTests(MailServers servers) : ShellTests("omm-sync-"), IClassFixture<MailServers>
{
    [Fact]
    public void Sync_copies_what_is_new_and_flag_changes_by_id_from_the_pipeline_and_from_csv_rows()
    {
        servers.Seed("nia", Mail("INBOX", 0, 4));
        var id = Migrate("nia");

        Seed("nia", Mail("INBOX", 10, 2).Concat(Mail("Clients/Acme", 20, 2)));
        ChangeFlags("nia", "INBOX", 0, "\\Seen", "\\Flagged");
        var byId = Run(Scripts.Sync, "nia", id).Single();
        Assert.Equal(("Completed", 2), (byId.Text("Status"), byId.Get<int>("SyncPoint")));
        Assert.Equal(8, byId.Items("Progress")[0].Get<long>("Migrated"));
        AssertSameMail("nia");

        Seed("nia", Mail("INBOX", 30, 1));
        var piped = Run("Get-OmmMigration -Id $id -StatePath $statePath | Sync-OmmMigration -SourcePassword $sourcePassword -DestinationPassword $destinationPassword", "nia", id).Single();
        Assert.Equal(3, piped.Get<int>("SyncPoint"));

        Seed("nia", Mail("INBOX", 40, 1));
        var fromCsv = Run(@"
            [pscustomobject]@{ SourceServer = $source; SourceLogin = 'nia'; SourcePassword = $sourcePassword
                               DestinationServer = $destination; DestinationLogin = 'nia'; DestinationPassword = $destinationPassword } |
                Sync-OmmMigration -StatePath $statePath", "nia").Single();
        Assert.Equal((id, 4), (fromCsv.Text("Id"), fromCsv.Get<int>("SyncPoint")));
        Assert.Equal(10, fromCsv.Items("Progress")[0].Get<long>("Migrated"));
        AssertSameMail("nia");

        var nothingNew = Run(Scripts.Sync, "nia", id).Single();
        Assert.Equal(10, nothingNew.Items("Progress")[0].Get<long>("Migrated"));
        Assert.Equal(10, MailboxSnapshot.Read(servers.Destination, "nia").Count);
    }

    [Fact]
    public void Stop_from_another_runspace_ends_the_pass_within_five_seconds_and_sync_resumes()
    {
        servers.Seed("oli", Mail("INBOX", 0, StopTestMessages));
        using var running = Shell.Create(Scripts.NewMigration, Scripts.Variables(servers, "oli", StatePath));
        var invocation = running.BeginInvoke();
        var id = WaitForProgress("oli", 100);

        using var other = new OmmShell();
        var clock = Stopwatch.StartNew();
        var stopped = other.Run("Stop-OmmMigration -Id $id -StatePath $statePath -PassThru", Scripts.Variables(servers, "oli", StatePath, new Dictionary<string, object?> { ["id"] = id }));
        clock.Stop();

        stopped.AssertNoErrors();
        Assert.Equal("Stopped", stopped.Single().Text("Status"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {clock.Elapsed}");
        var output = running.EndInvoke(invocation);
        Assert.Equal("Stopped", Assert.Single(output).Properties["Status"].Value.ToString());
        var copied = MailboxSnapshot.Read(servers.Destination, "oli").In("INBOX").Count;
        Assert.InRange(copied, 100, StopTestMessages - 1);
        Assert.Equal(copied, stopped.Single().Items("Progress")[0].Get<long>("Migrated"));

        // One line each, on the information stream (as Write-Host): here, and in the console that ran the migration.
        var summary = $"Stopped at {copied:N0}/{StopTestMessages:N0}; resume with Sync-OmmMigration {id}";
        Assert.Equal(new[] { summary }, stopped.Information);
        Assert.Equal(new[] { summary }, running.Streams.Information.Select(i => i.MessageData.ToString()));
        Assert.All(stopped.Output, o => Assert.Equal("Omm.Migration", o.BaseObject.GetType().FullName));

        var resuming = Run(Scripts.Sync + " -Connections 3 -Verbose", "oli", id);
        Assert.Equal("Completed", resuming.Single().Text("Status"));
        Assert.Contains("Copying with 3 connections per side.", resuming.Verbose);
        AssertSameMail("oli");
    }

    [Fact]
    public void Ctrl_C_says_on_the_console_where_the_migration_stopped_and_how_to_resume_it()
    {
        servers.Seed("sid", Mail("INBOX", 0, StopTestMessages));
        var console = new RecordingHost();
        using var shell = new OmmShell(console);
        using var running = shell.Create(Scripts.NewMigration, Scripts.Variables(servers, "sid", StatePath));
        var invocation = running.BeginInvoke();
        var id = WaitForProgress("sid", 100);

        running.Stop();

        Assert.Throws<PipelineStoppedException>(() => running.EndInvoke(invocation));
        var migration = Get("sid", id);
        Assert.Equal("Stopped", migration.Text("Status"));
        var copied = migration.Items("Progress")[0].Get<long>("Migrated");
        Assert.Equal(new[] { $"Stopped at {copied:N0}/{StopTestMessages:N0}; resume with Sync-OmmMigration {id}" }, console.Lines);
    }

    [RealConsoleFact]
    public void Ctrl_C_in_pwsh_s_own_console_prints_the_line_there()
    {
        servers.Seed("tom", Mail("INBOX", 0, StopTestMessages));
        var file = Path.Combine(StateDirectory, "migrate.ps1");
        File.WriteAllText(file, $"Import-Module '{RepositoryPaths.ModuleManifest}'\n" +
                                Scripts.Inline(Scripts.NewMigration + " -ProgressAction SilentlyContinue", Scripts.Variables(servers, "tom", StatePath)) +
                                "\n'AFTER THE MIGRATION'\n");
        // On a pseudo-terminal, a ^C typed is a SIGINT to pwsh, which its console host takes as Ctrl+C.
        var start = new ProcessStartInfo(RealConsoleFactAttribute.Script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-qfec", $"'{RealConsoleFactAttribute.Pwsh}' -NoProfile -File '{file}'", "/dev/null" })
            start.ArgumentList.Add(argument);
        using var console = Process.Start(start)!;
        var screen = console.StandardOutput.ReadToEndAsync();
        var id = WaitForProgress("tom", 100);

        console.StandardInput.Write('\u0003');
        console.StandardInput.Flush();

        Assert.True(console.WaitForExit(TimeSpan.FromSeconds(60)), "pwsh did not end after Ctrl+C");
        var migration = Get("tom", id);
        Assert.Equal("Stopped", migration.Text("Status"));
        var copied = migration.Items("Progress")[0].Get<long>("Migrated");
        var text = screen.Result;
        Assert.Contains($"Stopped at {copied:N0}/{StopTestMessages:N0}; resume with Sync-OmmMigration {id}", text);
        Assert.DoesNotContain("AFTER THE MIGRATION", text);
    }

    [Fact]
    public void Stop_reaches_a_migration_running_in_another_process()
    {
        servers.Seed("pam", Mail("INBOX", 0, StopTestMessages));
        using var child = ShellProcess.Start(Scripts.Inline(Scripts.NewMigration, Scripts.Variables(servers, "pam", StatePath)));
        var id = WaitForProgress("pam", 100, child);

        var stopped = Run("Stop-OmmMigration -Id $id -StatePath $statePath -PassThru", "pam", id);

        stopped.AssertNoErrors();
        Assert.Equal("Stopped", stopped.Single().Text("Status"));
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the other process did not end");
        Assert.Contains("Stopped", child.Output);
        Assert.Equal(MailboxSnapshot.Read(servers.Destination, "pam").In("INBOX").Count, stopped.Single().Items("Progress")[0].Get<long>("Migrated"));
    }

    [Fact]
    public void Remove_deletes_only_this_migrations_copies_and_the_folders_it_created()
    {
        var preexisting = Mail("INBOX", 0, 1).Single();
        using (var client = RawImapClient.Connect(servers.Destination, "quin"))
        {
            client.Append("INBOX", preexisting.Bytes, preexisting.Flags, preexisting.InternalDate);
            client.Logout();
        }

        servers.Seed("quin", Mail("INBOX", 0, 3).Concat(Mail("Projects/Alpha", 10, 2)));
        var id = Migrate("quin");
        Seed("quin", Mail("INBOX", 20, 2).Concat(Mail("Projects/Beta", 30, 2)));
        Run(Scripts.Sync, "quin", id).Single();
        Assert.Equal(10, MailboxSnapshot.Read(servers.Destination, "quin").Count);

        var whatIf = Run("Remove-OmmMigratedItem -Id $id -DestinationPassword $destinationPassword -StatePath $statePath -WhatIf", "quin", id);
        whatIf.AssertNoErrors();
        Assert.Equal(10, MailboxSnapshot.Read(servers.Destination, "quin").Count);
        Assert.Equal(9, Get("quin", id).Items("Progress")[0].Get<long>("Migrated"));

        var fromTwo = Run("Remove-OmmMigratedItem -Id $id -SyncPoint 2 -DestinationPassword $destinationPassword -StatePath $statePath -Confirm:$false -PassThru", "quin", id);
        fromTwo.AssertNoErrors();
        Assert.Equal(5, fromTwo.Single().Items("Progress")[0].Get<long>("Migrated"));
        var afterTwo = MailboxSnapshot.Read(servers.Destination, "quin");
        Assert.Equal(4, afterTwo.In("INBOX").Count);
        Assert.Equal(2, afterTwo.In("Projects.Alpha").Count);
        Assert.Null(afterTwo.Folder("Projects.Beta"));
        Assert.NotNull(afterTwo.Folder("Projects"));

        Assert.Equal("Completed", fromTwo.Single().Text("Status"));
        Assert.Equal(5 * 100 / 9, fromTwo.Single().Get<int>("Percent"));

        var all = Run("Remove-OmmMigratedItem $id -DestinationPassword $destinationPassword -StatePath $statePath -Force -PassThru -Verbose", "quin", id);
        all.AssertNoErrors();
        Assert.Equal(0, all.Single().Items("Progress")[0].Get<long>("Migrated"));
        Assert.Equal("Removed", all.Single().Text("Status"));
        // What the table shows: Status and Percent; -Status takes the new status.
        var listed = Run("Get-OmmMigration -Status Removed -StatePath $statePath", "quin", id).Single();
        Assert.Equal((id, "Removed", 0), (listed.Text("Id"), listed.Text("Status"), listed.Get<int>("Percent")));
        Assert.Empty(Run("Get-OmmMigration -Status Completed -StatePath $statePath", "quin", id).Output);
        var empty = MailboxSnapshot.Read(servers.Destination, "quin");
        var left = Assert.Single(empty.In("INBOX"));
        Assert.Equal(preexisting.Bytes.Length, left.Body.Length);
        Assert.Null(empty.Folder("Projects.Alpha"));
        Assert.Null(empty.Folder("Projects"));
        Assert.Contains(all.Verbose, line => line.Contains("Deleted the emptied folder 'Projects'"));

        var again = Run(Scripts.Sync, "quin", id).Single();
        Assert.Equal("Completed", again.Text("Status"));
        Assert.Equal(10, MailboxSnapshot.Read(servers.Destination, "quin").Count);
    }

    [Fact]
    public void Sync_refuses_a_migration_running_in_a_live_process()
    {
        servers.Seed("ray", Mail("INBOX", 0, StopTestMessages));
        using var running = Shell.Create(Scripts.NewMigration, Scripts.Variables(servers, "ray", StatePath));
        var invocation = running.BeginInvoke();
        var id = WaitForProgress("ray", 50);

        using var other = new OmmShell();
        var refused = other.Run(Scripts.Sync, Scripts.Variables(servers, "ray", StatePath, new Dictionary<string, object?> { ["id"] = id }));
        var removal = other.Run("Remove-OmmMigratedItem -Id $id -DestinationPassword x -StatePath $statePath -Force", Scripts.Variables(servers, "ray", StatePath, new Dictionary<string, object?> { ["id"] = id }));
        other.Run("Stop-OmmMigration $id -StatePath $statePath", Scripts.Variables(servers, "ray", StatePath, new Dictionary<string, object?> { ["id"] = id }));
        running.EndInvoke(invocation);

        Assert.Empty(refused.Output);
        Assert.Equal("MigrationRunning,Omm.PowerShell.Commands.SyncOmmMigrationCommand", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.Equal("MigrationRunning,Omm.PowerShell.Commands.RemoveOmmMigratedItemCommand", Assert.Single(removal.Errors).FullyQualifiedErrorId);
    }

    private string Migrate(string user)
    {
        var result = Shell.Run(Scripts.NewMigration, Scripts.Variables(servers, user, StatePath));
        result.AssertNoErrors();
        return result.Single().Text("Id")!;
    }

    private ScriptResult Run(string script, string user, string? id = null)
    {
        var result = Shell.Run(script, Scripts.Variables(servers, user, StatePath, new Dictionary<string, object?> { ["id"] = id }));
        return result;
    }

    private System.Management.Automation.PSObject Get(string user, string id) => Run("Get-OmmMigration $id -StatePath $statePath", user, id).Single();

    /// <summary>Waits until the user's migration has recorded at least <paramref name="count"/> copies; returns its id.</summary>
    private string WaitForProgress(string user, long count, ShellProcess? child = null)
    {
        using var watcher = new OmmShell();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var seen = watcher.Run("Get-OmmMigration -StatePath $statePath | Where-Object SourceAccount -eq $sourceUser", Scripts.Variables(servers, user, StatePath)).Output.LastOrDefault();
            if (seen != null && seen.Items("Progress").Count == 1 && seen.Items("Progress")[0].Get<long>("Migrated") >= count)
                return seen.Text("Id")!;
            Assert.False(child?.HasExited == true, "The migration process ended early: " + child?.Output);
            Thread.Sleep(25);
        }

        throw new TimeoutException($"The migration of {user} did not reach {count} copies.");
    }

    private void Seed(string user, IEnumerable<SeedMessage> messages) => servers.Seed(user, messages);

    private void ChangeFlags(string user, string folder, int index, params string[] flags)
    {
        using var client = RawImapClient.Connect(servers.Source, user);
        client.SetFlags(folder, client.FetchAll(folder)[index].Uid, flags);
        client.Logout();
    }

    private void AssertSameMail(string user)
    {
        var original = MailboxSnapshot.Read(servers.Source, user);
        var copied = MailboxSnapshot.Read(servers.Destination, user);
        Assert.Equal(original.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
        {
            var target = copied.In(MailServers.DestinationFolderOf(folder));
            Assert.Equal(messages.Count, target.Count);
            foreach (var message in messages)
            {
                var twin = Assert.Single(target, m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
            }
        }
    }

    /// <summary>Enough that a pass copying about 1,000 messages a second is still running when the stop arrives (polled every second).</summary>
    private const int StopTestMessages = 6000;

    internal static IEnumerable<SeedMessage> Mail(string folder, int first, int count) =>
        Enumerable.Range(first, count).Select(i => new SeedMessage(folder, SampleMailbox.Generate(i + folder.GetHashCode() % 1000, $"{folder} {i}", 700 + 31 * (i % 50)),
            (i % 4) switch { 0 => new[] { "\\Seen" }, 1 => new[] { "\\Seen", "\\Answered" }, 2 => new[] { "\\Flagged", "Work" }, _ => Array.Empty<string>() },
            new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddMinutes(i * 37), $"{folder} {i}"));
}
