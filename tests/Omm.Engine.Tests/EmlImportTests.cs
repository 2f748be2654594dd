using System.Text;
using Omm.Engine.Connectors.Files;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Trees of .eml files imported into a real Dovecot: two names whose 32-bit keys collide are two messages,
/// an unreadable, empty or binary file is an item error naming it, and the rest of the tree arrives byte for byte.
/// </summary>
public sealed class EmlImportTests : IDisposable
{
    // FNV-1a gives both names the key 0x3B03F972.
    private const string First = "message-866609.eml";
    private const string Second = "message-1394996.eml";

    private readonly string directory = Directory.CreateTempSubdirectory("omm-eml-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Names_whose_keys_collide_get_apart_keys_the_same_way_every_time()
    {
        Assert.Equal(0x3B03F972u, StableKey.Of(First));
        Assert.Equal(StableKey.Of(First), StableKey.Of(Second));

        var keys = NameKeys.Of(new[] { First, Second, "other.eml" });

        Assert.Equal(3, keys.Distinct().Count());
        // The ordinally first name keeps its own key (the one earlier imports recorded); so does a name that collides with none.
        Assert.Equal(StableKey.Of(Second), keys[1]);
        Assert.Equal(StableKey.Of("other.eml"), keys[2]);
        Assert.Equal(keys, NameKeys.Of(new[] { First, Second, "other.eml" }));
        Assert.Equal(keys.Reverse(), NameKeys.Of(new[] { "other.eml", Second, First }));
    }

    [Fact]
    public async Task Two_files_whose_names_share_a_32_bit_key_both_arrive_byte_for_byte_and_a_second_import_adds_nothing()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var tree = Directory.CreateDirectory(Path.Combine(directory, "export")).FullName;
        var files = new Dictionary<string, byte[]>
        {
            [First] = Encoding.ASCII.GetBytes("From: a@example.org\nSubject: first of the pair\nMessage-ID: <866609@omm.test>\n\nfirst\n"),
            [Second] = Encoding.ASCII.GetBytes("From: b@example.org\r\nSubject: second of the pair\r\nMessage-ID: <1394996@omm.test>\r\n\r\nsecond\r\n"),
            ["third.eml"] = Encoding.ASCII.GetBytes("From: c@example.org\r\nSubject: third\r\nMessage-ID: <third@omm.test>\r\n\r\nthird\r\n"),
        };
        foreach (var (name, bytes) in files)
            File.WriteAllBytes(Path.Combine(tree, name), bytes);
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var id = FileImports.Create(store, tree, destination, "pair");

        var (first, observer) = await FileImports.Run(store, id, tree, destination, "pair");

        Assert.True(first.Migration.Status == MigrationStatus.Completed,
            $"{first.Migration.Status}: {first.Migration.FailureReason} {string.Join(" / ", FileImports.Describe(observer.Problems))}");
        Assert.Empty(observer.Problems);
        var inbox = MailboxSnapshot.Read(destination, "pair").In("INBOX");
        Assert.Equal(files.Values.Select(b => FileImports.Sha256(LineEnds.Crlf(b))).OrderBy(h => h), inbox.Select(m => m.Sha256).OrderBy(h => h));
        Assert.Equal(3, store.GetMigratedItems(id, "INBOX").Select(i => i.SourceKey).Distinct().Count());

        var (second, again) = await FileImports.Run(store, id, tree, destination, "pair");

        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Empty(again.Problems);
        Assert.Equal(3, MailboxSnapshot.Read(destination, "pair").In("INBOX").Count);
        Assert.Empty(store.GetMigratedItemsFrom(id, 2));
    }

    [Fact]
    public async Task An_unreadable_empty_or_binary_eml_file_is_an_item_error_naming_it_and_the_rest_of_the_tree_arrives()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var tree = Directory.CreateDirectory(Path.Combine(directory, "tree")).FullName;
        var sub = Directory.CreateDirectory(Path.Combine(tree, "Projects")).FullName;
        var good = new Dictionary<string, byte[]>
        {
            ["INBOX"] = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: good in the top folder\r\nMessage-ID: <top@omm.test>\r\n\r\nbody\r\n"),
            ["Projects"] = Encoding.ASCII.GetBytes("From: a@example.org\nSubject: good in a subfolder\nMessage-ID: <sub@omm.test>\n\nbody\n"),
        };
        File.WriteAllBytes(Path.Combine(tree, "a-good.eml"), good["INBOX"]);
        File.WriteAllBytes(Path.Combine(tree, "b-empty.eml"), Array.Empty<byte>());
        // A JPEG given the .eml extension, and a file that is gone (a link to nothing: opening it fails as a vanished or unreadable file does).
        File.WriteAllBytes(Path.Combine(tree, "c-picture.EML"), new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x0A, 0x41 });
        File.CreateSymbolicLink(Path.Combine(sub, "d-gone.eml"), Path.Combine(directory, "nowhere.eml"));
        File.WriteAllBytes(Path.Combine(sub, "e-good.eml"), good["Projects"]);
        // A link back up the tree: followed, it would never end.
        Directory.CreateSymbolicLink(Path.Combine(sub, "loop"), tree);
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var id = FileImports.Create(store, tree, destination, "tree");

        var (first, observer) = await FileImports.Run(store, id, tree, destination, "tree");

        var problems = FileImports.Describe(observer.Problems);
        Assert.True(first.Migration.Status == MigrationStatus.CompletedWithErrors, $"{first.Migration.Status}: {first.Migration.FailureReason} {string.Join(" / ", problems)}");
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Error INBOX | (no subject) (file 'b-empty.eml') | The message cannot be read from the file: The file '")
                                       && p.EndsWith("b-empty.eml' is not a message: it is empty (0 bytes)."));
        Assert.Contains(problems, p => p.StartsWith("Error INBOX | (no subject) (file 'c-picture.EML') | ")
                                       && p.EndsWith("c-picture.EML' is not a message: it does not start with a header field such as \"From:\" or \"Subject:\" (it holds NUL bytes: a binary file)."));
        Assert.Contains(problems, p => p.StartsWith("Error Projects | (no subject) (file 'd-gone.eml') | The message cannot be read from the file: The file '")
                                       && p.Contains("d-gone.eml' cannot be read: "));
        Assert.Contains(problems, p => p.StartsWith("Warning Projects | loop | '") && p.EndsWith("is a link to a folder; links are not followed (they can lead in a circle), so what it points to was not imported. Import it on its own if it is wanted."));
        var copied = MailboxSnapshot.Read(destination, "tree");
        Assert.Equal(new[] { FileImports.Sha256(good["INBOX"]) }, copied.In("INBOX").Select(m => m.Sha256));
        Assert.Equal(new[] { FileImports.Sha256(LineEnds.Crlf(good["Projects"])) }, copied.In("Projects").Select(m => m.Sha256));
        Assert.Equal(2, copied.Count);

        var (second, again) = await FileImports.Run(store, id, tree, destination, "tree");

        // The bad files are reported again (they were not copied); nothing is copied twice.
        Assert.Equal(MigrationStatus.CompletedWithErrors, second.Migration.Status);
        Assert.Equal(problems.Count, again.Problems.Count);
        Assert.Equal(2, MailboxSnapshot.Read(destination, "tree").Count);
    }
}
