using Omm.Engine.Connectors.Files.Pst.Ndb;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// PST fixtures damaged at one node (with <see cref="PstMutator"/>) imported into a real Dovecot: a message that
/// cannot be read is an item error, a damaged attachment or recipient table is left out with a warning, a damaged
/// folder is reported, and everything else arrives with the content the undamaged file gives; damage to the
/// store fails the file with a message that names it.
/// </summary>
public sealed class PstDamageImportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-pst-damage-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_message_that_cannot_be_read_is_an_item_error_and_the_other_folders_messages_arrive()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var pst = PstDamage.NodeHeap("empty-folder-unicode.pst", 0x200024, Path.Combine(directory, "message.pst"));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var id = FileImports.Create(store, pst, destination, "message");

        var (first, observer) = await FileImports.Run(store, id, pst, destination, "message");

        Assert.Equal(MigrationStatus.CompletedWithErrors, first.Migration.Status);
        Assert.Equal(new[] { $"Error Personal Folders | (no subject) (NID 0x200024) | The message cannot be read from the file: '{pst}': The heap of message (NID 0x200024) has signature 0x00, expected 0xEC." },
            FileImports.Describe(observer.Problems));
        var copied = MailboxSnapshot.Read(destination, "message");
        Assert.Empty(copied.In("Personal Folders"));
        Assert.Equal(PstDamage.Facts(PstDamage.Original("empty-folder-unicode.pst", 0x200044)), PstDamage.Facts(Assert.Single(copied.In("Folder")).Body));

        var (second, again) = await FileImports.Run(store, id, pst, destination, "message");

        Assert.Equal(MigrationStatus.CompletedWithErrors, second.Migration.Status);
        Assert.Single(again.Problems);
        Assert.Equal(1, MailboxSnapshot.Read(destination, "message").Count);
    }

    public static TheoryData<string> PartDamage() => new() { "attachment", "HTML body" };

    /// <summary>The attachment's data, or the HTML body's stream, fails its CRC check: the message arrives without that part.</summary>
    [Theory]
    [MemberData(nameof(PartDamage))]
    public async Task A_damaged_attachment_or_body_is_left_out_with_a_warning_naming_it_and_the_rest_of_the_message_arrives(string part)
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var damaged = Path.Combine(directory, "part.pst");
        var (pst, warning, lost) = part == "attachment"
            ? (PstDamage.LargestDataBlock("sample1-unicode.pst", damaged), "The attachment 'leah_thumper.jpg' cannot be read and was left out: ", "image/jpeg 'leah_thumper.jpg' ")
            : (PstDamage.SubnodeBlock("sample1-unicode.pst", 0x200024, 0x807F, damaged), "The HTML body cannot be read and was left out: ", "text/html ");
        var store = new StateStore(Path.Combine(directory, "omm.db"));

        var (result, observer) = await FileImports.Run(store, FileImports.Create(store, pst, destination, "part"), pst, destination, "part");

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.StartsWith($"Warning Sample1 | Here is a sample message (NID 0x200024) | {warning}CRC mismatch in the block BID ", Assert.Single(FileImports.Describe(observer.Problems)));
        var expected = PstDamage.Facts(PstDamage.Original("sample1-unicode.pst", 0x200024));
        Assert.Single(expected, f => f.StartsWith(lost));
        Assert.Equal(expected.Where(f => !f.StartsWith(lost)), PstDamage.Facts(Assert.Single(MailboxSnapshot.Read(destination, "part").In("Sample1")).Body));
    }

    [Fact]
    public async Task A_damaged_recipient_table_is_left_out_with_a_warning_and_the_message_arrives_with_its_attachment()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var pst = PstDamage.SubnodeHeap("sample1-unicode.pst", 0x200024, 0x692, Path.Combine(directory, "recipients.pst"));
        var store = new StateStore(Path.Combine(directory, "omm.db"));

        var (result, observer) = await FileImports.Run(store, FileImports.Create(store, pst, destination, "recipients"), pst, destination, "recipients");

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Equal(new[]
        {
            "Warning Sample1 | Here is a sample message (NID 0x200024) | The recipient table is damaged, so the recipients that the message's headers do not list "
            + "(its Bcc, or all of them when the PST kept no headers) could not be added: The heap of recipient table (subnode 0x692 of message (NID 0x200024)) has signature 0x00, expected 0xEC.",
        }, FileImports.Describe(observer.Problems));
        var expected = PstDamage.Facts(PstDamage.Original("sample1-unicode.pst", 0x200024));
        var copied = PstDamage.Facts(Assert.Single(MailboxSnapshot.Read(destination, "recipients").In("Sample1")).Body);
        // Everything but the recipients the table alone gave.
        Assert.Equal(expected.Where(f => !f.StartsWith("To: ") && !f.StartsWith("Cc: ")), copied.Where(f => !f.StartsWith("To: ") && !f.StartsWith("Cc: ")));
        Assert.Contains(copied, f => f.StartsWith("image/jpeg 'leah_thumper.jpg' "));
    }

    public static TheoryData<string> FolderDamage() => new() { "contents table", "properties" };

    [Theory]
    [MemberData(nameof(FolderDamage))]
    public async Task A_folder_with_a_damaged_contents_table_or_properties_is_reported_and_its_message_still_arrives(string damage)
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var folderNid = 0x8082u;
        var pst = PstDamage.NodeHeap("empty-folder-unicode.pst", damage == "properties" ? folderNid : NidType.WithType(folderNid, NidType.ContentsTable),
            Path.Combine(directory, "folder.pst"));
        var store = new StateStore(Path.Combine(directory, "omm.db"));

        var (result, observer) = await FileImports.Run(store, FileImports.Create(store, pst, destination, "folder"), pst, destination, "folder");

        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        var copied = MailboxSnapshot.Read(destination, "folder");
        var expected = PstDamage.Facts(PstDamage.Original("empty-folder-unicode.pst", 0x200044));
        if (damage == "properties")
        {
            Assert.Equal(new[]
            {
                "Warning Folder NID 0x8082 | (folder) | The folder's properties cannot be read, so its name is lost: it was imported as 'Folder NID 0x8082'. "
                + "The heap of folder (NID 0x8082) has signature 0x00, expected 0xEC.",
            }, FileImports.Describe(observer.Problems));
            Assert.Equal(expected, PstDamage.Facts(Assert.Single(copied.In("Folder NID 0x8082")).Body));
        }
        else
        {
            Assert.Equal(new[]
            {
                "Warning Folder | (folder) | The contents table of folder NID 0x8082 is damaged; its messages were found through the node B-tree: "
                + "The heap of contents table (NID 0x808E) has signature 0x00, expected 0xEC.",
            }, FileImports.Describe(observer.Problems));
            Assert.Equal(expected, PstDamage.Facts(Assert.Single(copied.In("Folder")).Body));
        }

        Assert.Single(copied.In("Personal Folders"));
    }

    [Fact]
    public async Task Damage_to_the_message_store_fails_the_file_with_a_message_that_names_it()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var pst = PstDamage.NodeHeap("empty-folder-unicode.pst", 0x21, Path.Combine(directory, "store.pst"));
        var store = new StateStore(Path.Combine(directory, "omm.db"));

        var (result, _) = await FileImports.Run(store, FileImports.Create(store, pst, destination, "store"), pst, destination, "store");

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal($"'{pst}' is not a readable PST file: The heap of message store (NID 0x21) has signature 0x00, expected 0xEC.", result.Migration.FailureReason);
        Assert.Equal(0, MailboxSnapshot.Read(destination, "store").Count);
    }
}
