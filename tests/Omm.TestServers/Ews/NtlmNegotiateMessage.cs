using System.Buffers.Binary;

namespace Omm.TestServers.Ews;

/// <summary>
/// The client's first message, NEGOTIATE_MESSAGE ([MS-NLMP] 2.2.1.1): MessageType 1, the flags the client asks for,
/// an optional domain and workstation (OEM) and Version. Kept whole: its bytes enter the MIC.
/// </summary>
public sealed record NtlmNegotiateMessage(NtlmFlags Flags, byte[] Bytes)
{
    private const int FixedLength = 32;

    /// <exception cref="FormatException">Not a NEGOTIATE_MESSAGE.</exception>
    public static NtlmNegotiateMessage Read(byte[] message)
    {
        NtlmWire.CheckHeader(message, 1, FixedLength);
        return new NtlmNegotiateMessage((NtlmFlags)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(12)), message);
    }
}
