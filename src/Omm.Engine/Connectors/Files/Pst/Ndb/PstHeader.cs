using System.IO;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>A reference to a page or block: its ID and file offset.</summary>
    internal readonly struct BlockRef
    {
        public BlockRef(ulong bid, long offset)
        {
            Bid = bid;
            Offset = offset;
        }

        public ulong Bid { get; }

        public long Offset { get; }
    }

    /// <summary>The file header ([MS-PST] 2.2.2.6): variant, encryption and the roots of the two B-trees.</summary>
    internal sealed class PstHeader
    {
        private const int UnicodeHeaderSize = 564;
        private const int AnsiHeaderSize = 512;

        private PstHeader(NdbLayout layout, int version, CryptMethod crypt, long fileEof, BlockRef nodeRoot, BlockRef blockRoot)
        {
            Layout = layout;
            Version = version;
            Crypt = crypt;
            FileEof = fileEof;
            NodeBTreeRoot = nodeRoot;
            BlockBTreeRoot = blockRoot;
        }

        public NdbLayout Layout { get; }

        public int Version { get; }

        public CryptMethod Crypt { get; }

        public long FileEof { get; }

        public BlockRef NodeBTreeRoot { get; }

        public BlockRef BlockBTreeRoot { get; }

        public static PstHeader Read(FileStream stream)
        {
            var length = stream.Length;
            if (length < AnsiHeaderSize)
                throw new PstFormatException($"The file is {length} bytes long, too short for a PST header ({AnsiHeaderSize} bytes at least).");

            var size = (int)System.Math.Min(length, UnicodeHeaderSize);
            var data = new byte[size];
            stream.Position = 0;
            var read = 0;
            while (read < size)
            {
                var n = stream.Read(data, read, size - read);
                if (n <= 0)
                    throw new PstFormatException($"The file ended while reading its header at offset {read}.");
                read += n;
            }

            if (data[0] != 0x21 || data[1] != 0x42 || data[2] != 0x44 || data[3] != 0x4E)
                throw new PstFormatException($"Not a PST file: the magic at offset 0 is {data[0]:X2} {data[1]:X2} {data[2]:X2} {data[3]:X2}, expected 21 42 44 4E (\"!BDN\").");

            var client = Le.U16(data, 8);
            if (client != 0x4D53 && client != 0x4F53)
                throw new PstFormatException($"Unsupported client signature 0x{client:X4} at offset 8 (expected \"SM\" for a PST or \"SO\" for an OST).");

            var version = Le.U16(data, 10);
            NdbLayout layout;
            if (version == 14 || version == 15)
                layout = NdbLayout.Ansi;
            else if (version == 21 || version == 23)
                layout = NdbLayout.Unicode;
            else if (version == 36)
                layout = NdbLayout.Unicode4K;
            else
                throw new PstFormatException($"Unsupported PST format version (wVer) {version} at offset 10: expected 14/15 (ANSI), 23 (Unicode) or 36 (4K pages).");

            var partial = PstCrc.Compute(data, 8, 471);
            if (partial != Le.U32(data, 4))
                throw new PstFormatException($"The header CRC at offset 4 is 0x{Le.U32(data, 4):X8} but the header hashes to 0x{partial:X8}: the header is damaged.");

            long eof;
            BlockRef nodeRoot, blockRoot;
            int cryptByte;
            if (layout.WideIds)
            {
                if (size < UnicodeHeaderSize)
                    throw new PstFormatException($"The file is {length} bytes long, too short for a Unicode PST header ({UnicodeHeaderSize} bytes).");
                var full = PstCrc.Compute(data, 8, 516);
                if (full != Le.U32(data, 524))
                    throw new PstFormatException($"The header CRC at offset 524 is 0x{Le.U32(data, 524):X8} but the header hashes to 0x{full:X8}: the header is damaged.");
                eof = (long)System.Math.Min(Le.U64(data, 184), long.MaxValue);
                nodeRoot = new BlockRef(Le.U64(data, 216), ToOffset(Le.U64(data, 224)));
                blockRoot = new BlockRef(Le.U64(data, 232), ToOffset(Le.U64(data, 240)));
                cryptByte = data[513];
            }
            else
            {
                eof = Le.U32(data, 168);
                nodeRoot = new BlockRef(Le.U32(data, 184), Le.U32(data, 188));
                blockRoot = new BlockRef(Le.U32(data, 192), Le.U32(data, 196));
                cryptByte = data[461];
            }

            if (cryptByte > 2)
                throw new PstFormatException($"Unsupported encryption method (bCryptMethod) {cryptByte} in the header.");

            if (eof > length)
                throw new PstFormatException($"The file is truncated: the header gives its size as {eof} bytes but it has {length}.");

            return new PstHeader(layout, version, (CryptMethod)cryptByte, eof, nodeRoot, blockRoot);
        }

        private static long ToOffset(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
    }
}
