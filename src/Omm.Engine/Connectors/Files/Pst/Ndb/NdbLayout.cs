namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    internal enum PstVariant
    {
        /// <summary>wVer 14/15: 32-bit IDs, 512-byte pages.</summary>
        Ansi,

        /// <summary>wVer 21/23: 64-bit IDs, 512-byte pages.</summary>
        Unicode,

        /// <summary>wVer 36 (Outlook 2013+ OST): 64-bit IDs, 4 KiB pages, blocks up to 64 KiB, zlib-compressed blocks.</summary>
        Unicode4K,
    }

    /// <summary>Sizes and offsets of the NDB structures, which differ between the three variants.</summary>
    internal sealed class NdbLayout
    {
        public static readonly NdbLayout Ansi = new NdbLayout(PstVariant.Ansi);
        public static readonly NdbLayout Unicode = new NdbLayout(PstVariant.Unicode);
        public static readonly NdbLayout Unicode4K = new NdbLayout(PstVariant.Unicode4K);

        private NdbLayout(PstVariant variant)
        {
            Variant = variant;
            switch (variant)
            {
                case PstVariant.Ansi:
                    WideIds = false;
                    PageSize = 512;
                    PageTrailerOffset = 500;
                    BTreeEntriesSize = 496;
                    BTreeCountsOffset = 496;
                    BlockTrailerSize = 12;
                    BlockAlignment = 64;
                    MaxBlockSize = 8192;
                    break;
                case PstVariant.Unicode:
                    WideIds = true;
                    PageSize = 512;
                    PageTrailerOffset = 496;
                    BTreeEntriesSize = 488;
                    BTreeCountsOffset = 488;
                    BlockTrailerSize = 16;
                    BlockAlignment = 64;
                    MaxBlockSize = 8192;
                    break;
                default:
                    WideIds = true;
                    PageSize = 4096;
                    PageTrailerOffset = 4072;
                    BTreeEntriesSize = 4056;
                    BTreeCountsOffset = 4056;
                    BlockTrailerSize = 24;
                    BlockAlignment = 512;
                    MaxBlockSize = 65536;
                    break;
            }
        }

        public PstVariant Variant { get; }

        /// <summary>BIDs, NIDs in B-tree entries and byte offsets take 8 bytes (else 4).</summary>
        public bool WideIds { get; }

        public int IdSize => WideIds ? 8 : 4;

        public int PageSize { get; }

        /// <summary>Where the page trailer starts; the page CRC covers the bytes before it.</summary>
        public int PageTrailerOffset { get; }

        public int BTreeEntriesSize { get; }

        /// <summary>Offset of cEnt in a BTPAGE (cEnt, cEntMax are 1 byte each, or 2 bytes in 4K pages).</summary>
        public int BTreeCountsOffset { get; }

        public int BlockTrailerSize { get; }

        public int BlockAlignment { get; }

        public int MaxBlockSize { get; }

        /// <summary>The most data bytes one block holds.</summary>
        public int MaxBlockData => MaxBlockSize - BlockTrailerSize;

        /// <summary>BTENTRY: key + BREF.</summary>
        public int BTreeEntrySize => WideIds ? 24 : 12;

        /// <summary>BBTENTRY: BREF + cb + cRef (+ padding).</summary>
        public int BlockEntrySize => WideIds ? 24 : 12;

        /// <summary>NBTENTRY: nid, bidData, bidSub, nidParent (+ padding).</summary>
        public int NodeEntrySize => WideIds ? 32 : 16;

        /// <summary>A HID's block index shift: 16 in 512-byte files, 19 in 4K files (libpff).</summary>
        public int HidBlockShift => Variant == PstVariant.Unicode4K ? 19 : 16;

        /// <summary>Size of a block on disk: data plus trailer, rounded up to the block alignment.</summary>
        public long BlockSizeOnDisk(int dataSize)
        {
            long total = dataSize + BlockTrailerSize;
            return (total + BlockAlignment - 1) / BlockAlignment * BlockAlignment;
        }
    }
}
