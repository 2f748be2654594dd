using System.Buffers.Binary;

namespace Omm.TestServers.Ews;

/// <summary>
/// The client's AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3): MessageType 3, then the fields LmChallengeResponse (12),
/// NtChallengeResponse (20), DomainName (28), UserName (36), Workstation (44), EncryptedRandomSessionKey (52),
/// NegotiateFlags (60), Version (64) and the 16-byte MIC (72) when the client sends one.
/// </summary>
public sealed record NtlmAuthenticateMessage(NtlmFlags Flags, byte[] LmResponse, byte[] NtResponse, string Domain, string User, string Workstation,
    byte[] EncryptedRandomSessionKey, byte[] Bytes)
{
    public const int MicOffset = 72;
    private const int FixedLength = 64;

    /// <summary>The first byte of the payload: a message whose payload starts after 88 has room for a MIC.</summary>
    public int PayloadStart
    {
        get
        {
            var start = Bytes.Length;
            foreach (var at in new[] { 12, 20, 28, 36, 44, 52 })
            {
                if (BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(at)) > 0)
                    start = Math.Min(start, (int)BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(at + 4)));
            }

            return start;
        }
    }

    /// <summary>The message with its MIC field zeroed, as the MIC is computed over it (3.1.5.1.2).</summary>
    public byte[] WithoutMic()
    {
        var copy = (byte[])Bytes.Clone();
        copy.AsSpan(MicOffset, 16).Clear();
        return copy;
    }

    public byte[] Mic => Bytes[MicOffset..(MicOffset + 16)];

    /// <exception cref="FormatException">Not an AUTHENTICATE_MESSAGE, or its fields do not fit.</exception>
    public static NtlmAuthenticateMessage Read(byte[] message)
    {
        NtlmWire.CheckHeader(message, 3, FixedLength);
        var flags = (NtlmFlags)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(60));
        return new NtlmAuthenticateMessage(flags, NtlmWire.Field(message, 12), NtlmWire.Field(message, 20),
            NtlmWire.Text(NtlmWire.Field(message, 28), flags), NtlmWire.Text(NtlmWire.Field(message, 36), flags),
            NtlmWire.Text(NtlmWire.Field(message, 44), flags), NtlmWire.Field(message, 52), message);
    }
}
