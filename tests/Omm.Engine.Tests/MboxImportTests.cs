using System.Text;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Damaged mbox files imported into a real Dovecot: a run of NUL bytes is left out with a warning (and the
/// message right after it is still found), odd and cut-off messages arrive as they are, and a file that is not
/// an mbox at all fails the import, or, in a folder of mbox files, only its own folder.
/// </summary>
public sealed class MboxImportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-mbox-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_damaged_message_in_the_middle_costs_only_its_damage_and_the_rest_of_the_file_arrives()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var one = Encoding.ASCII.GetBytes("From: alice@example.org\nSubject: one\nMessage-ID: <one@omm.test>\n\nfirst body\n");
        var two = Encoding.ASCII.GetBytes("From: bob@example.org\nSubject: two\nMessage-ID: <two@omm.test>\n\nsecond body, then the disk lost a block: ");
        var three = Concat(Encoding.ASCII.GetBytes("Subject: three\nX-Garbage: "), new byte[] { 0xFF, 0xFE, 0x01, 0x7F },
            Encoding.ASCII.GetBytes("\n: a line without a field name\n\tand a fold after it\nMessage-ID: <three@omm.test>\n\nthird\n"));
        var four = Encoding.ASCII.GetBytes("From: dave@example.org\nSubject: four, cut off\nMessage-ID: <four@omm.test>\n\nthe file ends in the middle of this sen");
        var nuls = new byte[4096];
        var mbox = Concat(
            Encoding.ASCII.GetBytes("From alice@example.org Mon Jan  1 10:00:00 2024\n"), one, "\n"u8.ToArray(),
            Encoding.ASCII.GetBytes("From bob@example.org Mon Jan  1 11:00:00 2024\n"), two, nuls,
            Encoding.ASCII.GetBytes("From carol@example.org Mon Jan  1 12:00:00 2024\n"), three, "\n"u8.ToArray(),
            Encoding.ASCII.GetBytes("From dave@example.org Mon Jan  1 13:00:00 2024\n"), four);
        var nulOffset = mbox.AsSpan().IndexOf(nuls);
        var path = Path.Combine(directory, "Archive.mbox");
        File.WriteAllBytes(path, mbox);
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var id = FileImports.Create(store, path, destination, "mbox");

        var (first, observer) = await FileImports.Run(store, id, path, destination, "mbox");

        var problems = FileImports.Describe(observer.Problems);
        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason} {string.Join(" / ", problems)}");
        var secondOffset = mbox.AsSpan().IndexOf("From bob@"u8);
        Assert.Equal(new[] { $"Warning Archive | two (message 2 at offset {secondOffset:N0}) | 4,096 NUL bytes at offset {nulOffset:N0} of the file (damage: no message holds them) were left out." },
            problems);
        var copied = MailboxSnapshot.Read(destination, "mbox").In("Archive");
        Assert.Equal(new[] { one, two, three, four }.Select(m => FileImports.Sha256(LineEnds.Crlf(m))), copied.Select(m => m.Sha256));

        var (second, again) = await FileImports.Run(store, id, path, destination, "mbox");

        Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
        Assert.Empty(again.Problems);
        Assert.Equal(4, MailboxSnapshot.Read(destination, "mbox").In("Archive").Count);
    }

    [Fact]
    public async Task A_file_that_is_not_an_mbox_fails_the_import_alone_and_only_its_folder_among_others()
    {
        using var destination = DovecotServer.Start(new DovecotOptions { Separator = '.' });
        var photo = Path.Combine(directory, "photo.mbox");
        File.WriteAllBytes(photo, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 });
        var store = new StateStore(Path.Combine(directory, "omm.db"));

        var (alone, _) = await FileImports.Run(store, FileImports.Create(store, photo, destination, "alone"), photo, destination, "alone");

        Assert.Equal(MigrationStatus.Failed, alone.Migration.Status);
        Assert.Equal($"'{photo}' is not an mbox file: it does not start with a \"From \" line.", alone.Migration.FailureReason);

        var folder = Directory.CreateDirectory(Path.Combine(directory, "mailboxes")).FullName;
        File.Copy(photo, Path.Combine(folder, "photo.MBOX")); // the extension in any case
        var message = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: kept\r\nMessage-ID: <kept@omm.test>\r\n\r\nbody\r\n");
        File.WriteAllBytes(Path.Combine(folder, "Kept.mbox"), Concat(Encoding.ASCII.GetBytes("From - Mon Jan  1 10:00:00 2024\r\n"), message));
        // A folder of mbox files is not a tree of .eml files too: a stray .eml file is reported, not read.
        File.WriteAllBytes(Path.Combine(folder, "stray.eml"), message);

        var (among, observer) = await FileImports.Run(store, FileImports.Create(store, folder, destination, "among"), folder, destination, "among");

        Assert.Equal(MigrationStatus.CompletedWithErrors, among.Migration.Status);
        Assert.Equal(new[]
        {
            $"Error Kept | (other files) | '{folder}' is imported as a folder of .mbox files, so its 1 .eml file(s) and 0 subfolder(s) were not imported. "
            + "Import them on their own (a folder of .eml files, or each subfolder).",
            $"Error photo | (folder) | '{Path.Combine(folder, "photo.MBOX")}' is not an mbox file: it does not start with a \"From \" line. Its messages were not imported.",
        }, FileImports.Describe(observer.Problems));
        Assert.Equal(new[] { FileImports.Sha256(message) }, MailboxSnapshot.Read(destination, "among").In("Kept").Select(m => m.Sha256));
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
