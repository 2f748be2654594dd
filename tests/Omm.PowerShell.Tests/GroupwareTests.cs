using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// Contacts, calendars and tasks through the cmdlets: .vcf, .ics and PST files into a Radicale account,
/// and one migration moving mail (Dovecot) and address books, calendars and task lists (Radicale)
/// together. The accounts use the same password on both servers, as a mail host with DAV does.
/// </summary>
public sealed class GroupwareTests : IDisposable
{
    private readonly RadicaleServer radicale = RadicaleServer.Start("ann", "ben", "cat", "dan", "eve");
    private readonly DovecotServer source = DovecotServer.Start(new DovecotOptions { Password = RadicaleServer.SharedPassword });
    private readonly DovecotServer destination = DovecotServer.Start(new DovecotOptions { Password = RadicaleServer.SharedPassword });
    private readonly string directory = Directory.CreateTempSubdirectory("omm-groupware-").FullName;
    private readonly OmmShell shell = new();

    public void Dispose()
    {
        shell.Dispose();
        radicale.Dispose();
        source.Dispose();
        destination.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private string StatePath => Path.Combine(directory, "omm.db");

    private const string ImportIntoMail = @"Import-OmmFile -Path $path -DestinationServer $destination -DestinationLogin $user `
        -DestinationPassword $password -DestinationSecurity None -StatePath $statePath";

    private const string ImportIntoDav = @"Import-OmmFile -Path $path -DestinationType Dav -DestinationDavUrl $dav -DestinationLogin $user `
        -DestinationPassword $password -StatePath $statePath";

    [Fact]
    public void Vcf_and_ics_files_go_into_address_books_calendars_and_task_lists_once()
    {
        var vcf = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "John_Doe_IPHONE.vcf");
        var ics = Path.Combine(directory, "agenda.ics");
        File.WriteAllText(ics, Calendar("Planning", withTask: true));
        var more = WriteCalendar("Holidays", false);

        // Three files at once (four run in parallel): one calendar for both agendas, not one each.
        var first = Run(ImportIntoDav, "ann", new() { ["path"] = new[] { vcf, ics, more } });

        first.AssertNoErrors();
        Assert.Equal(3, first.Output.Count);
        Assert.All(first.Output, m => Assert.Equal("Completed", m.Text("Status")));
        var contacts = first.Output.Single(m => m.Text("SourceServer")!.EndsWith(".vcf"));
        Assert.Equal((1L, 1L), Counter(contacts, "Contacts"));
        var agenda = first.Output.Single(m => m.Text("SourceServer")!.EndsWith("agenda.ics"));
        Assert.Equal((2L, 2L), Counter(agenda, "Calendar"));
        Assert.Equal((1L, 1L), Counter(agenda, "Tasks"));

        var copied = DavSnapshot.Read(radicale, "ann");
        Assert.Equal(3, copied.CollectionCount);
        var card = Assert.Single(copied.In("Contacts"));
        Assert.Contains("john.doe@ibm.com", card);
        Assert.Contains("PHOTO", card);
        Assert.Equal(4, copied.In("Calendar").Count);
        var task = Assert.Single(copied.In("Tasks"));
        Assert.Contains("BEGIN:VTODO", task);
        Assert.DoesNotContain(copied.In("Calendar"), e => e.Contains("METHOD:"));

        var again = Run(ImportIntoDav, "ann", new() { ["path"] = new[] { vcf, ics, more } });
        again.AssertNoErrors();
        Assert.All(again.Output, m => Assert.Equal(2, m.Get<int>("SyncPoint")));
        Assert.Equal(6, DavSnapshot.Read(radicale, "ann").Count);
    }

    [Fact]
    public void One_migration_moves_mail_contacts_calendars_and_tasks()
    {
        SeedMail("ben", 12);
        var seeded = Run(ImportIntoDav, "ben", new() { ["path"] = new[] { Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "outlook-2007.vcf"), WriteCalendar("Team", true) } });
        seeded.AssertNoErrors();
        var sourceItems = DavSnapshot.Read(radicale, "ben");

        var result = Run(@"New-OmmMigration -SourceServer $source -SourceLogin ben -SourcePassword $password -SourceSecurity None -SourceDavUrl $dav `
            -DestinationServer $destination -DestinationLogin cat -DestinationPassword $password -DestinationSecurity None -DestinationDavUrl $dav `
            -Include Mail,Contacts,Calendar,Tasks -StatePath $statePath", "ben");

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(radicale.Url.AbsoluteUri, migration.Text("DestinationDavUrl"));
        Assert.Equal((12L, 12L), Counter(migration, "Mail"));
        Assert.Equal(((long)sourceItems.In("Contacts").Count, (long)sourceItems.In("Contacts").Count), Counter(migration, "Contacts"));
        Assert.Equal((2L, 2L), Counter(migration, "Calendar"));
        Assert.Equal((1L, 1L), Counter(migration, "Tasks"));
        Assert.Equal(12, MailboxSnapshot.Read(destination, "cat").Count);
        var copied = DavSnapshot.Read(radicale, "cat");
        Assert.Equal(sourceItems.Collections.Keys.OrderBy(k => k), copied.Collections.Keys.OrderBy(k => k));
        Assert.Equal(sourceItems.Count, copied.Count);

        // Sync after a new event on the source; then remove what that sync point copied.
        var more = Run(ImportIntoDav, "ben", new() { ["path"] = WriteCalendar("Team", false, "later") });
        more.AssertNoErrors();
        var sync = Run("Sync-OmmMigration -Id $id -SourcePassword $password -DestinationPassword $password -StatePath $statePath", "ben",
            new() { ["id"] = migration.Text("Id") }).Single();
        Assert.Equal("Completed", sync.Text("Status"));
        Assert.Equal((4L, 4L), Counter(sync, "Calendar"));
        Assert.Equal(sourceItems.Count + 2, DavSnapshot.Read(radicale, "cat").Count);

        var removed = Run("Remove-OmmMigratedItem -Id $id -SyncPoint 2 -DestinationPassword $password -StatePath $statePath -Force -PassThru", "ben",
            new() { ["id"] = migration.Text("Id") });
        removed.AssertNoErrors();
        Assert.Equal(sourceItems.Count, DavSnapshot.Read(radicale, "cat").Count);
        Assert.Equal(12, MailboxSnapshot.Read(destination, "cat").Count);
    }

    [Fact]
    public void Dav_accounts_alone_migrate_without_a_mail_server()
    {
        var seeded = Run(@"Import-OmmFile -Path $path -DestinationDavUrl $dav -DestinationLogin eve -DestinationPassword $password -StatePath $statePath", "eve",
            new() { ["path"] = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "gmail-list.vcf") });
        seeded.AssertNoErrors();
        Assert.Equal("Dav", seeded.Single().Text("DestinationType"));

        var result = Run(@"New-OmmMigration -SourceType Dav -SourceDavUrl $dav -SourceLogin eve -SourcePassword $password `
            -DestinationType Dav -DestinationDavUrl $dav -DestinationLogin dan -DestinationPassword $password -StatePath $statePath", "eve");

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(new[] { "Calendar", "Contacts", "Tasks" }, migration.Items("Progress").Select(p => p.Text("ItemType")).OrderBy(t => t));
        Assert.Equal((3L, 3L), Counter(migration, "Contacts"));
        Assert.Equal(3, DavSnapshot.Read(radicale, "dan").In("Contacts").Count);
    }

    [Fact]
    public void A_pst_brings_its_mail_contacts_and_lists_in_one_run()
    {
        var pst = Path.Combine(directory, "dist-list.pst");
        File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "pst", "dist-list.pst"), pst);

        var result = Run(@"Import-OmmFile -Path $path -DestinationServer $destination -DestinationDavUrl $dav -DestinationLogin dan `
            -DestinationPassword $password -DestinationSecurity None -StatePath $statePath", "dan", new() { ["path"] = pst });

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        var (toMigrate, migrated) = Counter(migration, "Contacts");
        Assert.True(migrated > 0);
        Assert.Equal(toMigrate, migrated);
        var contacts = DavSnapshot.Read(radicale, "dan").In("Contacts");
        Assert.Equal((int)migrated, contacts.Count);
        Assert.Contains(contacts, c => c.Contains("X-ADDRESSBOOKSERVER-KIND:group"));
    }

    [Fact]
    public void A_pst_of_contacts_needs_the_dav_url_and_with_it_they_arrive()
    {
        var pst = CopyPst("contacts6.pst");

        var refused = Run(ImportIntoMail, "ann", new() { ["path"] = pst });

        Assert.Empty(refused.Output);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("ItemTypeNotSupported,Omm.PowerShell.Commands.ImportOmmFileCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"'{pst}' holds nothing this destination can take, so no migration was created: " +
                     "6 contacts in 'Contacts' (the destination has no CardDAV URL; give -DestinationDavUrl to migrate them).", error.Exception.Message);
        Assert.Empty(Run("Get-OmmMigration -StatePath $statePath", "ann").Output);

        var imported = Run(ImportIntoMail + " -DestinationDavUrl $dav", "ann", new() { ["path"] = pst });

        imported.AssertNoErrors();
        var migration = imported.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal((6L, 6L), Counter(migration, "Contacts"));
        var contacts = DavSnapshot.Read(radicale, "ann").In("Contacts");
        Assert.Equal(6, contacts.Count);
        Assert.All(contacts, card => Assert.Contains("BEGIN:VCARD", card));
    }

    [Fact]
    public void A_pst_of_mail_alone_into_a_dav_url_alone_is_an_error_naming_its_mail()
    {
        var pst = CopyPst("sample1-unicode.pst");

        var refused = Run(ImportIntoDav, "ben", new() { ["path"] = pst });

        Assert.Empty(refused.Output);
        Assert.Equal($"'{pst}' holds nothing this destination can take, so no migration was created: " +
                     "1 message in 'Sample1' (the destination has no IMAP server; give -DestinationServer to migrate them).",
            Assert.Single(refused.Errors).Exception.Message);
    }

    [Fact]
    public void Importing_a_file_again_with_a_dav_url_it_lacked_goes_on_in_the_same_migration_but_not_without_it()
    {
        var pst = CopyPst("sample1-unicode.pst");
        var first = Run(ImportIntoMail, "cat", new() { ["path"] = pst }).Single();
        var messages = MailboxSnapshot.Read(destination, "cat").Count;

        var widened = Run(ImportIntoMail + " -DestinationDavUrl $dav -Verbose", "cat", new() { ["path"] = pst });

        widened.AssertNoErrors();
        var again = widened.Single();
        Assert.Equal((first.Text("Id"), 2, "Completed"), (again.Text("Id"), again.Get<int>("SyncPoint"), again.Text("Status")));
        Assert.Equal(radicale.Url.AbsoluteUri, again.Text("DestinationDavUrl"));
        Assert.Equal(new[] { "Mail", "Contacts", "Calendar", "Tasks" }, again.Items("Include").Select(i => i.ToString()));
        Assert.Contains(widened.Verbose, line => line == $"Migration {first.Text("Id")} now goes into the DAV URL {radicale.Url.AbsoluteUri} too, and copies Mail, Contacts, Calendar, Tasks.");
        Assert.Equal(messages, MailboxSnapshot.Read(destination, "cat").Count);

        var dropped = Run(ImportIntoMail, "cat", new() { ["path"] = pst });

        Assert.Empty(dropped.Output);
        var error = Assert.Single(dropped.Errors);
        Assert.Equal("DestinationChanged,Omm.PowerShell.Commands.ImportOmmFileCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"'{pst}' was imported into cat before (migration {first.Text("Id")}) with the mail server {destination.Address} and the DAV URL {radicale.Url.AbsoluteUri}; " +
                     "import it again with the same destination (adding a DAV URL or a mail server it lacked), or into another account.", error.Exception.Message);
    }

    [Fact]
    public void Missing_dav_urls_and_unreadable_files_are_clear_errors()
    {
        var noDav = Run(@"Import-OmmFile -Path $path -DestinationServer $destination -DestinationLogin eve -DestinationPassword $password `
            -DestinationSecurity None -StatePath $statePath", "eve", new() { ["path"] = Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "rfc2426-example.vcf") });
        Assert.Equal("ItemTypeNotSupported,Omm.PowerShell.Commands.ImportOmmFileCommand", Assert.Single(noDav.Errors).FullyQualifiedErrorId);
        Assert.Contains("-DestinationDavUrl", noDav.Errors[0].Exception.Message);

        // A file that is no vCard at all fails; one card that cannot be read costs that card only.
        var broken = Path.Combine(directory, "broken.vcf");
        File.WriteAllText(broken, "<!DOCTYPE html>\n<html><body>Sign in to continue</body></html>\n");
        var failed = Run(ImportIntoDav, "eve", new() { ["path"] = broken }).Single();
        Assert.Equal("Failed", failed.Text("Status"));
        Assert.Equal($"'{broken}' is not a vCard file: the text holds no vCard (no BEGIN:VCARD line): it looks like an HTML page", failed.Text("FailureReason"));

        var damaged = Path.Combine(directory, "damaged.vcf");
        File.WriteAllText(damaged, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No end\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nUID:whole\r\nFN:Whole\r\nN:;Whole;;;\r\nEND:VCARD\r\n");
        var partly = Run(ImportIntoDav, "eve", new() { ["path"] = damaged }).Single();
        Assert.Equal("CompletedWithErrors", partly.Text("Status"));
        var error = Assert.Single(partly.Items("Errors"));
        Assert.Equal("vCard \"No end\" at line 1", error.Text("ItemName"));
        Assert.Equal("It could not be read and was not copied: line 1: BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 4 comes first).", error.Text("Message"));
        Assert.Contains("UID:whole", Assert.Single(DavSnapshot.Read(radicale, "eve").In("Contacts")));
    }

    private string CopyPst(string fixture)
    {
        var pst = Path.Combine(directory, fixture);
        File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "pst", fixture), pst);
        return pst;
    }

    private (long ToMigrate, long Migrated) Counter(System.Management.Automation.PSObject migration, string itemType)
    {
        var row = migration.Items("Progress").Single(p => p.Text("ItemType") == itemType);
        return (row.Get<long>("ToMigrate"), row.Get<long>("Migrated"));
    }

    private ScriptResult Run(string script, string user, Dictionary<string, object?>? extra = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["source"] = source.Address,
            ["destination"] = destination.Address,
            ["dav"] = radicale.Url.AbsoluteUri,
            ["user"] = user,
            ["password"] = RadicaleServer.SharedPassword,
            ["statePath"] = StatePath,
        };
        foreach (var (name, value) in extra ?? new())
            variables[name] = value;
        return shell.Run(script, variables);
    }

    private void SeedMail(string user, int count)
    {
        using var client = RawImapClient.Connect(source, user);
        SampleMailbox.Seed(client, SampleMailbox.Generated().Take(count), source.Options.Separator);
        client.Logout();
    }

    private string WriteCalendar(string name, bool withTask, string suffix = "")
    {
        var path = Path.Combine(directory, $"{name}{suffix}.ics");
        File.WriteAllText(path, Calendar(name + suffix, withTask));
        return path;
    }

    /// <summary>An Outlook-style export: METHOD:PUBLISH, two events, and a task when asked.</summary>
    private static string Calendar(string name, bool withTask) =>
        string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "METHOD:PUBLISH",
            "BEGIN:VEVENT", $"UID:{name}-1@omm.test", "DTSTAMP:20261101T090000Z", "DTSTART:20261203T090000Z", "DTEND:20261203T100000Z", $"SUMMARY:{name} review", "END:VEVENT",
            "BEGIN:VEVENT", $"UID:{name}-2@omm.test", "DTSTAMP:20261101T090000Z", "DTSTART;VALUE=DATE:20261224", $"SUMMARY:{name} party", "RRULE:FREQ=YEARLY", "END:VEVENT",
            withTask ? $"BEGIN:VTODO\r\nUID:{name}-task@omm.test\r\nDTSTAMP:20261101T090000Z\r\nSUMMARY:{name} budget\r\nEND:VTODO" : null,
            "END:VCALENDAR") .Replace("\r\n\r\n", "\r\n") + "\r\n";
}
