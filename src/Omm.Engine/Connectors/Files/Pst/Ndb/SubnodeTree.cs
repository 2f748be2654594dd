using System.Collections.Generic;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>SLENTRY: a subnode of a node, with its own data and subnode trees.</summary>
    internal readonly struct SubnodeEntry
    {
        public SubnodeEntry(uint nid, ulong dataBid, ulong subnodeBid)
        {
            Nid = nid;
            DataBid = dataBid;
            SubnodeBid = subnodeBid;
        }

        public uint Nid { get; }

        public ulong DataBid { get; }

        public ulong SubnodeBid { get; }
    }

    /// <summary>The subnodes of one node: an SLBLOCK, or an SIBLOCK over SLBLOCKs. Subnode NIDs are local to their node.</summary>
    internal sealed class SubnodeTree
    {
        private readonly Dictionary<uint, SubnodeEntry> _entries;

        private SubnodeTree(Dictionary<uint, SubnodeEntry> entries)
        {
            _entries = entries;
        }

        public static SubnodeTree Empty { get; } = new SubnodeTree(new Dictionary<uint, SubnodeEntry>());

        public int Count => _entries.Count;

        public static SubnodeTree Load(NodeDatabase db, ulong bid, string what)
        {
            bid &= ~1UL;
            if (bid == 0)
                return Empty;
            if ((bid & 2) == 0)
                throw new PstFormatException($"The subnode tree of {what} points at BID 0x{bid:X}, a data block instead of an SLBLOCK/SIBLOCK.");
            var entries = new Dictionary<uint, SubnodeEntry>();
            var visited = new HashSet<ulong>();
            Read(db, bid, -1, entries, visited, what);
            return new SubnodeTree(entries);
        }

        public IEnumerable<uint> Nids => _entries.Keys;

        public bool TryGet(uint nid, out SubnodeEntry entry) => _entries.TryGetValue(nid, out entry);

        private static void Read(NodeDatabase db, ulong bid, int expectedLevel, Dictionary<uint, SubnodeEntry> entries, HashSet<ulong> visited, string what)
        {
            var where = $"subnode block BID 0x{bid:X} of {what}";
            if (!visited.Add(bid))
                throw new PstFormatException($"The {where} is reached twice: the subnode tree has a loop.");
            var block = db.ReadBlock(bid, what);
            var wide = db.Layout.WideIds;
            var headerSize = wide ? 8 : 4;
            if (block.Length < headerSize)
                throw new PstFormatException($"The {where} is {block.Length} bytes, too short for its header.");
            if (block[0] != 0x02)
                throw new PstFormatException($"The {where} has block type 0x{block[0]:X2}, expected 0x02 (SLBLOCK/SIBLOCK).");
            int level = block[1];
            if (level > 1 || (expectedLevel >= 0 && level != expectedLevel))
                throw new PstFormatException($"The {where} has level {level}, which does not fit in a subnode tree here.");
            int count = Le.U16(block, 2);
            var idSize = db.Layout.IdSize;
            var entrySize = level == 0 ? 3 * idSize : 2 * idSize;
            if (headerSize + (long)count * entrySize > block.Length)
                throw new PstFormatException($"The {where} lists {count} entries, more than its {block.Length} bytes hold.");

            for (var i = 0; i < count; i++)
            {
                var o = headerSize + i * entrySize;
                var nid = (uint)Le.Id(block, o, wide);
                if (level == 0)
                {
                    var entry = new SubnodeEntry(nid, Le.Id(block, o + idSize, wide), Le.Id(block, o + 2 * idSize, wide));
                    entries[nid] = entry;
                }
                else
                {
                    var child = Le.Id(block, o + idSize, wide) & ~1UL;
                    if ((child & 2) == 0)
                        throw new PstFormatException($"The {where} lists BID 0x{child:X}, a data block where an SLBLOCK belongs.");
                    Read(db, child, 0, entries, visited, what);
                }
            }
        }
    }
}
