using System.Buffers.Binary;

namespace Omm.TestServers.Ews;

/// <summary>
/// The server's CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2): MessageType 2, TargetNameFields (offset 12), NegotiateFlags (20),
/// the 8-byte ServerChallenge (24), 8 reserved bytes, TargetInfoFields (40), Version (48), then the payload from 56.
/// </summary>
public sealed record NtlmChallengeMessage(NtlmFlags Flags, string TargetName, byte[] ServerChallenge, NtlmAvPairs TargetInfo, byte[] Version)
{
    private const int FixedLength = 56;

    /// <summary>Windows Server 2019's version (10.0 build 17763) and NTLMSSP_REVISION_W2K3 (15), as in 2.2.2.10.</summary>
    public static readonly byte[] ServerVersion = [10, 0, 0x63, 0x45, 0, 0, 0, 15];

    public byte[] ToBytes()
    {
        var target = (Flags & NtlmFlags.RequestTarget) != 0 ? System.Text.Encoding.Unicode.GetBytes(TargetName) : [];
        var info = (Flags & NtlmFlags.TargetInfo) != 0 ? TargetInfo.ToBytes() : [];
        var message = new byte[FixedLength + target.Length + info.Length];
        NtlmWire.Signature.CopyTo(message);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), 2);
        NtlmWire.WriteField(message, 12, target.Length, FixedLength);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(20), (uint)Flags);
        ServerChallenge.CopyTo(message, 24);
        NtlmWire.WriteField(message, 40, info.Length, FixedLength + target.Length);
        if ((Flags & NtlmFlags.Version) != 0)
            Version.CopyTo(message, 48);
        target.CopyTo(message, FixedLength);
        info.CopyTo(message, FixedLength + target.Length);
        return message;
    }

    /// <exception cref="FormatException">Not a CHALLENGE_MESSAGE, or its fields do not fit.</exception>
    public static NtlmChallengeMessage Read(byte[] message)
    {
        NtlmWire.CheckHeader(message, 2, 48);
        var flags = (NtlmFlags)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(20));
        var info = NtlmWire.Field(message, 40);
        return new NtlmChallengeMessage(flags, NtlmWire.Text(NtlmWire.Field(message, 12), flags), message[24..32],
            info.Length == 0 ? new NtlmAvPairs() : NtlmAvPairs.Read(info),
            message.Length >= FixedLength && (flags & NtlmFlags.Version) != 0 ? message[48..56] : []);
    }
}
