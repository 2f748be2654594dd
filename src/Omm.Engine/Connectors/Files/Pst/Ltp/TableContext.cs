using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>A column of a table context (TCOLDESC).</summary>
    internal readonly struct TableColumn
    {
        public TableColumn(uint tag, int offset, int size, int bit)
        {
            Tag = tag;
            Offset = offset;
            Size = size;
            Bit = bit;
        }

        public uint Tag { get; }

        public ushort PropertyId => (ushort)(Tag >> 16);

        public ushort Type => (ushort)Tag;

        public int Offset { get; }

        public int Size { get; }

        /// <summary>Index of the column's bit in the cell existence bitmap.</summary>
        public int Bit { get; }
    }

    /// <summary>
    /// A table context (TC, [MS-PST] 2.3.4): column descriptions, a row index (BTH from row ID to row
    /// position) and a row matrix kept in the heap or, when large, in a subnode.
    /// </summary>
    internal sealed class TableContext
    {
        private const int PidTagLtpRowId = 0x67F2;

        private readonly HeapOnNode _heap;
        private readonly Dictionary<ushort, TableColumn> _columns = new Dictionary<ushort, TableColumn>();
        private readonly int _cebOffset;
        private readonly int _rowSize;
        private readonly List<(uint RowId, int Index)> _rows = new List<(uint, int)>();
        private readonly byte[]? _heapRows;
        private readonly NodeData? _subnodeRows;
        private readonly List<(int Block, int Count)> _blocks = new List<(int, int)>();

        public TableContext(LtpNode node)
        {
            _heap = new HeapOnNode(node);
            if (_heap.ClientSignature != HeapOnNode.TableContextSignature)
                throw new PstFormatException($"{node.Description} should be a table context (heap client signature 0x7C) but has 0x{_heap.ClientSignature:X2}.");
            var info = _heap.GetBytes(_heap.UserRoot, "table header (TCINFO)");
            if (info.Length < 22 || info[0] != 0x7C)
                throw new PstFormatException($"The table header (TCINFO) of {node.Description} is damaged ({info.Length} bytes, type 0x{(info.Length > 0 ? info[0] : 0):X2}).");
            int columnCount = info[1];
            int end4 = Le.U16(info, 2), end2 = Le.U16(info, 4), end1 = Le.U16(info, 6), rowSize = Le.U16(info, 8);
            var hidRowIndex = Le.U32(info, 10);
            var hnidRows = Le.U32(info, 14);
            var cebSize = (columnCount + 7) / 8;
            if (!(end4 <= end2 && end2 <= end1 && end1 + cebSize <= rowSize))
                throw new PstFormatException($"The table header of {node.Description} has inconsistent row layout offsets ({end4}, {end2}, {end1}, {rowSize}) for {columnCount} columns.");
            if (info.Length < 22 + columnCount * 8)
                throw new PstFormatException($"The table header of {node.Description} claims {columnCount} columns but has room for {(info.Length - 22) / 8}.");
            _cebOffset = end1;
            _rowSize = rowSize;

            for (var i = 0; i < columnCount; i++)
            {
                var o = 22 + i * 8;
                var column = new TableColumn(Le.U32(info, o), Le.U16(info, o + 4), info[o + 6], info[o + 7]);
                if (column.Offset + column.Size > end1 || column.Bit >= cebSize * 8)
                    throw new PstFormatException($"Column {i} (tag 0x{column.Tag:X8}) of the table in {node.Description} lies outside the row ({column.Offset}+{column.Size} of {end1}, bit {column.Bit}).");
                _columns[column.PropertyId] = column;
            }

            long matrixRows = 0;
            if (hnidRows != 0 && rowSize > 0)
            {
                if (ValueResolver.IsSubnode(hnidRows))
                {
                    _subnodeRows = node.OpenSubnodeData(hnidRows, "table row matrix");
                    for (var b = 0; b < _subnodeRows.BlockCount; b++)
                    {
                        var count = _subnodeRows.BlockLength(b) / rowSize;
                        _blocks.Add((b, count));
                        matrixRows += count;
                    }
                }
                else
                {
                    _heapRows = _heap.GetBytes(hnidRows, "table row matrix");
                    matrixRows = _heapRows.Length / rowSize;
                }
            }

            if (hidRowIndex != 0)
            {
                var index = new BTreeOnHeap(_heap, hidRowIndex, "table row index");
                if (index.KeySize != 4 || (index.DataSize != 4 && index.DataSize != 2))
                    throw new PstFormatException($"The row index of the table in {node.Description} has {index.KeySize}-byte keys and {index.DataSize}-byte records, expected 4 and 2 or 4.");
                foreach (var record in index.Records())
                {
                    var rowId = Le.U32(record, 0);
                    var position = index.DataSize == 4 ? (long)Le.U32(record, 4) : Le.U16(record, 4);
                    if (position >= matrixRows)
                        throw new PstFormatException($"The row index of the table in {node.Description} puts row 0x{rowId:X} at position {position}, but the row matrix has {matrixRows} rows.");
                    _rows.Add((rowId, (int)position));
                }

                _rows.Sort((a, b) => a.Index.CompareTo(b.Index));
            }
        }

        public string Description => _heap.Description;

        public int RowCount => _rows.Count;

        public bool HasColumn(ushort propertyId) => _columns.ContainsKey(propertyId);

        public uint RowId(int row) => _rows[row].RowId;

        /// <summary>The raw bytes of row <paramref name="row"/> (in row-index order).</summary>
        public TableRow GetRow(int row)
        {
            if (row < 0 || row >= _rows.Count)
                throw new PstFormatException($"Row {row} of the table in {Description} does not exist ({_rows.Count} rows).");
            var position = _rows[row].Index;
            byte[] data;
            if (_heapRows != null)
            {
                data = PropertyValue.Slice(_heapRows, position * _rowSize, _rowSize);
            }
            else if (_subnodeRows != null)
            {
                var remaining = position;
                data = Array.Empty<byte>();
                foreach (var (block, count) in _blocks)
                {
                    if (remaining < count)
                    {
                        data = PropertyValue.Slice(_subnodeRows.GetBlock(block), remaining * _rowSize, _rowSize);
                        break;
                    }

                    remaining -= count;
                }
            }
            else
            {
                throw new PstFormatException($"The table in {Description} has rows in its index but no row matrix.");
            }

            return new TableRow(this, _rows[row].RowId, data);
        }

        internal PropertyValue? ReadCell(byte[] row, ushort propertyId, long limit)
        {
            if (!_columns.TryGetValue(propertyId, out var column))
                return null;
            if ((row[_cebOffset + column.Bit / 8] & (0x80 >> (column.Bit % 8))) == 0)
                return null;
            var what = $"table cell 0x{column.Tag:X8}";
            var fixedSize = PropertyType.FixedSize(column.Type);
            if (fixedSize > 0 && fixedSize <= 8)
            {
                if (column.Size < fixedSize)
                    throw new PstFormatException($"The {what} of {Description} is {column.Size} bytes wide, too narrow for its type.");
                return new PropertyValue(column.Type, PropertyValue.Slice(row, column.Offset, fixedSize));
            }

            if (column.Size != 4)
                throw new PstFormatException($"The {what} of {Description} is {column.Size} bytes wide; variable-size cells hold a 4-byte HNID.");
            var hnid = Le.U32(row, column.Offset);
            return new PropertyValue(column.Type, ValueResolver.Read(_heap, hnid, what, limit));
        }
    }

    /// <summary>One row of a table context.</summary>
    internal sealed class TableRow
    {
        private readonly TableContext _table;
        private readonly byte[] _data;

        public TableRow(TableContext table, uint rowId, byte[] data)
        {
            _table = table;
            RowId = rowId;
            _data = data;
        }

        public uint RowId { get; }

        public PropertyValue? Get(ushort propertyId, long limit = PropertyContext.DefaultValueLimit) => _table.ReadCell(_data, propertyId, limit);
    }
}
