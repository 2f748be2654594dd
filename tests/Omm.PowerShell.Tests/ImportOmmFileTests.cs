using System.Security.Cryptography;
using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>Import-OmmFile with .eml folders and mbox files into a real Dovecot destination.</summary>
public sealed class ImportOmmFileTests(MailServers servers) : ShellTests("omm-import-"), IClassFixture<MailServers>
{
    private const string ImportScript = @"Import-OmmFile -Path $path -DestinationServer $destination -DestinationLogin $destinationUser `
        -DestinationPassword $destinationPassword -DestinationSecurity None -StatePath $statePath";

    [Fact]
    public void A_folder_of_eml_files_is_imported_once_with_its_tree_and_bytes()
    {
        var tree = Path.Combine(StateDirectory, "export");
        var fixtures = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, "mime")).OrderBy(f => f).ToList();
        var layout = new Dictionary<string, List<string>> { [""] = new(), ["Sent"] = new(), ["Clients/Acme"] = new() };
        for (var i = 0; i < fixtures.Count; i++)
        {
            var folder = i % 3 == 0 ? "" : i % 3 == 1 ? "Sent" : "Clients/Acme";
            var target = Path.Combine(tree, folder, Path.GetFileNameWithoutExtension(fixtures[i]) + ".eml");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(fixtures[i], target);
            layout[folder].Add(target);
        }

        var first = Run(ImportScript, tree, "ivy");
        first.AssertNoErrors();
        var migration = first.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        Assert.Equal("File", migration.Text("SourceType"));
        Assert.Equal(fixtures.Count, migration.Items("Progress")[0].Get<long>("Migrated"));

        var copied = MailboxSnapshot.Read(servers.Destination, "ivy");
        foreach (var (folder, files) in layout)
        {
            var target = copied.In(folder switch { "" => "INBOX", "Sent" => "Sent Items", _ => "Clients.Acme" });
            Assert.Equal(files.Select(f => Sha256(LineEnds.Crlf(File.ReadAllBytes(f)))).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
            Assert.All(target, m => Assert.Contains("\\Seen", m.Flags));
        }

        var again = Run(ImportScript, tree, "ivy").Single();
        Assert.Equal((migration.Text("Id"), 2), (again.Text("Id"), again.Get<int>("SyncPoint")));
        Assert.Equal(fixtures.Count, MailboxSnapshot.Read(servers.Destination, "ivy").Count);

        var removed = Run("Remove-OmmMigratedItem $id -DestinationPassword $destinationPassword -StatePath $statePath -Force -PassThru", tree, "ivy",
            new Dictionary<string, object?> { ["id"] = migration.Text("Id") });
        removed.AssertNoErrors();
        var empty = MailboxSnapshot.Read(servers.Destination, "ivy");
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.Folder("Clients.Acme"));
    }

    [Fact]
    public void Mbox_files_piped_in_become_folders_named_after_them()
    {
        var paths = new[] { "simple.mbox", "unmunged.mbox" }.Select(name =>
        {
            var copy = Path.Combine(StateDirectory, name);
            File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "mbox", name), copy);
            return copy;
        }).ToList();

        var result = Shell.Run(@"$paths | Import-OmmFile -DestinationServer $destination -DestinationLogin jay -DestinationPassword $destinationPassword `
            -DestinationSecurity None -StatePath $statePath", Scripts.Variables(servers, "jay", StatePath, new Dictionary<string, object?> { ["paths"] = paths.ToArray() }));

        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, m => Assert.Equal("Completed", m.Text("Status")));
        var copied = MailboxSnapshot.Read(servers.Destination, "jay");
        // Two messages, each keeping its unescaped "From Russia with love" body line (MimeKit's own
        // mbox parser cuts each in two at that line).
        var unmunged = copied.In("unmunged").Select(m => System.Text.Encoding.UTF8.GetString(m.Body)).ToList();
        Assert.Equal(2, unmunged.Count);
        Assert.All(unmunged, body => Assert.Contains("\r\n\r\nFrom Russia with love\r\n", body));
        Assert.Contains(unmunged, body => body.StartsWith("From: Jeffrey Stedfast") && body.Contains("What did Thunderbird do this time?"));
        Assert.Equal(3, copied.In("simple").Count); // three "From - " postmarks, two not preceded by an empty line
    }

    public static IEnumerable<object[]> PstFixtures() =>
        new[] { "sample1-unicode.pst", "sample2-ansi.pst", "submessage.pst", "empty-folder-unicode.pst" }
            .Select(f => new object[] { f });

    /// <summary>PSTs of contacts and calendars alone go nowhere on a mail server: an error naming what they hold, and no migration.</summary>
    [Theory]
    [InlineData("passworded.pst", "2 contacts in 'Contacts' (the destination has no CardDAV URL; give -DestinationDavUrl to migrate them)")]
    [InlineData("dist-list.pst", "1 calendar item in 'Calendar' (the destination has no CalDAV URL; give -DestinationDavUrl to migrate them); " +
                                 "2 contacts in 'Contacts' (the destination has no CardDAV URL; give -DestinationDavUrl to migrate them)")]
    public void A_pst_without_mail_into_a_mail_server_alone_is_an_error_naming_what_it_holds(string fixture, string holds)
    {
        var pst = Path.Combine(StateDirectory, fixture);
        File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "pst", fixture), pst);

        var result = Run(ImportScript, pst, "nomail");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ItemTypeNotSupported,Omm.PowerShell.Commands.ImportOmmFileCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"'{pst}' holds nothing this destination can take, so no migration was created: {holds}.", error.Exception.Message);
        Assert.Empty(Run("Get-OmmMigration -StatePath $statePath", pst, "nomail").Output);
    }

    /// <summary>
    /// What lands on the destination agrees with readpst's independent reading of the same file: every
    /// mail item readpst finds is there, in the same folder, with the same subject. Omm also imports
    /// items readpst skips (IPM.Post, items at the top of the store), so the destination may hold more,
    /// and it holds exactly what the migration counted.
    /// </summary>
    [Theory]
    [MemberData(nameof(PstFixtures))]
    public void A_pst_file_lands_folder_by_folder_as_readpst_reads_it(string fixture)
    {
        var pst = Path.Combine(StateDirectory, fixture);
        File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "pst", fixture), pst);
        var user = "pst-" + Path.GetFileNameWithoutExtension(fixture);
        var expected = ReadpstMail(pst);

        var first = Run(ImportScript, pst, user);

        first.AssertNoErrors();
        var migration = first.Single();
        Assert.Equal("Completed", migration.Text("Status"));
        var progress = migration.Items("Progress")[0];
        var copied = MailboxSnapshot.Read(servers.Destination, user);
        Assert.Equal(progress.Get<long>("ToMigrate"), progress.Get<long>("Migrated"));
        Assert.Equal(progress.Get<long>("Migrated"), copied.Count);
        foreach (var (folder, subjects) in expected)
        {
            var target = copied.In(folder.Equals("Inbox", StringComparison.OrdinalIgnoreCase) ? "INBOX" : folder.Replace('/', '.'))
                .Select(m => SubjectOf(m.Body)).ToList();
            foreach (var subject in subjects)
                Assert.True(target.Remove(subject), $"'{subject}' of readpst's '{folder}' is missing on the destination");
        }
        var again = Run(ImportScript, pst, user).Single();
        Assert.Equal(2, again.Get<int>("SyncPoint"));
        Assert.Equal(copied.Count, MailboxSnapshot.Read(servers.Destination, user).Count);
    }

    [Fact]
    public void A_damaged_pst_fails_with_a_message_that_names_it()
    {
        var pst = Path.Combine(StateDirectory, "damaged.pst");
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedFixtures, "pst", "sample1-unicode.pst"));
        File.WriteAllBytes(pst, bytes.Take(bytes.Length / 3).ToArray());

        var result = Run(ImportScript, pst, "damaged");

        var migration = result.Single();
        Assert.Contains(migration.Text("Status"), new[] { "Failed", "CompletedWithErrors" });
        var message = migration.Text("Status") == "Failed" ? migration.Text("FailureReason")! : migration.Items("Errors")[0].Text("Message")!;
        Assert.Contains("damaged.pst", message);
    }

    /// <summary>readpst's mail (.eml) per folder path below the store, with their subjects.</summary>
    private Dictionary<string, List<string>> ReadpstMail(string pst)
    {
        var output = Directory.CreateDirectory(Path.Combine(StateDirectory, "readpst-" + Path.GetFileNameWithoutExtension(pst))).FullName;
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/readpst") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-D", "-e", "-q", "-j", "0", "-o", output, pst })
            start.ArgumentList.Add(argument);
        using (var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("readpst is not installed (apt-get install pst-utils)."))
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
        }

        var store = Directory.GetDirectories(output).Single();
        return Directory.GetFiles(store, "*.eml", SearchOption.AllDirectories)
            .GroupBy(f => Path.GetRelativePath(store, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'))
            .ToDictionary(g => g.Key, g => g.Select(f => SubjectOf(File.ReadAllBytes(f))).ToList());
    }

    private static string SubjectOf(byte[] message) => HeaderText.Get(message, "Subject") ?? string.Empty;

    [Fact]
    public void Files_it_cannot_read_are_clear_errors()
    {
        var garbage = Path.Combine(StateDirectory, "garbage.mbox");
        File.WriteAllText(garbage, "this is not an mbox file\r\nat all\r\n");
        var word = Path.Combine(StateDirectory, "letter.docx");
        File.WriteAllText(word, "x");

        var bad = Run(ImportScript, garbage, "kay");
        var unsupported = Run(ImportScript, word, "kay");
        var missing = Run(ImportScript, Path.Combine(StateDirectory, "nothing.pst"), "kay");

        // A file that is not an mbox file at all fails the import, saying so.
        Assert.Equal("Failed", bad.Single().Text("Status"));
        Assert.Equal($"'{garbage}' is not an mbox file: it does not start with a \"From \" line.", bad.Single().Text("FailureReason"));
        Assert.Equal("UnsupportedFile,Omm.PowerShell.Commands.ImportOmmFileCommand", Assert.Single(unsupported.Errors).FullyQualifiedErrorId);
        Assert.Equal("FileNotFound,Omm.PowerShell.Commands.ImportOmmFileCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    private ScriptResult Run(string script, string path, string user, Dictionary<string, object?>? extra = null)
    {
        var variables = Scripts.Variables(servers, user, StatePath, extra);
        variables["path"] = path;
        return Shell.Run(script, variables);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
