namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>
    /// The [MS-PST] 5.3 CRC: CRC-32 with polynomial 0xEDB88320, initial value 0 and no final XOR (so not
    /// the zlib CRC, which starts from and ends with 0xFFFFFFFF).
    /// </summary>
    internal static class PstCrc
    {
        private static readonly uint[] Table = CreateTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            Le.Check(data, offset, count);
            uint crc = 0;
            for (var i = offset; i < offset + count; i++)
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] CreateTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }

            return table;
        }
    }
}
