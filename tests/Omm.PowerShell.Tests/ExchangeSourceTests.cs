using System.Text;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.PowerShell.Tests;

/// <summary>Exchange as a user gives it: an OVH template row of type Exchange with an EWS URL, then a sync.</summary>
public sealed class ExchangeSourceTests() : ShellTests("omm-ews-cmdlets-")
{
    private const string Mailbox = "olga@contoso.test";
    private const string User = "olga";

    [Fact]
    public async Task An_exchange_row_is_migrated_into_dovecot_and_a_sync_copies_only_the_new_message()
    {
        await using var exchange = await EwsTestServer.StartAsync();
        exchange.AddMailbox(Mailbox, "ews-pass");
        using var destination = DovecotServer.Start();
        for (var i = 1; i <= 3; i++)
            exchange.AddMessage(Mailbox, i == 3 ? "Inbox/Clients" : "Inbox", Message(i), isRead: i == 1);
        var csv = Path.Combine(StateDirectory, "accounts.csv");
        File.WriteAllText(csv, AccountTemplates.Csv(new IReadOnlyList<string>[]
        {
            AccountTemplates.Ovh,
            new[] { "Exchange", exchange.Url.ToString(), Mailbox, "ews-pass", "IMAP", destination.Address, User, destination.Password, "", "" },
        }, ';'));
        var variables = new Dictionary<string, object?> { ["csv"] = csv, ["statePath"] = StatePath };

        var created = Shell.Run("New-OmmMigration -InputFile $csv -DestinationSecurity None -StatePath $statePath", variables);

        created.AssertNoErrors();
        var migration = created.Single();
        Assert.Equal(("Completed", "Exchange", exchange.Url.ToString()), (migration.Text("Status"), migration.Text("SourceType"), migration.Text("SourceServer")));
        var copied = MailboxSnapshot.Read(destination, User);
        Assert.Equal(2, copied.In("INBOX").Count);
        Assert.Single(copied.In("INBOX/Clients"));

        exchange.AddMessage(Mailbox, "Inbox", Message(4));
        variables["id"] = migration.Text("Id");
        variables["destinationPassword"] = destination.Password;
        var synced = Shell.Run("Sync-OmmMigration -Id $id -SourcePassword 'ews-pass' -DestinationPassword $destinationPassword -StatePath $statePath", variables);

        synced.AssertNoErrors();
        Assert.Equal(("Completed", 2), (synced.Single().Text("Status"), synced.Single().Get<int>("SyncPoint")));
        Assert.Equal(3, MailboxSnapshot.Read(destination, User).In("INBOX").Count);
    }

    private static byte[] Message(int i) => Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nSubject: ews {i}\r\nDate: Wed, 2 Dec 2026 0{i}:00:00 +0000\r\nMessage-ID: <ews{i}@example.org>\r\n\r\nBody {i}.\r\n");
}
