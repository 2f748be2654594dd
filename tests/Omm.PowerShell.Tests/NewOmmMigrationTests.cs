using System.Management.Automation;
using System.Text;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

public sealed class NewOmmMigrationTests : IClassFixture<MailServers>, IDisposable
{
    private const string Migrate = Scripts.NewMigration;

    private readonly MailServers servers;
    private readonly string directory = Directory.CreateTempSubdirectory("omm-new-").FullName;

    public NewOmmMigrationTests(MailServers servers)
    {
        this.servers = servers;
    }

    private string StatePath => Path.Combine(directory, "omm.db");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Migrates_a_whole_mailbox_byte_for_byte_with_flags_dates_and_folders()
    {
        var sample = SampleMailbox.Full();
        servers.Seed("erin", sample);
        using var shell = new OmmShell();
        var credential = new PSCredential("erin@new.example", Secure(MailServers.DestinationPassword));

        var result = shell.Run(@"
            New-OmmMigration -SourceServer $source -SourceLogin erin -SourcePassword $sourcePassword -SourceSecurity None `
                -DestinationServer $destination -DestinationCredential $credential -DestinationSecurity None `
                -Project acme -StatePath $statePath -Verbose",
            Variables(new Dictionary<string, object?> { ["credential"] = credential }));

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Matches("^[a-z2-9]{8}$", migration.Text("Id"));
        Assert.Equal("acme", migration.Text("Project"));
        Assert.Equal("erin", migration.Text("SourceAccount"));
        Assert.Equal("erin@new.example", migration.Text("DestinationAccount"));
        Assert.Equal(1, migration.Get<int>("SyncPoint"));
        Assert.NotNull(migration.Text("CompletedAt"));
        var renamed = Assert.Single(migration.Items("Errors"));
        Assert.Equal(("Warning", SampleMailbox.DottedFolder), (renamed.Text("Type"), renamed.Text("Folder")));
        Assert.StartsWith("The source folder 'Archive.old' is copied to 'Archive_old': the destination's hierarchy separator '.' was replaced by '_'",
            renamed.Text("Message"), StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Contains("'Archive.old' is copied to 'Archive_old'", StringComparison.Ordinal));
        var mail = Assert.Single(migration.Items("Progress"));
        Assert.Equal("Mail", mail.Text("ItemType"));
        Assert.Equal(sample.Count, mail.Get<long>("ToMigrate"));
        Assert.Equal(sample.Count, mail.Get<long>("Migrated"));
        Assert.Equal(0, mail.Get<long>("InError"));
        Assert.Equal(1, mail.Get<long>("InWarning"));
        Assert.Equal(100, mail.Get<int>("Percent"));

        var original = MailboxSnapshot.Read(servers.Source, "erin");
        var copied = MailboxSnapshot.Read(servers.Destination, "erin@new.example");
        Assert.Equal(sample.Count, original.Count);
        Assert.Equal(sample.Count, copied.Count);
        foreach (var (folder, messages) in original.Messages)
        {
            var target = copied.In(MailServers.DestinationFolderOf(folder));
            Assert.Equal(messages.Count, target.Count);
            foreach (var message in messages)
            {
                var twin = Assert.Single(target, m => m.Sha256 == message.Sha256);
                Assert.Equal(MailboxSnapshot.FlagSet(message), MailboxSnapshot.FlagSet(twin));
                Assert.Equal(message.InternalDate.UtcDateTime, twin.InternalDate.UtcDateTime);
            }
        }

        Assert.Contains(original.In(SampleMailbox.LargeFolder), m => m.Body.Length > 20 * 1024 * 1024);
        Assert.Contains(original.In("INBOX"), m => m.Flags.Contains("$Forwarded"));
        Assert.Contains(copied.Folders, f => f.Name == "Données.Été 2024" && f.Separator == '.');
        foreach (var absent in new[] { "Sent", "Trash", "Junk", "Archive", "Archive.old" })
            Assert.Null(copied.Folder(absent));
        Assert.Contains("\\Sent", copied.Folder("Sent Items")!.Attributes);

        var overall = result.Progress.Where(p => p.ActivityId == 1).ToList();
        var perFolder = result.Progress.Where(p => p.ActivityId == 2).ToList();
        Assert.NotEmpty(overall);
        Assert.Contains(perFolder, p => p.ParentActivityId == 1 && p.Activity.Contains("Données/Été 2024"));
        Assert.Equal(ProgressRecordType.Completed, overall[^1].RecordType);
        Assert.Contains(result.Verbose, line => line.Contains("Created 'Données.Été 2024'"));
    }

    [Fact]
    public void Another_console_sees_the_migration_and_the_state_file_holds_no_password()
    {
        servers.Seed("fay", SampleMailbox.Generated().Take(6));
        string id;
        using (var shell = new OmmShell())
        {
            var run = shell.Run(Migrate, Variables("fay"));
            run.AssertNoErrors();
            id = run.Single().Text("Id")!;
        }

        using var other = new OmmShell();
        var result = other.Run("Get-OmmMigration -Id $id -StatePath $statePath", Variables("fay", new Dictionary<string, object?> { ["id"] = id }));

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal(6, Assert.Single(migration.Items("Progress")).Get<long>("Migrated"));

        foreach (var file in Directory.GetFiles(directory, "omm.db*"))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var password in new[] { MailServers.SourcePassword, MailServers.DestinationPassword })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(password)), $"{Path.GetFileName(file)} holds a password");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(password)), $"{Path.GetFileName(file)} holds a password (UTF-16)");
            }
        }
    }

    [Fact]
    public void A_message_the_destination_refuses_is_an_item_error_and_the_rest_is_copied()
    {
        using var strict = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = MailServers.DestinationPassword, MaxMessageSize = 1_000_000 });
        servers.Seed("gus", new[]
        {
            new SeedMessage("INBOX", SampleMailbox.Generate(1, "small one", 2_000), new[] { "\\Seen" }, DateTimeOffset.Parse("2020-01-01T10:00:00+01:00"), "small"),
            new SeedMessage("INBOX", SampleMailbox.Generate(2, "far too big", 1_500_000), Array.Empty<string>(), DateTimeOffset.Parse("2020-01-02T10:00:00+01:00"), "big"),
            new SeedMessage("INBOX", SampleMailbox.Generate(3, "small two", 3_000), Array.Empty<string>(), DateTimeOffset.Parse("2020-01-03T10:00:00+01:00"), "small"),
        });
        using var shell = new OmmShell();

        var result = shell.Run(Migrate, Variables("gus", new Dictionary<string, object?> { ["destination"] = strict.Address }));

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("CompletedWithErrors", migration.Text("Status"));
        var error = Assert.Single(migration.Items("Errors"));
        Assert.Equal("Error", error.Text("Type"));
        Assert.Equal("Mail", error.Text("ItemType"));
        Assert.Equal("INBOX", error.Text("Folder"));
        Assert.StartsWith("far too big (UID ", error.Text("ItemName"));
        Assert.StartsWith("The destination refused the message: [LIMIT] Mail size is larger than the maximum size allowed", error.Text("Message"));
        var mail = Assert.Single(migration.Items("Progress"));
        Assert.Equal(3, mail.Get<long>("ToMigrate"));
        Assert.Equal(2, mail.Get<long>("Migrated"));
        Assert.Equal(1, mail.Get<long>("InError"));
        Assert.Contains(result.Warnings, w => w.Contains("far too big"));
        Assert.Equal(new[] { "small one", "small two" }.Length, MailboxSnapshot.Read(strict, "gus").In("INBOX").Count);
    }

    [Fact]
    public void A_full_destination_fails_the_migration_with_the_servers_text_as_a_quota_error()
    {
        using var full = DovecotServer.Start(new DovecotOptions { Separator = '.', Password = MailServers.DestinationPassword, QuotaBytes = 40_000 });
        servers.Seed("uma", Enumerable.Range(0, 8).Select(i => new SeedMessage("INBOX", SampleMailbox.Generate(8800 + i, $"Quota {i}", 9_000),
            Array.Empty<string>(), DateTimeOffset.Parse("2020-01-01T10:00:00+01:00").AddDays(i), "quota")));
        using var shell = new OmmShell();

        var result = shell.Run(Migrate, Variables("uma", new Dictionary<string, object?> { ["destination"] = full.Address }));

        var migration = result.Single();
        Assert.Equal("Failed", migration.Text("Status"));
        Assert.StartsWith("The destination mailbox is over its quota: Quota exceeded (mailbox for user is full)", migration.Text("FailureReason"));
        Assert.Empty(migration.Items("Errors"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.InRange(MailboxSnapshot.Read(full, "uma").In("INBOX").Count, 0, 7);
    }

    [Fact]
    public void A_wrong_password_fails_the_migration_saying_which_side_and_why()
    {
        servers.Seed("hal", SampleMailbox.Generated().Take(1));
        using var shell = new OmmShell();

        var result = shell.Run(Migrate, Variables("hal", new Dictionary<string, object?> { ["sourcePassword"] = "not-the-password" }));

        var migration = result.Single();
        Assert.Equal("Failed", migration.Text("Status"));
        Assert.Contains($"The source server {servers.Source.Address} rejected the login of 'hal'", migration.Text("FailureReason"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("MigrationFailed,Omm.PowerShell.Commands.NewOmmMigrationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("not-the-password", error.ToString());
        Assert.Equal(0, MailboxSnapshot.Read(servers.Destination, "hal").Count);
    }

    [Fact]
    public void An_unreachable_destination_fails_the_migration_saying_so()
    {
        servers.Seed("ida", SampleMailbox.Generated().Take(1));
        using var shell = new OmmShell();
        var closedPort = $"127.0.0.1:{FreePort.Next()}";

        var result = shell.Run(Migrate, Variables("ida", new Dictionary<string, object?> { ["destination"] = closedPort }));

        var migration = result.Single();
        Assert.Equal("Failed", migration.Text("Status"));
        Assert.StartsWith($"Cannot connect to the destination server {closedPort}", migration.Text("FailureReason"));
        Assert.Equal(ErrorCategory.ConnectionError, Assert.Single(result.Errors).CategoryInfo.Category);
    }

    [Fact]
    public void Csv_rows_bind_by_property_name_with_plain_passwords()
    {
        servers.Seed("jon", SampleMailbox.Generated().Take(3));
        using var shell = new OmmShell();

        var result = shell.Run(@"
            [pscustomobject]@{
                SourceServer = $source; SourceLogin = 'jon'; SourcePassword = $sourcePassword; SourceSecurity = 'None'
                DestinationServer = $destination; DestinationLogin = 'jon'; DestinationPassword = $destinationPassword; DestinationSecurity = 'None'
                Project = 'csv'
            } | New-OmmMigration -StatePath $statePath", Variables("jon"));

        result.AssertNoErrors();
        var migration = result.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal("csv", migration.Text("Project"));
        Assert.Equal(3, MailboxSnapshot.Read(servers.Destination, "jon").Count);
    }

    [Theory]
    [InlineData("-SourceServer $source -DestinationServer $destination -DestinationLogin x -DestinationPassword y", "SourceCredentialMissing")]
    [InlineData("-SourceServer 'not a host' -SourceLogin x -SourcePassword y -DestinationServer $destination -DestinationLogin x -DestinationPassword y", "InvalidSourceServer")]
    [InlineData("-SourceServer $source -SourceLogin x -SourcePassword y -DestinationServer $destination -DestinationLogin x -DestinationPassword y -Include Contacts", "ItemTypeNotSupported")]
    public void Bad_parameters_are_errors_and_create_nothing(string parameters, string errorId)
    {
        using var shell = new OmmShell();

        var result = shell.Run($"New-OmmMigration {parameters} -StatePath $statePath; Get-OmmMigration -StatePath $statePath", Variables("kim"));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Stopping_the_pipeline_stops_the_migration_and_keeps_what_was_copied()
    {
        const int count = 5000;
        servers.Seed("lea", Enumerable.Range(0, count).Select(i =>
            new SeedMessage("INBOX", SampleMailbox.Generate(i, $"bulk {i}", 600), Array.Empty<string>(), DateTimeOffset.Parse("2021-05-05T05:05:05Z"), "bulk")));
        using var shell = new OmmShell();
        using var watcher = new OmmShell();
        using var running = shell.Create(Migrate, Variables("lea"));

        var invocation = running.BeginInvoke();
        long migrated = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (migrated < 50 && DateTime.UtcNow < deadline && !invocation.IsCompleted)
        {
            Thread.Sleep(20);
            var seen = watcher.Run("Get-OmmMigration -StatePath $statePath", Variables("lea")).Output.SingleOrDefault();
            if (seen != null && seen.Items("Progress").Count == 1)
                migrated = seen.Items("Progress")[0].Get<long>("Migrated");
        }

        running.Stop();

        var migration = watcher.Run("Get-OmmMigration -StatePath $statePath", Variables("lea")).Single();
        Assert.Equal("Stopped", migration.Text("Status"));
        var recorded = Assert.Single(migration.Items("Progress")).Get<long>("Migrated");
        Assert.InRange(recorded, 50, count - 1);
        Assert.Equal(recorded, MailboxSnapshot.Read(servers.Destination, "lea").In("INBOX").Count);
    }

    private Dictionary<string, object?> Variables(string user, Dictionary<string, object?>? overrides = null) =>
        Scripts.Variables(servers, user, StatePath, overrides);

    private Dictionary<string, object?> Variables(Dictionary<string, object?> overrides) => Variables("unused", overrides);

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
            secure.AppendChar(c);
        return secure;
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;
}
