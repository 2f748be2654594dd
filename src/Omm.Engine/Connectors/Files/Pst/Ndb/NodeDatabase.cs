using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>
    /// The NDB layer: reads pages and blocks on demand from the file (never the whole file), looks nodes and
    /// blocks up in the two B-trees, checks every page and block (type, BID, CRC, bounds) and decodes blocks.
    /// A small bounded cache keeps recently used pages and blocks.
    /// </summary>
    internal sealed class NodeDatabase : IDisposable
    {
        /// <summary>Deeper than any real B-tree (each level multiplies the capacity by 15 at least).</summary>
        private const int MaxTreeLevel = 12;

        /// <summary>Warnings kept at most, so that a badly damaged file does not fill memory with them.</summary>
        private const int MaxWarnings = 1000;

        private readonly FileStream _stream;
        private readonly object _gate = new object();
        private readonly LruCache<long, BTreePage> _pages = new LruCache<long, BTreePage>(4L * 1024 * 1024);
        private readonly LruCache<ulong, byte[]> _blocks = new LruCache<ulong, byte[]>(8L * 1024 * 1024);
        private readonly List<string> _warnings = new List<string>();
        private Dictionary<uint, List<uint>>? _children;
        private bool _disposed;

        public NodeDatabase(FileStream stream, PstHeader header)
        {
            _stream = stream;
            Header = header;
            Layout = header.Layout;
            Length = stream.Length;
        }

        public PstHeader Header { get; }

        public NdbLayout Layout { get; }

        public long Length { get; }

        /// <summary>No value can be larger than the file (or, for compressed 4K files, a generous multiple of it).</summary>
        public long MaxPlausibleValueSize => Layout.Variant == PstVariant.Unicode4K ? Length * 64 : Length;

        /// <summary>Damage the reader worked around, in the order it was met.</summary>
        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                    return _warnings.ToArray();
            }
        }

        /// <summary>How many warnings there are so far (without copying them).</summary>
        public int WarningCount
        {
            get
            {
                lock (_warnings)
                    return _warnings.Count;
            }
        }

        public void AddWarning(string warning)
        {
            lock (_warnings)
            {
                if (_warnings.Count < MaxWarnings && !_warnings.Contains(warning))
                    _warnings.Add(_warnings.Count < MaxWarnings - 1 ? warning : $"More damage was worked around than is listed (the first {MaxWarnings - 1} are).");
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _stream.Dispose();
            }
        }

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>, which must lie inside the file.</summary>
        public byte[] ReadAt(long offset, int count, string what)
        {
            if (offset < 0 || count < 0 || offset > Length - count)
                throw new PstFormatException($"The {what} at offset 0x{offset:X} ({count} bytes) lies outside the file ({Length} bytes).");

            lock (_gate)
            {
                if (_disposed)
                    throw new ObjectDisposedException("PstFile");
                var data = new byte[count];
                _stream.Position = offset;
                var read = 0;
                while (read < count)
                {
                    var n = _stream.Read(data, read, count - read);
                    if (n <= 0)
                        throw new PstFormatException($"The file ended while reading the {what} at offset 0x{offset + read:X}.");
                    read += n;
                }

                return data;
            }
        }

        public BTreePage ReadPage(BlockRef reference, byte pageType)
        {
            lock (_gate)
            {
                if (_pages.TryGet(reference.Offset, out var cached) && cached.Bid == (reference.Bid & ~1UL))
                {
                    if (cached.PageType != pageType)
                        throw new PstFormatException($"The page at offset 0x{reference.Offset:X} is used both as a node and as a block B-tree page.");
                    return cached;
                }

                var data = ReadAt(reference.Offset, Layout.PageSize, $"{BTreePage.Describe(pageType)} page (BID 0x{reference.Bid:X})");
                var page = BTreePage.Parse(data, Layout, reference, pageType);
                _pages.Add(reference.Offset, page, Layout.PageSize);
                return page;
            }
        }

        /// <summary>Looks a node up in the node B-tree; null when the NID is not there.</summary>
        public NodeEntry? FindNode(uint nid)
        {
            lock (_gate)
            {
                var page = Descend(Header.NodeBTreeRoot, BTreePage.NodeBTreeType, nid);
                if (page == null)
                    return null;
                for (var i = 0; i < page.Count; i++)
                {
                    var entry = page.NodeAt(i);
                    if (entry.Nid == nid)
                        return entry;
                }

                return null;
            }
        }

        public NodeEntry GetNode(uint nid, string what)
        {
            return FindNode(nid) ?? throw new PstFormatException($"The {what} (NID 0x{nid:X}) is missing from the node B-tree.");
        }

        public bool TryFindBlock(ulong bid, out BlockEntry entry)
        {
            bid &= ~1UL;
            lock (_gate)
            {
                var page = Descend(Header.BlockBTreeRoot, BTreePage.BlockBTreeType, bid);
                if (page != null)
                {
                    for (var i = 0; i < page.Count; i++)
                    {
                        var candidate = page.BlockAt(i);
                        if ((candidate.Bid & ~1UL) == bid)
                        {
                            entry = candidate;
                            return true;
                        }
                    }
                }

                entry = default;
                return false;
            }
        }

        public BlockEntry GetBlockEntry(ulong bid, string what)
        {
            if (!TryFindBlock(bid, out var entry))
                throw new PstFormatException($"Block BID 0x{bid & ~1UL:X} ({what}) is missing from the block B-tree.");
            return entry;
        }

        /// <summary>Reads, checks and decodes one block (decrypted when external, inflated in 4K files). Do not modify the result.</summary>
        public byte[] ReadBlock(ulong bid, string what)
        {
            bid &= ~1UL;
            lock (_gate)
            {
                if (_blocks.TryGet(bid, out var cached))
                    return cached;

                var entry = GetBlockEntry(bid, what);
                var data = ReadBlock(entry, what);
                _blocks.Add(bid, data, data.Length + 64);
                return data;
            }
        }

        /// <summary>The NIDs of the given type whose NBT entry names <paramref name="parentNid"/> as parent, in NID order.</summary>
        public IReadOnlyList<uint> ChildrenOf(uint parentNid, uint nidType)
        {
            Dictionary<uint, List<uint>> children;
            lock (_gate)
            {
                children = _children ??= IndexParents();
            }

            var result = new List<uint>();
            if (children.TryGetValue(parentNid, out var list))
            {
                foreach (var nid in list)
                {
                    if (NidType.Of(nid) == nidType && nid != parentNid)
                        result.Add(nid);
                }
            }

            return result;
        }

        private Dictionary<uint, List<uint>> IndexParents()
        {
            var index = new Dictionary<uint, List<uint>>();
            VisitLeaves(Header.NodeBTreeRoot, BTreePage.NodeBTreeType, page =>
            {
                for (var i = 0; i < page.Count; i++)
                {
                    var node = page.NodeAt(i);
                    var type = NidType.Of(node.Nid);
                    if (type != NidType.NormalFolder && type != NidType.NormalMessage && type != NidType.AssociatedMessage)
                        continue;
                    if (!index.TryGetValue(node.ParentNid, out var list))
                        index[node.ParentNid] = list = new List<uint>();
                    list.Add(node.Nid);
                }
            }, onDamage: e => AddWarning($"Part of the node B-tree is unreadable, so folders and messages listed only there are missing: {e.Message}"));
            return index;
        }

        /// <summary>Every entry of the node B-tree (for diagnostics and tests).</summary>
        internal List<NodeEntry> AllNodes()
        {
            var result = new List<NodeEntry>();
            VisitLeaves(Header.NodeBTreeRoot, BTreePage.NodeBTreeType, page =>
            {
                for (var i = 0; i < page.Count; i++)
                    result.Add(page.NodeAt(i));
            });
            return result;
        }

        /// <summary>Every entry of the block B-tree (for diagnostics and tests).</summary>
        internal List<BlockEntry> AllBlocks()
        {
            var result = new List<BlockEntry>();
            VisitLeaves(Header.BlockBTreeRoot, BTreePage.BlockBTreeType, page =>
            {
                for (var i = 0; i < page.Count; i++)
                    result.Add(page.BlockAt(i));
            });
            return result;
        }

        /// <summary>The pages of a B-tree (for diagnostics and tests).</summary>
        internal List<BlockRef> AllPages(byte pageType)
        {
            var result = new List<BlockRef>();
            VisitLeaves(pageType == BTreePage.NodeBTreeType ? Header.NodeBTreeRoot : Header.BlockBTreeRoot, pageType, _ => { }, result);
            return result;
        }

        /// <summary>Walks a whole B-tree, each page once (a page reached twice is a loop), handing each leaf page to <paramref name="visit"/>.</summary>
        /// <param name="onDamage">When given, a damaged page (or a loop) is reported to it and its subtree skipped, instead of failing the walk.</param>
        private void VisitLeaves(BlockRef root, byte pageType, Action<BTreePage> visit, List<BlockRef>? allPages = null, Action<PstFormatException>? onDamage = null)
        {
            var visited = new HashSet<long>();
            var maxPages = Length / Layout.PageSize + 1;
            var stack = new Stack<(BlockRef Ref, int Level)>();
            stack.Push((root, -1));
            lock (_gate)
            {
                while (stack.Count > 0)
                {
                    var (reference, expectedLevel) = stack.Pop();
                    BTreePage page;
                    try
                    {
                        if (!visited.Add(reference.Offset) || visited.Count > maxPages)
                            throw new PstFormatException($"The {BTreePage.Describe(pageType)} reaches the page at offset 0x{reference.Offset:X} (BID 0x{reference.Bid:X}) twice: the tree has a loop.");
                        page = ReadPage(reference, pageType);
                        CheckLevel(page, reference, expectedLevel);
                    }
                    catch (PstFormatException e) when (onDamage != null)
                    {
                        onDamage(e);
                        continue;
                    }

                    allPages?.Add(reference);
                    if (page.Level == 0)
                    {
                        visit(page);
                    }
                    else
                    {
                        for (var i = page.Count - 1; i >= 0; i--)
                            stack.Push((page.Child(i), page.Level - 1));
                    }
                }
            }
        }

        /// <summary>Walks from the root to the leaf page that would hold <paramref name="key"/>; null when no page can.</summary>
        private BTreePage? Descend(BlockRef root, byte pageType, ulong key)
        {
            var reference = root;
            var expectedLevel = -1;
            while (true)
            {
                var page = ReadPage(reference, pageType);
                CheckLevel(page, reference, expectedLevel);
                if (page.Level == 0)
                    return page;

                var chosen = -1;
                for (var i = 0; i < page.Count; i++)
                {
                    var entryKey = page.Key(i);
                    if (pageType == BTreePage.BlockBTreeType)
                        entryKey &= ~1UL;
                    if (entryKey <= key)
                        chosen = i;
                    else
                        break;
                }

                if (chosen < 0)
                    return null;
                reference = page.Child(chosen);
                expectedLevel = page.Level - 1;
            }
        }

        private static void CheckLevel(BTreePage page, BlockRef reference, int expectedLevel)
        {
            if (page.Level > MaxTreeLevel)
                throw new PstFormatException($"The {BTreePage.Describe(page.PageType)} page at offset 0x{reference.Offset:X} claims level {page.Level}, deeper than any real PST.");
            if (expectedLevel >= 0 && page.Level != expectedLevel)
                throw new PstFormatException($"The {BTreePage.Describe(page.PageType)} page at offset 0x{reference.Offset:X} (BID 0x{reference.Bid:X}) is at level {page.Level} but its parent expects level {expectedLevel}.");
        }

        private byte[] ReadBlock(BlockEntry entry, string what)
        {
            var where = $"block BID 0x{entry.Bid & ~1UL:X} ({what}) at offset 0x{entry.Offset:X}";
            if (entry.StoredSize > Layout.MaxBlockData)
                throw new PstFormatException($"The {where} claims {entry.StoredSize} bytes, more than a block holds ({Layout.MaxBlockData}).");
            if (entry.InflatedSize > Layout.MaxBlockSize)
                throw new PstFormatException($"The {where} claims an inflated size of {entry.InflatedSize} bytes, more than a block holds.");

            var onDisk = (int)Layout.BlockSizeOnDisk(entry.StoredSize);
            var raw = ReadAt(entry.Offset, onDisk, where);
            var t = onDisk - Layout.BlockTrailerSize;
            int cb = Le.U16(raw, t);
            uint storedCrc;
            ulong trailerBid;
            if (Layout.WideIds)
            {
                storedCrc = Le.U32(raw, t + 4);
                trailerBid = Le.U64(raw, t + 8);
            }
            else
            {
                trailerBid = Le.U32(raw, t + 4);
                storedCrc = Le.U32(raw, t + 8);
            }

            if (cb != entry.StoredSize)
                throw new PstFormatException($"The {where} has {cb} in its trailer's size field, but the block B-tree says {entry.StoredSize}.");
            if ((trailerBid & ~1UL) != (entry.Bid & ~1UL))
                throw new PstFormatException($"The {where} carries BID 0x{trailerBid:X} in its trailer: the block B-tree points at the wrong data.");
            var crc = PstCrc.Compute(raw, 0, cb);
            if (crc != storedCrc)
                throw new PstFormatException($"CRC mismatch in the {where}: stored 0x{storedCrc:X8}, computed 0x{crc:X8}.");

            var data = new byte[cb];
            Buffer.BlockCopy(raw, 0, data, 0, cb);
            if (Layout.Variant == PstVariant.Unicode4K && entry.InflatedSize != entry.StoredSize)
                data = Inflate(data, entry.InflatedSize, where);
            if (!entry.IsInternal)
                BlockEncoding.Decode(Header.Crypt, data, entry.Bid);
            return data;
        }

        private static byte[] Inflate(byte[] compressed, int size, string where)
        {
            if (compressed.Length < 2 || (compressed[0] & 0x0F) != 8)
                throw new PstFormatException($"The {where} should hold a zlib stream but starts with 0x{(compressed.Length > 0 ? compressed[0] : 0):X2}.");
            try
            {
                var result = new byte[size];
                using (var input = new MemoryStream(compressed, 2, compressed.Length - 2, writable: false))
                using (var inflater = new DeflateStream(input, CompressionMode.Decompress))
                {
                    var read = 0;
                    while (read < size)
                    {
                        var n = inflater.Read(result, read, size - read);
                        if (n <= 0)
                            break;
                        read += n;
                    }

                    if (read != size)
                        throw new PstFormatException($"The {where} inflates to {read} bytes, not the {size} its entry gives.");
                }

                return result;
            }
            catch (InvalidDataException e)
            {
                throw new PstFormatException($"The {where} holds a damaged zlib stream: {e.Message}", e);
            }
        }
    }
}
