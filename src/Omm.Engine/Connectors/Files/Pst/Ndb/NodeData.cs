using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>
    /// The data of a node: one data block, or the data blocks an XBLOCK/XXBLOCK tree lists, in order. Only
    /// the list of BIDs is kept; blocks are read when asked for, so large values can be streamed.
    /// </summary>
    internal sealed class NodeData
    {
        private readonly NodeDatabase _db;
        private readonly ulong[] _bids;
        private readonly int[] _sizes;
        private readonly string _what;

        private NodeData(NodeDatabase db, ulong[] bids, int[] sizes, long length, string what)
        {
            _db = db;
            _bids = bids;
            _sizes = sizes;
            Length = length;
            _what = what;
        }

        public long Length { get; }

        public int BlockCount => _bids.Length;

        public int BlockLength(int index) => index >= 0 && index < _sizes.Length ? _sizes[index] : 0;

        public static NodeData Empty(NodeDatabase db, string what) => new NodeData(db, Array.Empty<ulong>(), Array.Empty<int>(), 0, what);

        public static NodeData Load(NodeDatabase db, ulong bid, string what)
        {
            bid &= ~1UL;
            if (bid == 0)
                return Empty(db, what);

            var entry = db.GetBlockEntry(bid, what);
            if (!entry.IsInternal)
                return new NodeData(db, new[] { bid }, new[] { entry.InflatedSize }, entry.InflatedSize, what);

            var bids = new List<ulong>();
            var sizes = new List<int>();
            long remaining = -1;
            var declared = ReadTree(db, bid, 0, bids, sizes, what, ref remaining);
            long total = 0;
            foreach (var size in sizes)
                total += size;
            if (total != declared)
                throw new PstFormatException($"The data tree of {what} (BID 0x{bid:X}) declares {declared} bytes but its blocks hold {total}.");
            return new NodeData(db, bids.ToArray(), sizes.ToArray(), total, what);
        }

        /// <summary>The decoded bytes of block <paramref name="index"/>. Do not modify the result.</summary>
        public byte[] GetBlock(int index)
        {
            if (index < 0 || index >= _bids.Length)
                throw new PstFormatException($"Block {index} of {_what} was asked for, but its data has {_bids.Length} blocks.");
            var block = _db.ReadBlock(_bids[index], _what);
            if (block.Length != _sizes[index])
                throw new PstFormatException($"Block {index} (BID 0x{_bids[index]:X}) of {_what} holds {block.Length} bytes, not the {_sizes[index]} expected.");
            return block;
        }

        /// <summary>All bytes, concatenated; refuses values over <paramref name="limit"/> bytes.</summary>
        public byte[] ReadAll(long limit = int.MaxValue - 64)
        {
            if (Length > limit)
                throw new PstFormatException($"The data of {_what} is {Length} bytes, more than the {limit} this value may have.");
            if (_bids.Length == 1)
                return GetBlock(0);
            var result = new byte[Length];
            var offset = 0;
            for (var i = 0; i < _bids.Length; i++)
            {
                var block = GetBlock(i);
                Buffer.BlockCopy(block, 0, result, offset, block.Length);
                offset += block.Length;
            }

            return result;
        }

        /// <summary>Reads an XBLOCK (level 1) or XXBLOCK (level 2); returns lcbTotal.</summary>
        private static long ReadTree(NodeDatabase db, ulong bid, int parentLevel, List<ulong> bids, List<int> sizes, string what, ref long remaining)
        {
            var block = db.ReadBlock(bid, what);
            var where = $"data tree block BID 0x{bid:X} of {what}";
            if (block.Length < 8)
                throw new PstFormatException($"The {where} is {block.Length} bytes, too short for an XBLOCK header.");
            if (block[0] != 0x01)
                throw new PstFormatException($"The {where} has block type 0x{block[0]:X2}, expected 0x01 (XBLOCK/XXBLOCK).");
            int level = block[1];
            if (level < 1 || level > 2 || (parentLevel != 0 && level != parentLevel - 1))
                throw new PstFormatException($"The {where} has level {level}, which does not fit in a data tree here.");
            int count = Le.U16(block, 2);
            long total = Le.U32(block, 4);
            var idSize = db.Layout.IdSize;
            if (8 + (long)count * idSize > block.Length)
                throw new PstFormatException($"The {where} lists {count} BIDs, more than its {block.Length} bytes hold.");
            if (total > (long)count * db.Layout.MaxBlockSize * (level == 2 ? (db.Layout.MaxBlockSize / idSize) : 1))
                throw new PstFormatException($"The {where} declares {total} bytes, more than {count} blocks can hold.");
            if (parentLevel == 0)
            {
                if (total > db.MaxPlausibleValueSize)
                    throw new PstFormatException($"The {where} declares {total} bytes, more than the file could hold.");
                remaining = total;
            }

            for (var i = 0; i < count; i++)
            {
                var child = Le.Id(block, 8 + i * idSize, db.Layout.WideIds) & ~1UL;
                if (level == 2)
                {
                    if ((child & 2) == 0)
                        throw new PstFormatException($"The {where} lists BID 0x{child:X}, which is a data block where an XBLOCK belongs.");
                    ReadTree(db, child, level, bids, sizes, what, ref remaining);
                }
                else
                {
                    if ((child & 2) != 0)
                        throw new PstFormatException($"The {where} lists BID 0x{child:X}, which is an internal block where a data block belongs.");
                    var entry = db.GetBlockEntry(child, what);
                    remaining -= entry.InflatedSize;
                    if (remaining < 0)
                        throw new PstFormatException($"The blocks of the {where} hold more bytes than the data tree declares.");
                    bids.Add(child);
                    sizes.Add(entry.InflatedSize);
                }
            }

            return total;
        }
    }
}
