using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.State;

/// <summary>
/// Rebuilds Schema3Fixture/ with the code of the current commit: real migrations between throwaway Dovecot
/// servers and from files, two sync points each where it matters, then the state file, the servers' mail
/// folders (as tars), the files and what the migrations did. Run it only on a commit whose state file is of
/// schema 3: OMM_REBUILD_SCHEMA3_FIXTURE=1 dotnet test tests/Omm.Engine.Tests --filter Schema3FixtureBuilder
/// </summary>
public sealed class Schema3FixtureBuilder : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("omm-schema3-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    [FixtureRebuildFact]
    public async Task Rebuild()
    {
        var statePath = Schema3Fixture.StateFile(work);
        var views = new Dictionary<string, IReadOnlyList<string>>();
        var destinations = new Dictionary<string, Schema3Expectations.DestinationHistory>();
        var imports = new List<Schema3Expectations.FileImport>();
        string imapId;

        using (var source = DovecotServer.Start(Schema3Fixture.SourceOptions()))
        using (var destination = DovecotServer.Start(Schema3Fixture.DestinationOptions()))
        {
            var store = new StateStore(statePath);

            // (a) IMAP to IMAP, with two messages already in the destination: one of its own, one identical to a source message.
            TestMigrations.Seed(destination, Schema3Fixture.SourceUser, new[] { AlreadyThere(), FirstPassMessages().First() });
            var amy = new History(destination, Schema3Fixture.SourceUser);
            TestMigrations.Seed(source, Schema3Fixture.SourceUser, FirstPassMessages());
            var from = TestMigrations.Endpoint(EndpointRole.Source, source, Schema3Fixture.SourceUser);
            var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, Schema3Fixture.SourceUser);
            imapId = TestMigrations.Create(store, from, to).Id;
            AssertCompleted(await TestMigrations.RunPass(store, imapId, from, to));
            amy.Record();
            using (var client = RawImapClient.Connect(source, Schema3Fixture.SourceUser))
            {
                SampleMailbox.Seed(client, SecondPassMessages());
                var inbox = client.FetchAll("INBOX");
                client.SetFlags("INBOX", inbox[1].Uid, new[] { "\\Seen", "\\Flagged", "$Important" });
                client.SetFlags("INBOX", inbox[3].Uid, Array.Empty<string>());
                client.Logout();
            }

            AssertCompleted(await TestMigrations.RunPass(store, imapId, from, to));
            amy.Record();
            destinations[Schema3Fixture.SourceUser] = amy.Result;

            // (b) Imports from files: a tree of .eml files (two passes, a file added between), and a folder of mbox files.
            var files = Directory.CreateDirectory(Schema3Fixture.Files(work)).FullName;
            var eml = Path.Combine(files, "eml");
            CopyMime(eml, "delivery-status.anonymized.eml", "disposition-notification.anonymized.eml", "simple-multipart.eml");
            CopyMime(Path.Combine(eml, "Reports"), "simple-embedded-message.eml");
            // An empty file is an item error: the Get view then has one to keep.
            File.WriteAllBytes(Path.Combine(eml, "Reports", "empty.eml"), Array.Empty<byte>());
            var emlHistory = new History(destination, Schema3Fixture.EmlUser);
            var emlId = FileImports.Create(store, eml, destination, Schema3Fixture.EmlUser);
            AssertCompleted((await FileImports.Run(store, emlId, eml, destination, Schema3Fixture.EmlUser)).Result, MigrationStatus.CompletedWithErrors);
            emlHistory.Record();
            CopyMime(eml, "simple-multipart.anonymized.eml");
            CopyMime(Path.Combine(eml, "Reports", "2013"), "simple-embedded-message.anonymized.eml");
            AssertCompleted((await FileImports.Run(store, emlId, eml, destination, Schema3Fixture.EmlUser)).Result, MigrationStatus.CompletedWithErrors);
            emlHistory.Record();
            destinations[Schema3Fixture.EmlUser] = emlHistory.Result;
            imports.Add(new(emlId, "files/eml", Schema3Fixture.EmlUser));

            var mbox = Path.Combine(files, "mbox");
            Directory.CreateDirectory(mbox);
            foreach (var name in new[] { "simple.mbox", "unmunged.mbox" })
                File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "mbox", name), Path.Combine(mbox, name));
            var mboxHistory = new History(destination, Schema3Fixture.MboxUser);
            var mboxId = FileImports.Create(store, mbox, destination, Schema3Fixture.MboxUser);
            AssertCompleted((await FileImports.Run(store, mboxId, mbox, destination, Schema3Fixture.MboxUser)).Result);
            mboxHistory.Record();
            destinations[Schema3Fixture.MboxUser] = mboxHistory.Result;
            imports.Add(new(mboxId, "files/mbox", Schema3Fixture.MboxUser));

            foreach (var migration in store.List())
                views[migration.Id] = MigrationView.Of(migration);
            source.Stop();
            destination.Stop();
            Pack(source.MailDirectory, Schema3Fixture.SourceMailArchive(work));
            Pack(destination.MailDirectory, Schema3Fixture.DestinationMailArchive(work));
        }

        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(statePath + "-wal"), "The state file was not checkpointed.");
        var expectations = new Schema3Expectations(MadeBy(), imapId, imports, views, destinations);
        File.WriteAllText(Schema3Fixture.ExpectationsFile(work), JsonSerializer.Serialize(expectations, Schema3Fixture.Json) + "\n");
        Publish();
    }

    /// <summary>Replaces what the builder owns in the committed fixture (all but README.md and .gitattributes).</summary>
    private void Publish()
    {
        var fixture = Schema3Fixture.Directory;
        Directory.CreateDirectory(fixture);
        if (Directory.Exists(Schema3Fixture.Files(fixture)))
            Directory.Delete(Schema3Fixture.Files(fixture), recursive: true);

        Copy(work, fixture);
    }

    private static void AssertCompleted(PassResult result, MigrationStatus expected = MigrationStatus.Completed) =>
        Assert.True(result.Migration.Status == expected, $"{result.Migration.Status}: {result.Migration.FailureReason}");

    private static SeedMessage AlreadyThere() =>
        new("INBOX", SampleMailbox.Generate(500, "In the destination before the migration", 900), new[] { "\\Seen" },
            new DateTimeOffset(2021, 6, 1, 8, 0, 0, TimeSpan.Zero), "already there");

    private static IEnumerable<SeedMessage> FirstPassMessages() =>
        Messages("INBOX", 0, 12).Concat(Messages("Sent", 20, 6)).Concat(Messages("Work", 30, 5)).Concat(Messages("Work/2025", 40, 4));

    private static IEnumerable<SeedMessage> SecondPassMessages() =>
        Messages("INBOX", 100, 3).Concat(Messages("Work/2025", 110, 2)).Concat(Messages("Projects/Alpha", 120, 2));

    private static IEnumerable<SeedMessage> Messages(string folder, int first, int count) =>
        Enumerable.Range(first, count).Select(i => new SeedMessage(folder, SampleMailbox.Generate(i, $"{folder} {i}", 700 + 53 * (i % 20)), FlagsOf(i),
            new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i * 7), $"{folder} {i}"));

    private static string[] FlagsOf(int i) => (i % 5) switch
    {
        0 => Array.Empty<string>(),
        1 => new[] { "\\Seen" },
        2 => new[] { "\\Seen", "\\Answered", "$Label1" },
        3 => new[] { "\\Flagged", "$Important" },
        _ => new[] { "\\Seen", "$Forwarded", "Project-X" },
    };

    private static void CopyMime(string directory, params string[] names)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in names)
            File.Copy(Path.Combine(RepositoryPaths.SharedFixtures, "mime", name), Path.Combine(directory, name));
    }

    /// <summary>A tar in ustar format: half the size of the default (pax, with access and change times), and the same each time for the same tree.</summary>
    private static void Pack(string directory, string tar)
    {
        using var stream = File.Create(tar);
        using var writer = new TarWriter(stream, TarEntryFormat.Ustar);
        foreach (var path in Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            writer.WriteEntry(path, Path.GetRelativePath(directory, path).Replace('\\', '/'));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var directory in Directory.GetDirectories(from))
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    private static string MadeBy()
    {
        var commit = Git("log", "-1", "--format=%H %s");
        var engineChanged = Git("status", "--porcelain", "--", "src").Length > 0;
        return commit + (engineChanged ? " (with uncommitted changes under src/)" : string.Empty);
    }

    private static string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(RepositoryPaths.Root);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return output;
    }

    /// <summary>A destination account read after each sync point, starting before the migration.</summary>
    private sealed class History
    {
        private readonly DovecotServer server;
        private readonly string user;
        private readonly List<IReadOnlyList<string>> messages = new();
        private readonly IReadOnlyList<string> folders;

        public History(DovecotServer server, string user)
        {
            (this.server, this.user) = (server, user);
            folders = MailboxLines.Folders(MailboxSnapshot.Read(server, user));
            Record();
        }

        public Schema3Expectations.DestinationHistory Result => new(folders, messages.ToList());

        public void Record() => messages.Add(MailboxLines.Messages(MailboxSnapshot.Read(server, user)));
    }
}
