using System.Buffers.Binary;
using System.Text;

namespace Omm.TestServers.Ews;

/// <summary>
/// A list of AV_PAIRs ([MS-NLMP] 2.2.2.1): AvId (2 bytes), AvLen (2 bytes), value, little-endian, ended by MsvAvEOL.
/// Names are UTF-16LE; MsvAvTimestamp is a FILETIME; MsvAvFlags a 32-bit value (0x2: the AUTHENTICATE_MESSAGE has a MIC).
/// </summary>
public sealed class NtlmAvPairs
{
    /// <summary>MsvAvFlags bit: "the client is providing message integrity in the MIC field".</summary>
    public const uint MicPresent = 0x2;

    private readonly List<(NtlmAvId Id, byte[] Value)> pairs = [];

    public IReadOnlyList<(NtlmAvId Id, byte[] Value)> Pairs => pairs;

    public NtlmAvPairs Add(NtlmAvId id, byte[] value)
    {
        pairs.Add((id, value));
        return this;
    }

    public NtlmAvPairs AddName(NtlmAvId id, string name) => Add(id, Encoding.Unicode.GetBytes(name));

    public NtlmAvPairs AddTimestamp(DateTimeOffset time)
    {
        var value = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(value, time.UtcDateTime.ToFileTimeUtc());
        return Add(NtlmAvId.Timestamp, value);
    }

    public byte[]? Value(NtlmAvId id) => pairs.FirstOrDefault(p => p.Id == id).Value;

    public string? Name(NtlmAvId id) => Value(id) is { } value ? Encoding.Unicode.GetString(value) : null;

    public DateTimeOffset? Timestamp => Value(NtlmAvId.Timestamp) is { Length: 8 } value
        ? DateTimeOffset.FromFileTime(BinaryPrimitives.ReadInt64LittleEndian(value)).ToUniversalTime()
        : null;

    public uint AvFlags => Value(NtlmAvId.Flags) is { Length: 4 } value ? BinaryPrimitives.ReadUInt32LittleEndian(value) : 0;

    public byte[] ToBytes()
    {
        var output = new List<byte>();
        foreach (var (id, value) in pairs.Append((NtlmAvId.EndOfList, [])))
        {
            var header = new byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)id);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)value.Length);
            output.AddRange(header);
            output.AddRange(value);
        }

        return [.. output];
    }

    /// <exception cref="FormatException">A pair runs past the end, or the list has no MsvAvEOL.</exception>
    public static NtlmAvPairs Read(ReadOnlySpan<byte> bytes)
    {
        var list = new NtlmAvPairs();
        var at = 0;
        while (true)
        {
            if (at + 4 > bytes.Length)
                throw new FormatException("The AV_PAIR list has no MsvAvEOL.");
            var id = (NtlmAvId)BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 2)..]);
            at += 4;
            if (id == NtlmAvId.EndOfList)
                return list;
            if (at + length > bytes.Length)
                throw new FormatException($"The AV_PAIR {id} runs past the end of the list.");
            list.Add(id, bytes.Slice(at, length).ToArray());
            at += length;
        }
    }
}
