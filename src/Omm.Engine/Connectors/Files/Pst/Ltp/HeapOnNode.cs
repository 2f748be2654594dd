using System;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>
    /// Heap-on-node (HN, [MS-PST] 2.3.1): each data block of the node is a heap page with a page map of
    /// allocations; a HID names page and allocation.
    /// </summary>
    internal sealed class HeapOnNode
    {
        public const byte PropertyContextSignature = 0xBC;
        public const byte TableContextSignature = 0x7C;

        private readonly LtpNode _node;

        public HeapOnNode(LtpNode node)
        {
            _node = node;
            if (node.Data.BlockCount == 0)
                throw new PstFormatException($"The heap of {node.Description} has no data.");
            var first = node.Data.GetBlock(0);
            if (first.Length < 12)
                throw new PstFormatException($"The heap of {node.Description} starts with a {first.Length}-byte block, too short for its header.");
            if (first[2] != 0xEC)
                throw new PstFormatException($"The heap of {node.Description} has signature 0x{first[2]:X2}, expected 0xEC.");
            ClientSignature = first[3];
            UserRoot = Le.U32(first, 4);
        }

        public LtpNode Node => _node;

        public byte ClientSignature { get; }

        public uint UserRoot { get; }

        public string Description => _node.Description;

        /// <summary>The bytes of allocation <paramref name="hid"/>; an empty segment for HID 0.</summary>
        public ArraySegment<byte> Get(uint hid, string what)
        {
            if (hid == 0)
                return new ArraySegment<byte>(Array.Empty<byte>());
            if ((hid & 0x1F) != 0)
                throw new PstFormatException($"The {what} in {_node.Description} refers to 0x{hid:X8}, which is not a heap ID (HID).");

            var shift = _node.Db.Layout.HidBlockShift;
            var blockIndex = (int)(hid >> shift);
            var index = (int)((hid & ((1u << shift) - 1)) >> 5);
            if (blockIndex >= _node.Data.BlockCount)
                throw new PstFormatException($"The {what} in {_node.Description} refers to heap page {blockIndex} (HID 0x{hid:X8}), but the heap has {_node.Data.BlockCount} pages.");
            var block = _node.Data.GetBlock(blockIndex);
            if (block.Length < 2)
                throw new PstFormatException($"Heap page {blockIndex} of {_node.Description} is {block.Length} bytes, too short for a page header.");
            int map = Le.U16(block, 0);
            if (map > block.Length - 4)
                throw new PstFormatException($"Heap page {blockIndex} of {_node.Description} puts its page map at byte {map}, beyond its {block.Length} bytes.");
            int allocations = Le.U16(block, map);
            if (map + 4 + 2L * (allocations + 1) > block.Length)
                throw new PstFormatException($"Heap page {blockIndex} of {_node.Description} claims {allocations} allocations, more than its page map holds.");
            if (index < 1 || index > allocations)
                throw new PstFormatException($"The {what} in {_node.Description} refers to allocation {index} of heap page {blockIndex} (HID 0x{hid:X8}), which has {allocations}.");
            int start = Le.U16(block, map + 4 + 2 * (index - 1));
            int end = Le.U16(block, map + 4 + 2 * index);
            if (start > end || end > map)
                throw new PstFormatException($"Allocation {index} of heap page {blockIndex} of {_node.Description} spans bytes {start}..{end}, outside the page's data (0..{map}).");
            return new ArraySegment<byte>(block, start, end - start);
        }

        public byte[] GetBytes(uint hid, string what)
        {
            var segment = Get(hid, what);
            var result = new byte[segment.Count];
            if (segment.Count > 0)
                Buffer.BlockCopy(segment.Array!, segment.Offset, result, 0, segment.Count);
            return result;
        }
    }
}
