using System.IO.Compression;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Rewrites a Unicode PST in the 4 KiB-page layout of Outlook 2013+ OSTs (wVer 36, libpff's and XstReader's
/// description): 4096-byte B-tree pages with 2-byte counts and 24-byte trailers, 24-byte BBT entries with an
/// inflated size, blocks aligned to 512 bytes with 24-byte trailers, and zlib-compressed blocks. No public
/// 4K file is small enough to ship, so this is how the 4K code paths are exercised. Node and heap contents are
/// copied as they are, which is valid because the fixtures' heaps fit in one block (HIDs with block index 0
/// read the same in both layouts). A small fan-out makes the B-trees several levels deep.
/// </summary>
internal static class Pst4KConverter
{
    private const int PageSize = 4096;
    private const int TrailerOffset = 4072;
    private const int BlockTrailer = 24;

    public static void Convert(string unicodePst, string output, int fanOut)
    {
        var original = File.ReadAllBytes(unicodePst);
        List<NodeEntry> nodes;
        List<BlockEntry> blocks;
        using (var pst = PstFile.Open(unicodePst))
        {
            Assert.Equal(PstVariant.Unicode, pst.Database.Layout.Variant);
            nodes = pst.Database.AllNodes().OrderBy(n => n.Nid).ToList();
            blocks = pst.Database.AllBlocks().OrderBy(b => b.Bid & ~1UL).ToList();
        }

        using var file = new MemoryStream();
        file.Write(new byte[0x4000]);

        // Blocks: every other one compressed (the stored bytes, still encrypted, are deflated; the reader
        // inflates, then decrypts).
        var blockEntries = new List<(ulong Key, byte[] Entry)>();
        var index = 0;
        foreach (var block in blocks)
        {
            var raw = original.AsSpan((int)block.Offset, block.StoredSize).ToArray();
            var stored = raw;
            if (index++ % 2 == 0 && raw.Length > 0)
            {
                using var compressed = new MemoryStream();
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                    zlib.Write(raw);
                stored = compressed.ToArray();
            }

            Align(file, 512);
            var offset = file.Position;
            var size = (stored.Length + BlockTrailer + 511) / 512 * 512;
            var data = new byte[size];
            stored.CopyTo(data, 0);
            var t = size - BlockTrailer;
            Put(data, t, (ulong)stored.Length, 2);
            Put(data, t + 4, PstCrc.Compute(stored, 0, stored.Length), 4);
            Put(data, t + 8, block.Bid, 8);
            Put(data, t + 18, (ulong)raw.Length, 2);
            file.Write(data);

            var entry = new byte[24];
            Put(entry, 0, block.Bid, 8);
            Put(entry, 8, (ulong)offset, 8);
            Put(entry, 16, (ulong)stored.Length, 2);
            Put(entry, 18, (ulong)raw.Length, 2);
            Put(entry, 20, 2, 2);
            blockEntries.Add((block.Bid & ~1UL, entry));
        }

        var nodeEntries = nodes.Select(n =>
        {
            var entry = new byte[32];
            Put(entry, 0, n.Nid, 8);
            Put(entry, 8, n.DataBid, 8);
            Put(entry, 16, n.SubnodeBid, 8);
            Put(entry, 24, n.ParentNid, 4);
            return ((ulong)n.Nid, entry);
        }).ToList();

        var nextPageBid = 0x7000_0000UL;
        var nodeRoot = WriteTree(file, nodeEntries, 0x81, fanOut, ref nextPageBid);
        var blockRoot = WriteTree(file, blockEntries, 0x80, fanOut, ref nextPageBid);

        var bytes = file.ToArray();
        Array.Copy(original, bytes, 564);
        Put(bytes, 10, 36, 2);
        Put(bytes, 184, (ulong)bytes.Length, 8);
        Put(bytes, 216, nodeRoot.Bid, 8);
        Put(bytes, 224, (ulong)nodeRoot.Offset, 8);
        Put(bytes, 232, blockRoot.Bid, 8);
        Put(bytes, 240, (ulong)blockRoot.Offset, 8);
        Put(bytes, 4, PstCrc.Compute(bytes, 8, 471), 4);
        Put(bytes, 524, PstCrc.Compute(bytes, 8, 516), 4);
        File.WriteAllBytes(output, bytes);
    }

    /// <summary>Writes leaf pages, then intermediate levels, up to a single root; returns the root reference.</summary>
    private static BlockRef WriteTree(MemoryStream file, List<(ulong Key, byte[] Entry)> leaves, byte pageType, int fanOut, ref ulong nextBid)
    {
        var level = 0;
        var entries = leaves;
        while (true)
        {
            var parents = new List<(ulong Key, byte[] Entry)>();
            for (var start = 0; start < Math.Max(entries.Count, 1); start += fanOut)
            {
                var chunk = entries.Skip(start).Take(fanOut).ToList();
                var page = new byte[PageSize];
                var entrySize = chunk.Count > 0 ? chunk[0].Entry.Length : (level == 0 ? (pageType == 0x81 ? 32 : 24) : 24);
                for (var i = 0; i < chunk.Count; i++)
                    chunk[i].Entry.CopyTo(page, i * entrySize);
                Put(page, 4056, (ulong)chunk.Count, 2);
                Put(page, 4058, (ulong)(4056 / entrySize), 2);
                page[4060] = (byte)entrySize;
                page[4061] = (byte)level;
                page[TrailerOffset] = pageType;
                page[TrailerOffset + 1] = pageType;
                var bid = nextBid;
                nextBid += 4;
                Put(page, TrailerOffset + 4, PstCrc.Compute(page, 0, TrailerOffset), 4);
                Put(page, TrailerOffset + 8, bid, 8);
                Align(file, PageSize);
                var offset = file.Position;
                file.Write(page);

                var parent = new byte[24];
                var key = chunk.Count > 0 ? chunk[0].Key : 0;
                Put(parent, 0, key, 8);
                Put(parent, 8, bid, 8);
                Put(parent, 16, (ulong)offset, 8);
                parents.Add((key, parent));
            }

            if (parents.Count == 1)
                return new BlockRef(BitConverter.ToUInt64(parents[0].Entry, 8), (long)BitConverter.ToUInt64(parents[0].Entry, 16));
            entries = parents;
            level++;
        }
    }

    private static void Align(MemoryStream file, int alignment)
    {
        var padding = (int)((alignment - file.Position % alignment) % alignment);
        file.Write(new byte[padding]);
    }

    private static void Put(byte[] data, long offset, ulong value, int width)
    {
        for (var i = 0; i < width; i++)
            data[offset + i] = (byte)(value >> (8 * i));
    }
}
