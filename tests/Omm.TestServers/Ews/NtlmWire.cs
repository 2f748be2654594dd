using System.Buffers.Binary;
using System.Text;

namespace Omm.TestServers.Ews;

/// <summary>
/// What the three NTLM messages share ([MS-NLMP] 2.2.1): the "NTLMSSP\0" signature, a 32-bit MessageType, and
/// variable fields given as Len (2 bytes), MaxLen (2 bytes) and a BufferOffset (4 bytes) from the message's start.
/// </summary>
internal static class NtlmWire
{
    public static ReadOnlySpan<byte> Signature => "NTLMSSP\0"u8;

    /// <exception cref="FormatException">Not an NTLM message of that type.</exception>
    public static void CheckHeader(ReadOnlySpan<byte> message, uint type, int fixedLength)
    {
        if (message.Length < fixedLength || !message[..8].SequenceEqual(Signature))
            throw new FormatException("Not an NTLM message (no NTLMSSP signature).");
        var actual = BinaryPrimitives.ReadUInt32LittleEndian(message[8..]);
        if (actual != type)
            throw new FormatException($"NTLM message type {actual} where type {type} was expected.");
    }

    /// <summary>The bytes a field descriptor at <paramref name="at"/> points to.</summary>
    /// <exception cref="FormatException">It points outside the message.</exception>
    public static byte[] Field(ReadOnlySpan<byte> message, int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(message[at..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(message[(at + 4)..]);
        if (length == 0)
            return [];
        if (offset > message.Length || offset + length > message.Length)
            throw new FormatException($"An NTLM field ({length} bytes at {offset}) runs past the message ({message.Length} bytes).");
        return message.Slice((int)offset, length).ToArray();
    }

    public static void WriteField(Span<byte> message, int at, int length, int offset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(message[at..], (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[(at + 2)..], (ushort)length);
        BinaryPrimitives.WriteUInt32LittleEndian(message[(at + 4)..], (uint)offset);
    }

    /// <summary>A string field: UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE was negotiated, else the OEM code page (ASCII here).</summary>
    public static string Text(byte[] bytes, NtlmFlags flags) =>
        (flags & NtlmFlags.Unicode) != 0 ? Encoding.Unicode.GetString(bytes) : Encoding.ASCII.GetString(bytes);
}
