namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>Little-endian reads that check their bounds and report damage as <see cref="PstFormatException"/>.</summary>
    internal static class Le
    {
        public static byte U8(byte[] data, int offset)
        {
            Check(data, offset, 1);
            return data[offset];
        }

        public static ushort U16(byte[] data, int offset)
        {
            Check(data, offset, 2);
            return (ushort)(data[offset] | (data[offset + 1] << 8));
        }

        public static uint U32(byte[] data, int offset)
        {
            Check(data, offset, 4);
            return (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
        }

        public static ulong U64(byte[] data, int offset)
        {
            Check(data, offset, 8);
            return U32(data, offset) | ((ulong)U32(data, offset + 4) << 32);
        }

        /// <summary>A 4- or 8-byte ID (ANSI or Unicode files).</summary>
        public static ulong Id(byte[] data, int offset, bool wide) => wide ? U64(data, offset) : U32(data, offset);

        public static void Check(byte[] data, int offset, int count)
        {
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new PstFormatException($"A structure field at byte {offset} (length {count}) lies outside its {data.Length}-byte container.");
        }
    }
}
