namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>NBTENTRY: a node, its data tree, its subnode tree and its parent.</summary>
    internal readonly struct NodeEntry
    {
        public NodeEntry(uint nid, ulong dataBid, ulong subnodeBid, uint parentNid)
        {
            Nid = nid;
            DataBid = dataBid;
            SubnodeBid = subnodeBid;
            ParentNid = parentNid;
        }

        public uint Nid { get; }

        public ulong DataBid { get; }

        public ulong SubnodeBid { get; }

        public uint ParentNid { get; }
    }

    /// <summary>BBTENTRY: where a block is and how big it is (stored, and inflated in 4K files).</summary>
    internal readonly struct BlockEntry
    {
        public BlockEntry(ulong bid, long offset, int storedSize, int inflatedSize)
        {
            Bid = bid;
            Offset = offset;
            StoredSize = storedSize;
            InflatedSize = inflatedSize;
        }

        public ulong Bid { get; }

        public long Offset { get; }

        public int StoredSize { get; }

        /// <summary>The size of the block's data once decoded (equal to the stored size except for compressed 4K blocks).</summary>
        public int InflatedSize { get; }

        public bool IsInternal => (Bid & 2) != 0;
    }

    /// <summary>NID types ([MS-PST] 2.2.2.1): the low 5 bits of a NID.</summary>
    internal static class NidType
    {
        public const uint Hid = 0x00;
        public const uint Internal = 0x01;
        public const uint NormalFolder = 0x02;
        public const uint SearchFolder = 0x03;
        public const uint NormalMessage = 0x04;
        public const uint Attachment = 0x05;
        public const uint AssociatedMessage = 0x08;
        public const uint HierarchyTable = 0x0D;
        public const uint ContentsTable = 0x0E;
        public const uint AssociatedContentsTable = 0x0F;
        public const uint AttachmentTable = 0x11;
        public const uint RecipientTable = 0x12;

        public static uint Of(uint nid) => nid & 0x1F;

        public static uint WithType(uint nid, uint type) => (nid & ~0x1Fu) | type;
    }
}
