using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.Pst;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Source folders whose names a destination refuses or that would merge with another folder, between
/// real Dovecot servers (and from mbox files): each lands in a safe folder of its own, the renaming is
/// reported, and later passes reuse the same folders.
/// </summary>
public sealed class HostileFolderNameTests : IDisposable
{
    private const int Levels = 70;

    private readonly string directory = Directory.CreateTempSubdirectory("omm-names-").FullName;
    private int messageIndex;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Hostile_names_from_a_slash_source_land_in_safe_reported_folders_and_a_sync_reuses_them()
    {
        // listescape lets the source hold '.', '..' and '~' levels; Dovecot refuses to CREATE names with control characters, so those are made on disk.
        using var source = DovecotServer.Start(new DovecotOptions { ListEscape = true });
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var longParent = new string('L', 200);
        var longChild = longParent + "/" + new string('M', 200);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["a.b"] = "a_b (2)",
            ["a_b"] = "a_b",
            [".."] = "__",
            ["."] = "_",
            ["Deep/.."] = "Deep.__",
            ["~home"] = "_home",
            [" lead"] = "lead",
            ["trail "] = "trail",
            ["star*"] = "star_",
            ["start"] = "start",
            ["pct%"] = "pct_",
            ["pct"] = "pct",
            ["Case"] = "Case",
            ["case"] = "case (2)",
            ["del\x7f"] = "del_",
            ["tab\tname"] = "tab_name",
            ["ctl\x01"] = "ctl_",
            [longChild] = longParent + "." + new string('M', 250 - 201),
        };
        var deep = Enumerable.Range(0, Levels).Select(DeepFolder).ToList();
        foreach (var (folder, level) in deep.Select((f, i) => (f, i)))
            expected[folder] = ExpectedDeepFolder(level);
        var onDisk = new[] { "tab\tname", "ctl\x01" };
        var renamed = expected.Keys.Where(k => k is not ("a_b" or "Case" or "start" or "pct") && !(k.StartsWith("level-", StringComparison.Ordinal) && ExpectedDeepFolder(Level(k)) == k.Replace('/', '.'))).ToList();

        var seeded = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        using (var client = RawImapClient.Connect(source, "zoe"))
        {
            foreach (var folder in onDisk)
                source.CreateFolderOnDisk("zoe", folder);
            foreach (var folder in expected.Keys.Except(onDisk).OrderBy(f => f.Length))
                client.CreatePath(folder, '/');
            foreach (var folder in expected.Keys)
                seeded[folder] = new List<byte[]> { Append(client, folder) };

            // Enough for several batches, so that the copy lanes open the folder too: by a name that is a LIST pattern.
            foreach (var folder in new[] { "star*", "pct%" })
                seeded[folder].AddRange(Enumerable.Range(0, 2 * 32).Select(_ => Append(client, folder)));
            client.Logout();
        }

        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "zoe");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "zoe");
        var id = TestMigrations.Create(store, from, to).Id;
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        var afterFirst = MailboxSnapshot.Read(destination, "zoe");
        AssertArrived(seeded, expected, afterFirst);
        AssertSafe(afterFirst, '.');
        AssertRenamesReported(renamed, expected, observer.Problems.ToList(), first.Migration.Errors);
        Assert.Equal(seeded.Values.Sum(m => m.Count), afterFirst.Count);

        // A sync: new mail in renamed folders goes where the earlier pass put theirs, and a new rival gets a name of its own.
        using (var client = RawImapClient.Connect(source, "zoe"))
        {
            foreach (var folder in new[] { "case", "a.b", "tab\tname", DeepFolder(Levels - 1) })
                seeded[folder].Add(Append(client, folder));
            client.Create("CASE");
            seeded["CASE"] = new List<byte[]> { Append(client, "CASE") };
            client.Logout();
        }

        expected["CASE"] = "CASE (3)";
        var secondObserver = new RecordingObserver();
        var second = await TestMigrations.RunPass(store, id, from, to, secondObserver);

        Assert.True(second.Migration.Status == MigrationStatus.Completed, $"{second.Migration.Status}: {second.Migration.FailureReason} {second.Failure?.InnerException}");
        var afterSecond = MailboxSnapshot.Read(destination, "zoe");
        AssertArrived(seeded, expected, afterSecond);
        Assert.Equal(afterFirst.Folders.Select(f => f.Name).Append("CASE (3)").OrderBy(n => n, StringComparer.Ordinal),
            afterSecond.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(seeded.Values.Sum(m => m.Count), afterSecond.Count);
        var warning = Assert.Single(secondObserver.Problems);
        Assert.Equal(("CASE", ItemErrorType.Warning), (warning.Folder, warning.Type));
        Assert.Contains("'CASE (3)'", warning.Message, StringComparison.Ordinal);
        Assert.Equal("case (2)", store.GetFolder(id, "case")!.DestinationFolder);
    }

    [Fact]
    public async Task A_slash_inside_a_dot_source_name_is_replaced_on_a_slash_destination()
    {
        using var source = DovecotServer.Start(new DovecotOptions { Separator = '.', ListEscape = true });
        using var destination = DovecotServer.Start();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x/y"] = "x_y",
            ["a/b.c"] = "a_b/c",
            ["Reports.2024"] = "Reports/2024",
        };
        var seeded = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        using (var client = RawImapClient.Connect(source, "yan"))
        {
            foreach (var folder in expected.Keys)
            {
                client.CreatePath(folder, '.');
                seeded[folder] = new List<byte[]> { Append(client, folder) };
            }

            client.Logout();
        }

        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = TestMigrations.Endpoint(EndpointRole.Source, source, "yan");
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "yan");
        var id = TestMigrations.Create(store, from, to).Id;
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        var copied = MailboxSnapshot.Read(destination, "yan");
        AssertArrived(seeded, expected, copied);
        AssertSafe(copied, '/');
        AssertRenamesReported(new[] { "x/y", "a/b" }, new Dictionary<string, string> { ["x/y"] = "x_y", ["a/b"] = "a_b" },
            observer.Problems.ToList(), first.Migration.Errors);

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        var twice = MailboxSnapshot.Read(destination, "yan");
        Assert.Equal(copied.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), twice.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(copied.Count, twice.Count);
    }

    [Fact]
    public async Task Mbox_files_with_hostile_names_are_imported_into_safe_reported_folders_once()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var files = Path.Combine(directory, "export");
        Directory.CreateDirectory(files);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [".."] = "__",
            ["a.b"] = "a_b (2)",
            ["a_b"] = "a_b",
            [" lead"] = "lead",
            ["tab\tname"] = "tab_name",
            ["star*"] = "star_",
            ["pct%"] = "pct_",
        };
        var seeded = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var folder in expected.Keys)
        {
            var message = SampleMailbox.Generate(messageIndex++, $"In {folder}", 700);
            File.WriteAllBytes(Path.Combine(files, folder + ".mbox"), Encoding.ASCII.GetBytes("From someone@example.org Mon Jan  1 10:00:00 2024\n")
                .Concat(message).Concat("\n"u8.ToArray()).ToArray());
            seeded[folder] = new List<byte[]> { message };
        }

        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var from = AccountEndpoint.ForFile(files);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, "xia");
        var id = store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail })).Id;
        var observer = new RecordingObserver();

        var first = await TestMigrations.RunPass(store, id, from, to, observer);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {first.Failure?.InnerException}");
        var copied = MailboxSnapshot.Read(destination, "xia");
        AssertArrived(seeded, expected, copied);
        AssertSafe(copied, '.');
        AssertRenamesReported(expected.Keys.Where(k => k != "a_b").ToList(), expected, observer.Problems.ToList(), first.Migration.Errors);

        var again = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, again.Migration.Status);
        var twice = MailboxSnapshot.Read(destination, "xia");
        Assert.Equal(copied.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), twice.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(expected.Count, twice.Count);
    }

    [Fact]
    public async Task Pst_folders_with_a_slash_control_characters_or_a_twin_are_imported_apart_and_reported()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });

        // The store's own items (a folder named after the store) and the one folder with a message, renamed in the file.
        var hostile = Path.Combine(directory, "hostile.pst");
        PstFolderRenamer.Copy(Pst.PstFixtures.PathOf("empty-folder-unicode.pst"), hostile,
            new Dictionary<string, string> { ["Personal Folders"] = "Store/\x01 *names  ", ["Folder"] = "a/b\t.." });
        var (first, observer) = await Import(hostile, destination, "pia");

        var copied = MailboxSnapshot.Read(destination, "pia");
        Assert.Single(copied.In("Store__ _names"));
        Assert.Single(copied.In("a_b___"));
        AssertSafe(copied, '.');
        var warnings = observer.Problems.ToDictionary(p => p.Folder);
        Assert.Equal(new[] { "Store_\x01 *names  ", "a_b\t.." }, warnings.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.StartsWith("The source folder 'Store_\\x01 *names  ' is copied to 'Store__ _names': '/' in its name in the file was replaced by '_'; control characters",
            warnings["Store_\x01 *names  "].Message, StringComparison.Ordinal);
        Assert.StartsWith("The source folder 'a_b\\x09..' is copied to 'a_b___': '/' in its name in the file was replaced by '_'",
            warnings["a_b\t.."].Message, StringComparison.Ordinal);
        Assert.Equal(2, first.Migration.Errors.Count(e => e.Type == ItemErrorType.Warning));
        var (again, _) = await Import(hostile, destination, "pia", first.Migration.Id);
        Assert.Equal(2, again.Migration.SyncPoint);
        Assert.Equal(copied.Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal),
            MailboxSnapshot.Read(destination, "pia").Folders.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(2, MailboxSnapshot.Read(destination, "pia").Count);

        // Two folders side by side with the same name (Outbox renamed Drafts) are two folders, not one.
        var twins = Path.Combine(directory, "twins.pst");
        PstFolderRenamer.Copy(Pst.PstFixtures.PathOf("dist-list.pst"), twins, new Dictionary<string, string> { ["Outbox"] = "Drafts" });
        var (imported, twinObserver) = await Import(twins, destination, "quin");

        var store = new StateStore(Path.Combine(directory, "quin.db"));
        var pairings = store.FolderPairings(imported.Migration.Id);
        Assert.Equal("Drafts (2)", pairings["Drafts"]);
        Assert.Equal("Drafts", pairings["Drafts (2)"]);
        var folders = MailboxSnapshot.Read(destination, "quin").Folders.Select(f => f.Name).ToList();
        Assert.Contains("Drafts", folders);
        Assert.Contains("Drafts (2)", folders);
        Assert.Contains(twinObserver.Problems, p => p.Folder == "Drafts (2)" && p.Message.Contains("another folder of the file is also 'Drafts'", StringComparison.Ordinal));
        Assert.Contains(twinObserver.Problems, p => p.Folder == "Drafts" && p.Message.Contains("is copied to 'Drafts (2)'", StringComparison.Ordinal));
    }

    private async Task<(PassResult Result, RecordingObserver Observer)> Import(string file, DovecotServer destination, string user, string? id = null)
    {
        var store = new StateStore(Path.Combine(directory, user + ".db"));
        var from = AccountEndpoint.ForFile(file);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        id ??= store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail })).Id;
        var observer = new RecordingObserver();
        var result = await TestMigrations.RunPass(store, id, from, to, observer);
        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason} {result.Failure?.InnerException}");
        return (result, observer);
    }

    private static string DeepFolder(int level) => string.Join('/', Enumerable.Range(0, level + 1).Select(Segment));

    private static string Segment(int level) => $"level-{level:00}";

    private static int Level(string deepFolder) => int.Parse(deepFolder[^2..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// "level-00.level-01…" while the full name stays within 250 characters (27 levels of 9); deeper
    /// levels leave too little room below their parent, so they go below the deepest level that leaves
    /// a name room (level-25), side by side.
    /// </summary>
    private static string ExpectedDeepFolder(int level) =>
        level <= 26 ? DeepFolder(level).Replace('/', '.') : DeepFolder(25).Replace('/', '.') + "." + Segment(level);

    private byte[] Append(RawImapClient client, string folder)
    {
        var bytes = SampleMailbox.Generate(messageIndex++, $"In {folder.Length} characters", 700);
        client.Append(folder, bytes, new[] { "\\Seen" }, new DateTimeOffset(2024, 1, 1 + messageIndex % 28, 10, 0, 0, TimeSpan.Zero));
        return bytes;
    }

    private static void AssertArrived(Dictionary<string, List<byte[]>> seeded, Dictionary<string, string> expected, MailboxSnapshot copied)
    {
        foreach (var (folder, messages) in seeded)
        {
            var target = copied.In(expected[folder]);
            Assert.True(messages.Count == target.Count, $"'{folder}' should have {messages.Count} messages in '{expected[folder]}', which has {target.Count}.");
            Assert.Equal(messages.Select(Sha256).OrderBy(h => h), target.Select(m => m.Sha256).OrderBy(h => h));
        }
    }

    /// <summary>Every destination folder has a name that any server takes: no control characters, wildcards, '/', empty, dot-only or padded levels, and at most 250 characters as IMAP sends it.</summary>
    private static void AssertSafe(MailboxSnapshot copied, char separator)
    {
        foreach (var folder in copied.Folders)
        {
            Assert.True(ModifiedUtf7.Encode(folder.Name).Length <= 250, $"'{folder.Name}' is too long.");
            Assert.DoesNotContain(folder.Name, c => char.IsControl(c) || c is '*' or '%' || (c == '/' && separator != '/'));
            foreach (var level in folder.Name.Split(separator))
                Assert.True(level.Length > 0 && level.Trim() == level && level.Any(c => c != '.') && !level.StartsWith('~'), $"'{folder.Name}' has a bad level '{level}'.");
        }
    }

    private static void AssertRenamesReported(IReadOnlyCollection<string> renamed, IReadOnlyDictionary<string, string> expected, List<ItemError> told,
        IReadOnlyList<ItemError> recorded)
    {
        foreach (var problems in new[] { told, recorded.ToList() })
        {
            Assert.All(problems, p => Assert.Equal(ItemErrorType.Warning, p.Type));
            Assert.Equal(renamed.OrderBy(n => n, StringComparer.Ordinal), problems.Select(p => p.Folder).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var name in renamed)
            {
                var warning = Assert.Single(problems, p => p.Folder == name);
                Assert.Contains($"'{Printable(name)}' is copied to '{expected[name]}'", warning.Message, StringComparison.Ordinal);
            }
        }
    }

    private static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));

    private static string Sha256(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
}
