using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>
    /// A node (or subnode) as the LTP layer sees it: its data, and its subnode tree for HNIDs that name
    /// subnodes (large values, tables, attachments).
    /// </summary>
    internal sealed class LtpNode
    {
        private readonly ulong _subnodeBid;
        private SubnodeTree? _subnodes;

        public LtpNode(NodeDatabase db, uint nid, ulong dataBid, ulong subnodeBid, string what)
        {
            Db = db;
            Nid = nid;
            Description = what;
            _subnodeBid = subnodeBid;
            Data = NodeData.Load(db, dataBid, what);
        }

        public NodeDatabase Db { get; }

        public uint Nid { get; }

        public NodeData Data { get; }

        /// <summary>For messages: which node this is, e.g. "message NID 0x200024".</summary>
        public string Description { get; }

        public SubnodeTree Subnodes => _subnodes ??= SubnodeTree.Load(Db, _subnodeBid, Description);

        public static LtpNode Open(NodeDatabase db, uint nid, string what)
        {
            var entry = db.GetNode(nid, what);
            return new LtpNode(db, nid, entry.DataBid, entry.SubnodeBid, $"{what} (NID 0x{nid:X})");
        }

        public bool HasSubnode(uint nid) => Subnodes.TryGet(nid, out _);

        /// <summary>Opens subnode <paramref name="nid"/>; null when this node has no such subnode.</summary>
        public LtpNode? TryOpenSubnode(uint nid, string what)
        {
            if (!Subnodes.TryGet(nid, out var entry))
                return null;
            return new LtpNode(Db, nid, entry.DataBid, entry.SubnodeBid, $"{what} (subnode 0x{nid:X} of {Description})");
        }

        public LtpNode OpenSubnode(uint nid, string what)
        {
            return TryOpenSubnode(nid, what)
                ?? throw new PstFormatException($"The {what} (subnode 0x{nid:X}) is missing from the subnode tree of {Description}.");
        }

        /// <summary>The data of subnode <paramref name="nid"/>, for values stored outside the heap.</summary>
        public NodeData OpenSubnodeData(uint nid, string what)
        {
            if (!Subnodes.TryGet(nid, out var entry))
                throw new PstFormatException($"The {what} is stored in subnode 0x{nid:X}, which is missing from the subnode tree of {Description}.");
            return NodeData.Load(Db, entry.DataBid, $"{what} (subnode 0x{nid:X} of {Description})");
        }
    }
}
