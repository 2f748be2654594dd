using System.Management.Automation;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.PowerShell.Tests;

/// <summary>
/// Contacts, calendars and tasks with Exchange as users give them to the cmdlets: files imported into Exchange, and a
/// migration from Exchange into a CalDAV/CardDAV account with its Remove.
/// </summary>
public sealed class ExchangeGroupwareTests() : ShellTests("omm-ews-groupware-")
{
    private const string Mailbox = "hugo@contoso.test";
    private const string Password = "ews-pass";

    [Fact]
    public async Task Vcf_ics_and_pst_files_go_into_the_mailbox_s_own_contacts_calendar_and_tasks_without_a_meeting_request()
    {
        await using var exchange = await EwsTestServer.StartAsync();
        exchange.AddMailbox(Mailbox, Password);
        var vcf = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "John_Doe_IPHONE.vcf");
        var ics = Path.Combine(StateDirectory, "agenda.ics");
        File.WriteAllText(ics, Agenda);
        var pst = Path.Combine(StateDirectory, "dist-list.pst");
        File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "pst", "dist-list.pst"), pst);
        var variables = new Dictionary<string, object?>
        {
            ["path"] = new[] { vcf, ics, pst }, ["exchange"] = exchange.Url.ToString(), ["mailbox"] = Mailbox, ["password"] = Password, ["statePath"] = StatePath,
        };

        var imported = Shell.Run(@"Import-OmmFile -Path $path -DestinationType Exchange -DestinationServer $exchange -DestinationLogin $mailbox `
            -DestinationPassword $password -StatePath $statePath", variables);

        imported.AssertNoErrors();
        Assert.Equal(3, imported.Output.Count);
        Assert.All(imported.Output, m => Assert.StartsWith("Completed", m.Text("Status")));
        Assert.Equal((1L, 1L), Counter(imported.Output.Single(m => m.Text("SourceServer")!.EndsWith(".vcf")), "Contacts"));
        var agenda = imported.Output.Single(m => m.Text("SourceServer")!.EndsWith(".ics"));
        Assert.Equal((2L, 2L), Counter(agenda, "Calendar"));
        Assert.Equal((1L, 1L), Counter(agenda, "Tasks"));
        var fromPst = imported.Output.Single(m => m.Text("SourceServer")!.EndsWith(".pst"));
        Assert.Equal(new[] { "Calendar", "Contacts", "Mail", "Tasks" }, fromPst.Items("Progress").Select(p => p.Text("ItemType")).Order());
        Assert.Equal((2L, 2L), Counter(fromPst, "Contacts"));
        Assert.Equal((1L, 1L), Counter(fromPst, "Calendar"));

        // Into the mailbox's own folders, all files together: no folder of their own.
        Assert.Equal(3, exchange.GroupwareItems(Mailbox, "Contacts").Count);
        Assert.Equal(3, exchange.GroupwareItems(Mailbox, "Calendar").Count);
        Assert.Single(exchange.GroupwareItems(Mailbox, "Tasks"));
        Assert.Contains(exchange.GroupwareItems(Mailbox, "Calendar"), i => i.Value("UID") == "standup@omm.test" && i.CalendarItemType == "RecurringMaster");
        Assert.Contains(exchange.MeetingSendModes, m => m.HasAttendees);
        Assert.False(exchange.InvitationsSent);

        // Imported again: nothing new.
        var again = Shell.Run(@"Import-OmmFile -Path $path -DestinationType Exchange -DestinationServer $exchange -DestinationLogin $mailbox `
            -DestinationPassword $password -StatePath $statePath", variables);
        again.AssertNoErrors();
        Assert.Equal(3, exchange.GroupwareItems(Mailbox, "Contacts").Count);
        Assert.Equal(3, exchange.GroupwareItems(Mailbox, "Calendar").Count);
    }

    [Fact]
    public async Task Contacts_and_calendars_move_from_Exchange_into_a_DAV_account_and_remove_takes_them_back()
    {
        await using var exchange = await EwsTestServer.StartAsync();
        exchange.AddMailbox(Mailbox, Password);
        using var radicale = RadicaleServer.Start("ida");
        File.WriteAllText(Path.Combine(StateDirectory, "agenda.ics"), Agenda);
        var variables = new Dictionary<string, object?>
        {
            ["path"] = new[] { Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "rfc2426-example.vcf"), Path.Combine(StateDirectory, "agenda.ics") },
            ["exchange"] = exchange.Url.ToString(), ["mailbox"] = Mailbox, ["password"] = Password, ["statePath"] = StatePath,
            ["dav"] = radicale.Url.AbsoluteUri, ["davPassword"] = radicale.Password,
        };
        Shell.Run(@"Import-OmmFile -Path $path -DestinationType Exchange -DestinationServer $exchange -DestinationLogin $mailbox `
            -DestinationPassword $password -StatePath $statePath", variables).AssertNoErrors();

        var moved = Shell.Run(@"New-OmmMigration -SourceType Exchange -SourceServer $exchange -SourceLogin $mailbox -SourcePassword $password `
            -DestinationType Dav -DestinationDavUrl $dav -DestinationLogin ida -DestinationPassword $davPassword -Include Contacts,Calendar,Tasks -StatePath $statePath", variables);

        moved.AssertNoErrors();
        var migration = moved.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal((2L, 2L), Counter(migration, "Contacts"));
        Assert.Equal((2L, 2L), Counter(migration, "Calendar"));
        Assert.Equal((1L, 1L), Counter(migration, "Tasks"));
        var copied = DavSnapshot.Read(radicale, "ida");
        Assert.Equal(5, copied.Count);
        var series = Assert.Single(copied.In("Calendar"), r => r.Contains("UID:standup@omm.test"));
        Assert.Contains("RRULE:", series);
        Assert.Contains("EXDATE", series);
        Assert.Contains("RECURRENCE-ID", series);

        variables["id"] = migration.Text("Id");
        Shell.Run("Remove-OmmMigratedItem -Id $id -DestinationPassword $davPassword -StatePath $statePath -Force", variables).AssertNoErrors();
        Assert.Equal(0, DavSnapshot.Read(radicale, "ida").Count);
    }

    private static (long ToMigrate, long Migrated) Counter(PSObject migration, string itemType)
    {
        var row = migration.Items("Progress").Single(p => p.Text("ItemType") == itemType);
        return (row.Get<long>("ToMigrate"), row.Get<long>("Migrated"));
    }

    /// <summary>A daily stand-up with a skipped and a moved occurrence and an attendee, a one-off event and a task.</summary>
    private const string Agenda = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Omm tests//EN
        BEGIN:VEVENT
        UID:standup@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Stand-up
        DTSTART:20260504T080000Z
        DTEND:20260504T081500Z
        RRULE:FREQ=DAILY;COUNT=5
        EXDATE:20260506T080000Z
        ORGANIZER:mailto:hugo@contoso.test
        ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:lea@example.com
        END:VEVENT
        BEGIN:VEVENT
        UID:standup@omm.test
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID:20260507T080000Z
        SUMMARY:Stand-up (late)
        DTSTART:20260507T090000Z
        DTEND:20260507T091500Z
        ORGANIZER:mailto:hugo@contoso.test
        ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:lea@example.com
        END:VEVENT
        BEGIN:VEVENT
        UID:dentist@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Dentist
        DTSTART:20260512T140000Z
        DTEND:20260512T150000Z
        END:VEVENT
        BEGIN:VTODO
        UID:invoice@omm.test
        DTSTAMP:20260101T000000Z
        SUMMARY:Send the invoice
        DUE;VALUE=DATE:20260515
        END:VTODO
        END:VCALENDAR
        """;
}
