using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>A B-tree on heap (BTH, [MS-PST] 2.3.2): fixed-size keys and data records in heap allocations.</summary>
    internal sealed class BTreeOnHeap
    {
        private const int MaxLevels = 8;

        private readonly HeapOnNode _heap;
        private readonly int _levels;
        private readonly uint _root;

        public BTreeOnHeap(HeapOnNode heap, uint hidHeader, string what)
        {
            _heap = heap;
            var header = heap.GetBytes(hidHeader, what);
            if (header.Length < 8)
                throw new PstFormatException($"The {what} B-tree header in {heap.Description} is {header.Length} bytes, expected 8.");
            if (header[0] != 0xB5)
                throw new PstFormatException($"The {what} B-tree header in {heap.Description} has type 0x{header[0]:X2}, expected 0xB5.");
            KeySize = header[1];
            DataSize = header[2];
            _levels = header[3];
            _root = Le.U32(header, 4);
            if (KeySize != 2 && KeySize != 4 && KeySize != 8 && KeySize != 16)
                throw new PstFormatException($"The {what} B-tree in {heap.Description} has {KeySize}-byte keys (2, 4, 8 or 16 allowed).");
            if (DataSize < 1 || DataSize > 32)
                throw new PstFormatException($"The {what} B-tree in {heap.Description} has {DataSize}-byte records (1 to 32 allowed).");
            if (_levels > MaxLevels)
                throw new PstFormatException($"The {what} B-tree in {heap.Description} claims {_levels} index levels.");
            What = what;
        }

        public int KeySize { get; }

        public int DataSize { get; }

        private string What { get; }

        /// <summary>All leaf records as (record bytes, key length); the data follows the key.</summary>
        public List<byte[]> Records()
        {
            var result = new List<byte[]>();
            if (_root == 0)
                return result;
            var visited = new HashSet<uint>();
            Collect(_root, _levels, result, visited);
            return result;
        }

        private void Collect(uint hid, int level, List<byte[]> result, HashSet<uint> visited)
        {
            if (!visited.Add(hid))
                throw new PstFormatException($"The {What} B-tree in {_heap.Description} reaches HID 0x{hid:X8} twice.");
            var records = _heap.GetBytes(hid, What);
            var recordSize = level > 0 ? KeySize + 4 : KeySize + DataSize;
            if (records.Length % recordSize != 0)
                throw new PstFormatException($"The {What} B-tree in {_heap.Description} has a {records.Length}-byte node (HID 0x{hid:X8}) that is not a whole number of {recordSize}-byte records.");
            for (var o = 0; o < records.Length; o += recordSize)
            {
                if (level > 0)
                {
                    Collect(Le.U32(records, o + KeySize), level - 1, result, visited);
                }
                else
                {
                    var record = new byte[recordSize];
                    System.Buffer.BlockCopy(records, o, record, 0, recordSize);
                    result.Add(record);
                }
            }
        }
    }
}
