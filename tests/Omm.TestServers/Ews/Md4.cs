using System.Buffers.Binary;
using System.Numerics;

namespace Omm.TestServers.Ews;

/// <summary>MD4 (RFC 1320), which NTOWF needs and .NET does not offer.</summary>
public static class Md4
{
    private static readonly int[] Round2Order = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
    private static readonly int[] Round3Order = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
    private static readonly int[] Round1Shifts = [3, 7, 11, 19];
    private static readonly int[] Round2Shifts = [3, 5, 9, 13];
    private static readonly int[] Round3Shifts = [3, 9, 11, 15];

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        // Padded as MD5 is: 0x80, zeros to 56 mod 64, the length in bits as 64 bits little-endian.
        var padded = new byte[(data.Length + 8) / 64 * 64 + 64];
        data.CopyTo(padded);
        padded[data.Length] = 0x80;
        BinaryPrimitives.WriteUInt64LittleEndian(padded.AsSpan(padded.Length - 8), (ulong)data.Length * 8);

        Span<uint> state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        Span<uint> x = stackalloc uint[16];
        for (var block = 0; block < padded.Length; block += 64)
        {
            for (var i = 0; i < 16; i++)
                x[i] = BinaryPrimitives.ReadUInt32LittleEndian(padded.AsSpan(block + i * 4));
            uint a = state[0], b = state[1], c = state[2], d = state[3];
            for (var i = 0; i < 48; i++)
            {
                var round = i / 16;
                var k = round == 0 ? i : round == 1 ? Round2Order[i % 16] : Round3Order[i % 16];
                var s = (round == 0 ? Round1Shifts : round == 1 ? Round2Shifts : Round3Shifts)[i % 4];
                var mixed = round == 0 ? (b & c) | (~b & d)
                    : round == 1 ? ((b & c) | (b & d) | (c & d)) + 0x5A827999u
                    : (b ^ c ^ d) + 0x6ED9EBA1u;
                var next = BitOperations.RotateLeft(a + mixed + x[k], s);
                // [ABCD k s] then [DABC], [CDAB], [BCDA]: the word just computed moves to the back.
                (a, b, c, d) = (d, next, b, c);
            }

            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
        }

        var hash = new byte[16];
        for (var i = 0; i < 4; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(hash.AsSpan(i * 4), state[i]);
        return hash;
    }
}
