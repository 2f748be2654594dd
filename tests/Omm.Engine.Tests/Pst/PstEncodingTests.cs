using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>The three block encodings of [MS-PST] 5.1/5.2: none, permute ("compressible") and cyclic ("high").</summary>
public class PstEncodingTests
{
    [Fact]
    public void Permute_decoding_inverts_encoding_for_every_byte()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var data = (byte[])all.Clone();
        BlockEncoding.Encode(CryptMethod.Permute, data, 0);
        Assert.NotEqual(all, data);
        Assert.Equal(256, data.Distinct().Count());
        BlockEncoding.Decode(CryptMethod.Permute, data, 0);
        Assert.Equal(all, data);
    }

    [Theory]
    [InlineData(0x4UL)]
    [InlineData(0x12345678UL)]
    [InlineData(0xFFFFFFFF_FFFFFFFCUL)]
    public void Cyclic_coding_is_its_own_inverse(ulong bid)
    {
        // [MS-PST] 5.2 uses one function for both directions; a mistyped table entry would break this.
        var all = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 + (i >> 8))).ToArray();
        var data = (byte[])all.Clone();
        BlockEncoding.Decode(CryptMethod.Cyclic, data, bid);
        Assert.NotEqual(all, data);
        BlockEncoding.Decode(CryptMethod.Cyclic, data, bid);
        Assert.Equal(all, data);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_pst_re_encoded_with_another_method_reads_the_same(int cryptMethod)
    {
        var method = (CryptMethod)cryptMethod;
        using var work = new TempDirectory();
        var source = PstFixtures.PathOf("sample1-unicode.pst");
        var target = Path.Combine(work.Path, $"{method}.pst");
        var bytes = File.ReadAllBytes(source);
        using (var pst = PstFile.Open(source))
        {
            var layout = pst.Database.Layout;
            Assert.Equal(CryptMethod.Permute, pst.Database.Header.Crypt);
            foreach (var block in pst.Database.AllBlocks().Where(b => !b.IsInternal))
            {
                var data = bytes.AsSpan((int)block.Offset, block.StoredSize).ToArray();
                BlockEncoding.Decode(CryptMethod.Permute, data, block.Bid);
                BlockEncoding.Encode(method, data, block.Bid);
                data.CopyTo(bytes, block.Offset);
                var trailer = block.Offset + layout.BlockSizeOnDisk(block.StoredSize) - layout.BlockTrailerSize;
                BitConverter.GetBytes(PstCrc.Compute(bytes, (int)block.Offset, block.StoredSize)).CopyTo(bytes, trailer + 4);
            }
        }

        bytes[513] = (byte)method;
        BitConverter.GetBytes(PstCrc.Compute(bytes, 8, 471)).CopyTo(bytes, 4);
        BitConverter.GetBytes(PstCrc.Compute(bytes, 8, 516)).CopyTo(bytes, 524);
        File.WriteAllBytes(target, bytes);

        using var original = PstFile.Open(source);
        using var recoded = PstFile.Open(target);
        Assert.Equal(method, recoded.Database.Header.Crypt);
        var a = PstFixtures.Folders(original).SelectMany(f => f.Folder.Messages()).Single();
        var b = PstFixtures.Folders(recoded).SelectMany(f => f.Folder.Messages()).Single();
        Assert.Equal(a.Subject, b.Subject);
        Assert.Equal(a.Attachments.Single().GetContent(), b.Attachments.Single().GetContent());
        Assert.Equal(a.ToMimeMessage().HtmlBody, b.ToMimeMessage().HtmlBody);
    }
}
