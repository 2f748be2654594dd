using System.Text;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>POP3 sources as a user gives them: an OVH row of type POP, the POP3 parameters, a sync, a POP3 destination refused.</summary>
public sealed class Pop3SourceTests() : ShellTests("omm-pop3-cmdlets-")
{
    private const string User = "olga";

    [Fact]
    public void A_pop_row_is_migrated_into_the_folder_asked_unread_and_a_sync_copies_nothing_more()
    {
        using var source = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        using var destination = DovecotServer.Start();
        var messages = Enumerable.Range(1, 3).Select(i => new SeedMessage("INBOX", Encoding.ASCII.GetBytes(
            $"From: a@example.org\r\nSubject: pop {i}\r\nDate: Wed, 2 Dec 2026 0{i}:00:00 +0000\r\nMessage-ID: <pop{i}@example.org>\r\n\r\nBody {i}.\r\n"),
            Array.Empty<string>(), DateTimeOffset.UtcNow, $"pop {i}")).ToList();
        using (var client = RawImapClient.Connect(source, User))
            SampleMailbox.Seed(client, messages);
        var csv = Path.Combine(StateDirectory, "accounts.csv");
        File.WriteAllText(csv, AccountTemplates.Csv(new IReadOnlyList<string>[]
        {
            AccountTemplates.Ovh,
            new[] { "POP", source.Pop3Address, User, source.Password, "IMAP", destination.Address, User, destination.Password, "", "" },
        }, ';'));
        var variables = new Dictionary<string, object?> { ["csv"] = csv, ["statePath"] = StatePath };

        var created = Shell.Run(@"New-OmmMigration -InputFile $csv -SourceSecurity None -DestinationSecurity None `
            -Pop3Folder 'Old mail' -Pop3MarkAsRead:$false -StatePath $statePath", variables);

        created.AssertNoErrors();
        var migration = created.Single();
        Assert.Equal(("Completed", "Pop3"), (migration.Text("Status"), migration.Text("SourceType")));
        var copied = MailboxSnapshot.Read(destination, User);
        Assert.Equal(messages.Select(m => Sha(m.Bytes)).Order(), copied.In("Old mail").Select(m => m.Sha256).Order());
        Assert.All(copied.In("Old mail"), m => Assert.DoesNotContain("\\Seen", m.Flags));

        variables["id"] = migration.Text("Id");
        variables["sourcePassword"] = source.Password;
        variables["destinationPassword"] = destination.Password;
        var synced = Shell.Run("Sync-OmmMigration -Id $id -SourcePassword $sourcePassword -DestinationPassword $destinationPassword -StatePath $statePath",
            variables);

        synced.AssertNoErrors();
        Assert.Equal(("Completed", 2), (synced.Single().Text("Status"), synced.Single().Get<int>("SyncPoint")));
        var after = MailboxSnapshot.Read(destination, User);
        Assert.Equal(3, after.In("Old mail").Count);
        Assert.Empty(after.In("INBOX"));
        Assert.Equal(3, MailboxSnapshot.Read(source, User).In("INBOX").Count);
    }

    [Fact]
    public void A_pop3_destination_is_refused_before_anything_is_created()
    {
        var result = Shell.Run(@"New-OmmMigration -SourceServer imap.old.example -SourceLogin a -SourcePassword x `
            -DestinationType Pop3 -DestinationServer pop.new.example -DestinationLogin a -DestinationPassword y -StatePath $statePath",
            new Dictionary<string, object?> { ["statePath"] = StatePath });

        var error = Assert.Single(result.Errors);
        Assert.Equal("ItemTypeNotSupported,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal("A Pop3 cannot be a destination: Omm copies into IMAP, Exchange and CalDAV/CardDAV accounts.", error.Exception.Message);
        Assert.Empty(Shell.Run("Get-OmmMigration -StatePath $statePath", new Dictionary<string, object?> { ["statePath"] = StatePath }).Output);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
}
