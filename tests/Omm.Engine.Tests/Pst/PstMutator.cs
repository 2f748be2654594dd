using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Makes damaged copies of a PST: truncations, random flips, and damage aimed at structures (header fields,
/// B-tree pages, blocks) with the CRCs recomputed so that the damage gets past the checksums into the parsers:
/// absurd counts and sizes, pointers outside the file, B-tree and block trees that loop, zeroed pages.
/// </summary>
internal sealed class PstMutator
{
    private readonly string _name;
    private readonly byte[] _original;
    private readonly NdbLayout _layout;
    private readonly List<BlockRef> _pages = new();
    private readonly List<(BlockRef Ref, byte Type)> _typedPages = new();
    private readonly List<BlockEntry> _blocks;
    private readonly Random _random;
    private readonly CryptMethod _crypt;

    public PstMutator(string path, Random random)
    {
        _name = Path.GetFileName(path);
        _original = File.ReadAllBytes(path);
        _random = random;
        using var pst = PstFile.Open(path);
        var db = pst.Database;
        _layout = db.Layout;
        _crypt = db.Header.Crypt;
        foreach (var type in new byte[] { 0x80, 0x81 })
        {
            foreach (var page in db.AllPages(type))
            {
                _pages.Add(page);
                _typedPages.Add((page, type));
            }
        }

        _blocks = db.AllBlocks();
    }

    public IEnumerable<(string Description, byte[] Bytes)> Mutants()
    {
        var length = _original.Length;
        foreach (var cut in new[] { 0, 511, 512, 600, 17_000, _random.Next(length), _random.Next(length), (int)Block().Offset })
            yield return ($"{_name}: truncated to {cut} bytes", _original.Take(cut).ToArray());

        for (var i = 0; i < 6; i++)
        {
            var bytes = Copy();
            var flips = new List<string>();
            for (var n = _random.Next(1, 5); n > 0; n--)
            {
                var at = _random.Next(length);
                var mask = (byte)_random.Next(1, 256);
                bytes[at] ^= mask;
                flips.Add($"0x{at:X}^0x{mask:X2}");
            }

            yield return ($"{_name}: random flips {string.Join(",", flips)}", bytes);
        }

        for (var i = 0; i < 4; i++)
            yield return HeaderMutant();

        for (var i = 0; i < 10; i++)
        {
            var bytes = Copy();
            var block = Block();
            var flips = new List<string>();
            for (var n = _random.Next(1, 4); n > 0 && block.StoredSize > 0; n--)
            {
                var at = block.Offset + _random.Next(block.StoredSize);
                var mask = (byte)_random.Next(1, 256);
                bytes[at] ^= mask;
                flips.Add($"0x{at:X}^0x{mask:X2}");
            }

            FixBlockCrc(bytes, block);
            yield return ($"{_name}: block BID 0x{block.Bid:X} flips {string.Join(",", flips)} (CRC fixed)", bytes);
        }

        for (var i = 0; i < 6; i++)
        {
            var bytes = Copy();
            var block = Block();
            if (block.StoredSize < 4)
                continue;
            var at = _random.Next(Math.Min(block.StoredSize - 4, 64) + 1);
            var (value, width) = Absurd();
            Write(bytes, block.Offset + at, value, width);
            FixBlockCrc(bytes, block);
            yield return ($"{_name}: block BID 0x{block.Bid:X} byte {at} set to 0x{value:X} ({width} bytes, CRC fixed)", bytes);
        }

        for (var i = 0; i < 4; i++)
        {
            var bytes = Copy();
            var page = _pages[_random.Next(_pages.Count)];
            var at = _random.Next(_layout.PageTrailerOffset);
            var (value, width) = Absurd();
            Write(bytes, page.Offset + Math.Min(at, _layout.PageTrailerOffset - width), value, width);
            FixPageCrc(bytes, page.Offset);
            yield return ($"{_name}: B-tree page at 0x{page.Offset:X} byte {at} set to 0x{value:X} (CRC fixed)", bytes);
        }

        for (var i = 0; i < 8; i++)
            yield return HeapMutant();

        yield return TreeLoop();
        yield return BlockLoop();

        for (var i = 0; i < 3; i++)
        {
            var bytes = Copy();
            var page = i == 0 ? _pages[0].Offset : 0x4400 + 512L * _random.Next((length - 0x4400) / 512);
            Array.Clear(bytes, (int)page, (int)Math.Min(512, length - page));
            yield return ($"{_name}: zeroed 512 bytes at 0x{page:X}", bytes);
        }
    }

    /// <summary>
    /// A copy with one block damaged. A heap block (property or table context) gets its heap signature cleared with
    /// the CRC fixed, so that the heap's parser meets the damage; any other block gets a byte changed and keeps its
    /// old CRC, so that reading it fails the CRC check.
    /// </summary>
    public byte[] WithBlockDamaged(ulong bid, bool heap)
    {
        var block = _blocks.Single(b => (b.Bid & ~1UL) == (bid & ~1UL));
        var bytes = Copy();
        if (heap)
        {
            var data = bytes.AsSpan((int)block.Offset, block.StoredSize).ToArray();
            BlockEncoding.Decode(_crypt, data, block.Bid);
            data[2] = 0;
            BlockEncoding.Encode(_crypt, data, block.Bid);
            data.CopyTo(bytes, block.Offset);
            FixBlockCrc(bytes, block);
        }
        else
        {
            bytes[block.Offset + block.StoredSize / 2] ^= 0x5A;
        }

        return bytes;
    }

    /// <summary>The largest data block that is not an internal one (in the fixtures, part of the one big attachment).</summary>
    public ulong LargestDataBlock() => _blocks.Where(b => !b.IsInternal).OrderByDescending(b => b.StoredSize).ThenBy(b => b.Bid).First().Bid;

    private (string, byte[]) HeaderMutant()
    {
        var bytes = Copy();
        var wide = _layout.WideIds;
        var fields = wide
            ? new (int Offset, string Name)[] { (224, "node B-tree root offset"), (240, "block B-tree root offset"), (216, "node B-tree root BID"), (184, "file EOF"), (513, "crypt method") }
            : new (int Offset, string Name)[] { (188, "node B-tree root offset"), (196, "block B-tree root offset"), (184, "node B-tree root BID"), (168, "file EOF"), (461, "crypt method") };
        var (offset, name) = fields[_random.Next(fields.Length)];
        var choices = new ulong[] { 0, 1, 0x200, (ulong)_original.Length, (ulong)_original.Length + 512, 0xFFFFFFFF, (ulong)_pages[_random.Next(_pages.Count)].Offset, (ulong)Block().Offset };
        var value = choices[_random.Next(choices.Length)];
        Write(bytes, offset, value, name == "crypt method" ? 1 : wide ? 8 : 4);
        FixHeaderCrc(bytes);
        return ($"{_name}: header {name} set to 0x{value:X} (CRC fixed)", bytes);
    }

    /// <summary>
    /// Damage inside a heap (property or table context, BTH): the block is decoded, a header, page-map or
    /// random field gets an absurd value, and the block is encoded again with its CRC fixed.
    /// </summary>
    private (string, byte[]) HeapMutant()
    {
        var bytes = Copy();
        var heaps = _blocks.Where(b => !b.IsInternal && b.StoredSize == b.InflatedSize && b.StoredSize >= 16).ToList();
        var block = heaps[_random.Next(heaps.Count)];
        var data = bytes.AsSpan((int)block.Offset, block.StoredSize).ToArray();
        BlockEncoding.Decode(_crypt, data, block.Bid);
        var map = data[0] | (data[1] << 8);
        int at;
        var choice = _random.Next(10);
        if (choice < 5 || map + 4 > data.Length)
            at = _random.Next(16);
        else if (choice < 8)
            at = map + _random.Next(Math.Min(8 + 2 * (data[map] | (data[map + 1] << 8)), data.Length - map));
        else
            at = _random.Next(data.Length);
        var (value, width) = Absurd();
        at = Math.Max(0, Math.Min(at, data.Length - width));
        Write(data, at, value, width);
        BlockEncoding.Encode(_crypt, data, block.Bid);
        data.CopyTo(bytes, block.Offset);
        FixBlockCrc(bytes, block);
        return ($"{_name}: decoded block BID 0x{block.Bid:X} byte {at} set to 0x{value:X} ({width} bytes, re-encoded, CRC fixed)", bytes);
    }

    /// <summary>An intermediate B-tree entry that points back at its own page (or a leaf made to look like one).</summary>
    private (string, byte[]) TreeLoop()
    {
        var bytes = Copy();
        var (page, type) = _typedPages[_random.Next(_typedPages.Count)];
        var levelOffset = _layout.BTreeCountsOffset + (_layout.Variant == PstVariant.Unicode4K ? 5 : 3);
        if (bytes[page.Offset + levelOffset] == 0)
        {
            bytes[page.Offset + levelOffset] = 1;
            bytes[page.Offset + _layout.BTreeCountsOffset + (_layout.Variant == PstVariant.Unicode4K ? 4 : 2)] = (byte)_layout.BTreeEntrySize;
        }

        var id = _layout.IdSize;
        Write(bytes, page.Offset + 0, 0, id);
        Write(bytes, page.Offset + id, page.Bid, id);
        Write(bytes, page.Offset + 2 * id, (ulong)page.Offset, id);
        FixPageCrc(bytes, page.Offset);
        return ($"{_name}: {(type == 0x81 ? "node" : "block")} B-tree page at 0x{page.Offset:X} points at itself (CRC fixed)", bytes);
    }

    /// <summary>An XBLOCK, XXBLOCK, SLBLOCK or SIBLOCK whose first child is itself.</summary>
    private (string, byte[]) BlockLoop()
    {
        var bytes = Copy();
        var internals = _blocks.Where(b => b.IsInternal && b.StoredSize >= 16).ToList();
        if (internals.Count == 0)
            return ($"{_name}: no internal block to loop (unchanged)", bytes);
        var block = internals[_random.Next(internals.Count)];
        var id = _layout.IdSize;
        var kind = bytes[block.Offset];
        // XBLOCK/XXBLOCK: rgbid at 8; SLBLOCK: entries {nid, bidData, bidSub} after a 4/8-byte header; SIBLOCK: {nid, bid}.
        var header = kind == 0x01 ? 8 : (_layout.WideIds ? 8 : 4);
        var slot = kind == 0x01 ? header : bytes[block.Offset + 1] == 0 ? header + 2 * id : header + id;
        bytes[block.Offset + 1] = kind == 0x01 ? (byte)1 : bytes[block.Offset + 1];
        Write(bytes, block.Offset + slot, block.Bid, id);
        FixBlockCrc(bytes, block);
        return ($"{_name}: internal block BID 0x{block.Bid:X} (type {kind}) lists itself (CRC fixed)", bytes);
    }

    private BlockEntry Block() => _blocks[_random.Next(_blocks.Count)];

    private (ulong Value, int Width) Absurd()
    {
        var width = new[] { 1, 2, 4 }[_random.Next(3)];
        var value = _random.Next(3) switch
        {
            0 => 0UL,
            1 => width == 1 ? 0xFFUL : width == 2 ? 0xFFFFUL : 0xFFFFFFFFUL,
            _ => width == 4 ? (ulong)_random.Next() : (ulong)_random.Next(1 << (8 * width)),
        };
        return (value, width);
    }

    private byte[] Copy() => (byte[])_original.Clone();

    private static void Write(byte[] bytes, long offset, ulong value, int width)
    {
        for (var i = 0; i < width && offset + i < bytes.Length; i++)
            bytes[offset + i] = (byte)(value >> (8 * i));
    }

    private void FixBlockCrc(byte[] bytes, BlockEntry block)
    {
        var trailer = block.Offset + _layout.BlockSizeOnDisk(block.StoredSize) - _layout.BlockTrailerSize;
        var crc = PstCrc.Compute(bytes, (int)block.Offset, block.StoredSize);
        Write(bytes, trailer + (_layout.WideIds ? 4 : 8), crc, 4);
    }

    private void FixPageCrc(byte[] bytes, long page)
    {
        var crc = PstCrc.Compute(bytes, (int)page, _layout.PageTrailerOffset);
        Write(bytes, page + _layout.PageTrailerOffset + (_layout.WideIds ? 4 : 8), crc, 4);
    }

    private void FixHeaderCrc(byte[] bytes)
    {
        Write(bytes, 4, PstCrc.Compute(bytes, 8, 471), 4);
        if (_layout.WideIds)
            Write(bytes, 524, PstCrc.Compute(bytes, 8, 516), 4);
    }
}
