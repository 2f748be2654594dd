using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>Resolves an HNID: a HID in the node's heap, or a subnode NID for values too large for the heap.</summary>
    internal static class ValueResolver
    {
        public static bool IsSubnode(uint hnid) => hnid != 0 && (hnid & 0x1F) != 0;

        public static byte[] Read(HeapOnNode heap, uint hnid, string what, long limit)
        {
            if (!IsSubnode(hnid))
            {
                var bytes = heap.GetBytes(hnid, what);
                return bytes;
            }

            var data = heap.Node.OpenSubnodeData(hnid, what);
            return data.ReadAll(limit);
        }

        /// <summary>The length of the value without reading it.</summary>
        public static long Length(HeapOnNode heap, uint hnid, string what)
        {
            if (!IsSubnode(hnid))
                return heap.Get(hnid, what).Count;
            return heap.Node.OpenSubnodeData(hnid, what).Length;
        }

        /// <summary>The data blocks of a subnode-held value, for streaming; null for heap-held values.</summary>
        public static NodeData? OpenData(HeapOnNode heap, uint hnid, string what)
        {
            return IsSubnode(hnid) ? heap.Node.OpenSubnodeData(hnid, what) : null;
        }
    }
}
