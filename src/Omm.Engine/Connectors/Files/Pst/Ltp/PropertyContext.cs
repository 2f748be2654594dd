using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>
    /// A property context (PC, [MS-PST] 2.3.3): a BTH from property ID to (type, value or HNID). Values are
    /// read when asked for.
    /// </summary>
    internal sealed class PropertyContext
    {
        /// <summary>Values other than attachment data are small; a bigger one is damage.</summary>
        public const long DefaultValueLimit = 64L * 1024 * 1024;

        private readonly HeapOnNode _heap;
        private readonly Dictionary<ushort, Entry> _entries = new Dictionary<ushort, Entry>();

        public PropertyContext(LtpNode node)
        {
            _heap = new HeapOnNode(node);
            if (_heap.ClientSignature != HeapOnNode.PropertyContextSignature)
                throw new PstFormatException($"{node.Description} should be a property context (heap client signature 0xBC) but has 0x{_heap.ClientSignature:X2}.");
            var tree = new BTreeOnHeap(_heap, _heap.UserRoot, "property context");
            if (tree.KeySize != 2 || tree.DataSize != 6)
                throw new PstFormatException($"The property context of {node.Description} has {tree.KeySize}-byte keys and {tree.DataSize}-byte records, expected 2 and 6.");
            foreach (var record in tree.Records())
            {
                var id = Le.U16(record, 0);
                _entries[id] = new Entry(Le.U16(record, 2), Le.U32(record, 4));
            }
        }

        public LtpNode Node => _heap.Node;

        public string Description => _heap.Description;

        public IEnumerable<ushort> Ids => _entries.Keys;

        public bool Contains(ushort id) => _entries.ContainsKey(id);

        public ushort? TypeOf(ushort id) => _entries.TryGetValue(id, out var entry) ? entry.Type : (ushort?)null;

        public PropertyValue? Get(ushort id, long limit = DefaultValueLimit)
        {
            if (!_entries.TryGetValue(id, out var entry))
                return null;
            var what = $"property 0x{id:X4}{entry.Type:X4}";
            if (PropertyType.IsInlineInPropertyContext(entry.Type))
            {
                var size = PropertyType.FixedSize(entry.Type);
                var inline = new byte[size];
                for (var i = 0; i < size; i++)
                    inline[i] = (byte)(entry.Value >> (8 * i));
                return new PropertyValue(entry.Type, inline);
            }

            var data = ValueResolver.Read(_heap, entry.Value, what, limit);
            var fixedSize = PropertyType.FixedSize(entry.Type);
            if (fixedSize > 0 && data.Length < fixedSize)
                throw new PstFormatException($"The {what} of {Description} has {data.Length} bytes, fewer than its type needs ({fixedSize}).");
            return new PropertyValue(entry.Type, data);
        }

        /// <summary>The raw HNID of a variable-size property (used for PtypObject and streamed binaries).</summary>
        public uint? RawValue(ushort id) => _entries.TryGetValue(id, out var entry) ? entry.Value : (uint?)null;

        public HeapOnNode Heap => _heap;

        /// <summary>The size in bytes of a variable-size value without reading it.</summary>
        public long ValueLength(ushort id)
        {
            if (!_entries.TryGetValue(id, out var entry))
                return 0;
            if (PropertyType.IsInlineInPropertyContext(entry.Type))
                return PropertyType.FixedSize(entry.Type);
            return ValueResolver.Length(_heap, entry.Value, $"property 0x{id:X4}{entry.Type:X4}");
        }

        private readonly struct Entry
        {
            public Entry(ushort type, uint value)
            {
                Type = type;
                Value = value;
            }

            public ushort Type { get; }

            public uint Value { get; }
        }
    }
}
