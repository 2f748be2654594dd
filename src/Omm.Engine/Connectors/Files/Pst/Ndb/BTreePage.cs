namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>A page of the node or block B-tree (BTPAGE), checked against its trailer.</summary>
    internal sealed class BTreePage
    {
        public const byte BlockBTreeType = 0x80;
        public const byte NodeBTreeType = 0x81;

        private readonly byte[] _data;
        private readonly NdbLayout _layout;

        private BTreePage(byte[] data, NdbLayout layout, BlockRef reference, byte pageType, int level, int count, int entrySize)
        {
            _data = data;
            _layout = layout;
            Offset = reference.Offset;
            Bid = reference.Bid & ~1UL;
            PageType = pageType;
            Level = level;
            Count = count;
            EntrySize = entrySize;
        }

        public long Offset { get; }

        public ulong Bid { get; }

        public byte PageType { get; }

        /// <summary>0 for a leaf page.</summary>
        public int Level { get; }

        public int Count { get; }

        public int EntrySize { get; }

        public static string Describe(byte pageType) => pageType == NodeBTreeType ? "node B-tree" : "block B-tree";

        public static BTreePage Parse(byte[] data, NdbLayout layout, BlockRef reference, byte expectedType)
        {
            var where = $"{Describe(expectedType)} page at offset 0x{reference.Offset:X} (BID 0x{reference.Bid:X})";
            var t = layout.PageTrailerOffset;
            var pageType = data[t];
            if (pageType != expectedType || data[t + 1] != expectedType)
                throw new PstFormatException($"The {where} has page type 0x{pageType:X2}/0x{data[t + 1]:X2}, expected 0x{expectedType:X2}.");

            uint storedCrc;
            ulong bid;
            if (layout.WideIds)
            {
                storedCrc = Le.U32(data, t + 4);
                bid = Le.U64(data, t + 8);
            }
            else
            {
                bid = Le.U32(data, t + 4);
                storedCrc = Le.U32(data, t + 8);
            }

            if ((bid & ~1UL) != (reference.Bid & ~1UL))
                throw new PstFormatException($"The {where} carries BID 0x{bid:X} in its trailer: the B-tree points at the wrong page.");

            var crc = PstCrc.Compute(data, 0, t);
            if (crc != storedCrc)
                throw new PstFormatException($"CRC mismatch in the {where}: stored 0x{storedCrc:X8}, computed 0x{crc:X8}.");

            var c = layout.BTreeCountsOffset;
            int count, entrySize, level;
            if (layout.Variant == PstVariant.Unicode4K)
            {
                count = Le.U16(data, c);
                entrySize = data[c + 4];
                level = data[c + 5];
            }
            else
            {
                count = data[c];
                entrySize = data[c + 2];
                level = data[c + 3];
            }

            var minimum = level > 0 ? layout.BTreeEntrySize : expectedType == NodeBTreeType ? layout.NodeEntrySize : layout.BlockEntrySize;
            if (entrySize < minimum)
                throw new PstFormatException($"The {where} has entries of {entrySize} bytes, fewer than the {minimum} its level {level} needs.");
            if ((long)count * entrySize > layout.BTreeEntriesSize)
                throw new PstFormatException($"The {where} claims {count} entries of {entrySize} bytes, more than fit in a page.");

            return new BTreePage(data, layout, reference, pageType, level, count, entrySize);
        }

        /// <summary>The key of entry <paramref name="index"/>: the first ID of a BTENTRY, NBTENTRY or BBTENTRY.</summary>
        public ulong Key(int index) => Le.Id(_data, index * EntrySize, _layout.WideIds);

        /// <summary>The child reference of an intermediate entry (BTENTRY).</summary>
        public BlockRef Child(int index)
        {
            var o = index * EntrySize;
            var id = _layout.IdSize;
            var offset = Le.Id(_data, o + 2 * id, _layout.WideIds);
            return new BlockRef(Le.Id(_data, o + id, _layout.WideIds), offset > long.MaxValue ? long.MaxValue : (long)offset);
        }

        public NodeEntry NodeAt(int index)
        {
            var o = index * EntrySize;
            var id = _layout.IdSize;
            return new NodeEntry(
                (uint)Le.Id(_data, o, _layout.WideIds),
                Le.Id(_data, o + id, _layout.WideIds),
                Le.Id(_data, o + 2 * id, _layout.WideIds),
                Le.U32(_data, o + 3 * id));
        }

        public BlockEntry BlockAt(int index)
        {
            var o = index * EntrySize;
            var id = _layout.IdSize;
            var bid = Le.Id(_data, o, _layout.WideIds);
            var offset = Le.Id(_data, o + id, _layout.WideIds);
            int stored = Le.U16(_data, o + 2 * id);
            var inflated = stored;
            if (_layout.Variant == PstVariant.Unicode4K)
            {
                int value = Le.U16(_data, o + 2 * id + 2);
                if (value != 0)
                    inflated = value;
            }

            return new BlockEntry(bid, offset > long.MaxValue ? long.MaxValue : (long)offset, stored, inflated);
        }
    }
}
