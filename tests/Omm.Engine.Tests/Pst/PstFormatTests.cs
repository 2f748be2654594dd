using Omm.Engine.Connectors.Files.Pst;
using Omm.TestServers;

namespace Omm.Engine.Tests.Pst;

/// <summary>Files that are not PSTs, or not whole ones, are refused with a message that says what and where.</summary>
public class PstFormatTests
{
    [Fact]
    public void A_file_that_is_not_a_pst_is_refused_by_its_magic()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "mail.pst");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)'x', 4096).ToArray());
        var error = Assert.Throws<PstFormatException>(() => PstFile.Open(path));
        Assert.Contains("magic at offset 0", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_a_header_is_refused()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "short.pst");
        File.WriteAllBytes(path, File.ReadAllBytes(PstFixtures.PathOf("sample1-unicode.pst")).Take(300).ToArray());
        var error = Assert.Throws<PstFormatException>(() => PstFile.Open(path));
        Assert.Contains("300 bytes", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_refused_with_both_sizes()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "truncated.pst");
        File.WriteAllBytes(path, File.ReadAllBytes(PstFixtures.PathOf("sample1-unicode.pst")).Take(100_000).ToArray());
        var error = Assert.Throws<PstFormatException>(() => PstFile.Open(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("271360", error.Message);
        Assert.Contains("100000", error.Message);
    }

    [Fact]
    public void An_unknown_version_is_refused()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "version.pst");
        var bytes = File.ReadAllBytes(PstFixtures.PathOf("sample1-unicode.pst"));
        bytes[10] = 99;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<PstFormatException>(() => PstFile.Open(path));
        Assert.Contains("wVer", error.Message);
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public void A_damaged_header_fails_its_crc()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "header.pst");
        var bytes = File.ReadAllBytes(PstFixtures.PathOf("sample1-unicode.pst"));
        bytes[200] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<PstFormatException>(() => PstFile.Open(path));
        Assert.Contains("header CRC", error.Message);
    }

    [Fact]
    public void A_flipped_byte_in_a_block_is_reported_with_its_bid_and_offset()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "block.pst");
        var source = PstFixtures.PathOf("sample1-unicode.pst");
        var bytes = File.ReadAllBytes(source);
        long offset;
        ulong bid;
        using (var pst = PstFile.Open(source))
        {
            var message = PstFixtures.Folders(pst).SelectMany(f => f.Folder.Messages()).Single();
            var node = pst.Database.FindNode(message.Nid)!.Value;
            var block = pst.Database.GetBlockEntry(node.DataBid, "test");
            offset = block.Offset;
            bid = block.Bid;
        }

        bytes[offset + 20] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        using var damaged = PstFile.Open(path);
        var broken = PstFixtures.Folders(damaged).SelectMany(f => f.Folder.Messages()).Single();
        var error = Assert.Throws<PstFormatException>(() => broken.Subject);
        Assert.Contains("CRC mismatch", error.Message);
        Assert.Contains($"0x{bid:X}", error.Message);
        Assert.Contains($"0x{offset:X}", error.Message);
    }

    [Fact]
    public void A_damaged_contents_table_loses_no_message_and_leaves_a_warning()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "contents.pst");
        var source = PstFixtures.PathOf("dist-list.pst");
        var bytes = File.ReadAllBytes(source);
        uint folderNid;
        using (var pst = PstFile.Open(source))
        {
            var contacts = pst.Root.Subfolders.Single(f => f.Name == "Contacts");
            folderNid = contacts.Nid;
            Assert.Empty(pst.Warnings);
            var table = pst.Database.FindNode((folderNid & ~0x1Fu) | 0x0E)!.Value;
            var block = pst.Database.GetBlockEntry(table.DataBid, "test");
            bytes[block.Offset + 2] ^= 0xFF; // the heap signature; the block CRC is fixed below
            var layout = pst.Database.Layout;
            var trailer = block.Offset + layout.BlockSizeOnDisk(block.StoredSize) - layout.BlockTrailerSize;
            BitConverter.GetBytes(Omm.Engine.Connectors.Files.Pst.Ndb.PstCrc.Compute(bytes, (int)block.Offset, block.StoredSize)).CopyTo(bytes, trailer + 4);
        }

        File.WriteAllBytes(path, bytes);
        using var damaged = PstFile.Open(path);
        var folder = damaged.Root.Subfolders.Single(f => f.Nid == folderNid);
        Assert.Equal(new[] { "contact name 1", "test dist list" }, folder.Messages().Select(m => m.Subject).OrderBy(s => s));
        var warning = Assert.Single(damaged.Warnings);
        Assert.Contains($"contents table of folder NID 0x{folderNid:X}", warning);
    }
}
