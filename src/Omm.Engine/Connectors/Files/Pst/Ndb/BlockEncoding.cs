namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>bCryptMethod of the header: how external (data) blocks are obfuscated.</summary>
    internal enum CryptMethod
    {
        None = 0,
        Permute = 1,
        Cyclic = 2,
    }

    /// <summary>
    /// Decodes external data blocks ([MS-PST] 5.1 and 5.2). The substitution table mpbbCrypt is three
    /// permutations R, S and I, where I is the inverse of R; the spec's table is kept here as R and S.
    /// </summary>
    internal static class BlockEncoding
    {
        private const string RHex =
            "41361362A8216EBBF416CC047F64E85D1EF2CB2A74C55E35D295479E962D9A884C7D843FDBAC31B6485FF6C4D8398BE7" +
            "233B388EC8C1DF25B120A546604E9CFBAAD35651457C550007C92B9D859B09A08FADB30F63AB894BD7A7155A716642BF" +
            "264A6B98FAEA7753B270052CFD593A867ECE06EB827857C78D43AFB41CD45BCDE2E9274FC3087280CFB0EFF5286DBE30" +
            "4D3492D50E3C2232E5E4F99FC2D10A8112E1EE918376E397E6618A1779A4B7DC907A5C8C02A6CA69DE501A1193B95287" +
            "58FCED1D37491B6AE0293399BD6CD994F340546FF0C673B8D63E6518441FDD6710F10C19ECAE03A1147BA90BFFF8A3C0" +
            "A201F72EBC2468750DFEBA2FB5D0DA3D";

        private const string SHex =
            "14530F56B3C87A9CEB65481716159F02CC547C83000D0C0BA262A876DBD9EDC7C5A4DCAC8574D6D0A79BAE9A967166C3" +
            "6399B8DD73928E847DA55ED15D93B1575150808952944F4E0A6BBC8D7F6E47464140440111CB033FF7F4E1A98F3C3AF9" +
            "FBF0193082092EC99DA08649EE6F4D6DC42D813425871B88AAFC06A11238FD4C4272641337246A757743FFE6B44B365C" +
            "E4D8353D45B92CECB7312B290768A30E697B189E2139BE281A5B78F523CA2AB0AF3EFE048CE7E5983295D3F64AE8A6EA" +
            "E9F3D52F7020F21F0567AD5510CECDE3273BDABAD7C226D4911DD21C2233F8FAF15AEFCF90B68BB5BDC0BF08971E6CE2" +
            "61E0C6C159ABBB58DE5FDF60797EB28A";

        private static readonly byte[] R = FromHex(RHex);
        private static readonly byte[] S = FromHex(SHex);
        private static readonly byte[] I = Invert(R);

        /// <summary>Decodes <paramref name="data"/> in place. <paramref name="bid"/> keys the cyclic method.</summary>
        public static void Decode(CryptMethod method, byte[] data, ulong bid)
        {
            switch (method)
            {
                case CryptMethod.None:
                    return;
                case CryptMethod.Permute:
                    for (var i = 0; i < data.Length; i++)
                        data[i] = I[data[i]];
                    return;
                case CryptMethod.Cyclic:
                    var key = (uint)bid;
                    var w = (ushort)(key ^ (key >> 16));
                    for (var i = 0; i < data.Length; i++)
                    {
                        var lo = (byte)w;
                        var hi = (byte)(w >> 8);
                        var b = data[i];
                        b = (byte)(b + lo);
                        b = R[b];
                        b = (byte)(b + hi);
                        b = S[b];
                        b = (byte)(b - hi);
                        b = I[b];
                        b = (byte)(b - lo);
                        data[i] = b;
                        w++;
                    }

                    return;
                default:
                    throw new PstFormatException($"Unsupported block encryption method {(int)method}.");
            }
        }

        /// <summary>The inverse of <see cref="Decode"/> (tests use it to damage decoded data realistically).</summary>
        internal static void Encode(CryptMethod method, byte[] data, ulong bid)
        {
            if (method == CryptMethod.Permute)
            {
                for (var i = 0; i < data.Length; i++)
                    data[i] = R[data[i]];
                return;
            }

            // NDB_CRYPT_NONE needs nothing; NDB_CRYPT_CYCLIC is its own inverse.
            Decode(method, data, bid);
        }

        private static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = System.Convert.ToByte(hex.Substring(i * 2, 2), 16);
            return bytes;
        }

        private static byte[] Invert(byte[] permutation)
        {
            var inverse = new byte[permutation.Length];
            for (var i = 0; i < permutation.Length; i++)
                inverse[permutation[i]] = (byte)i;
            return inverse;
        }
    }
}
