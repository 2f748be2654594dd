using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Omm.TestServers.Ews;

/// <summary>
/// One NTLM handshake, server side, as [MS-NLMP] 3.2.5.1 describes it: a NEGOTIATE_MESSAGE gets a CHALLENGE_MESSAGE
/// (a fresh 8-byte ServerChallenge, TargetInfo with names and MsvAvTimestamp), and the AUTHENTICATE_MESSAGE is checked
/// as NTLMv2 only: NTProofStr recomputed from the account's password (3.3.2), the client's timestamp against the
/// challenge's, and the MIC when the client says it sent one (MsvAvFlags 0x2). LM, NTLMv1 and anonymous are refused,
/// as on a server with LmCompatibilityLevel 5.
/// </summary>
public sealed class NtlmServerHandshake(string domain, string computer, string dnsDomain, TimeProvider time)
{
    /// <summary>How far the client's timestamp may be from the challenge's (MaxLifetime, 3.2.5.1.2: 36 hours).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(36);

    private byte[]? negotiate;
    private byte[]? challenge;
    private NtlmChallengeMessage? sent;

    /// <summary>The CHALLENGE_MESSAGE for a client's NEGOTIATE_MESSAGE.</summary>
    /// <exception cref="FormatException">Not a NEGOTIATE_MESSAGE.</exception>
    public byte[] Challenge(byte[] negotiateMessage)
    {
        var asked = NtlmNegotiateMessage.Read(negotiateMessage).Flags;
        const NtlmFlags echoed = NtlmFlags.RequestTarget | NtlmFlags.Sign | NtlmFlags.Seal | NtlmFlags.AlwaysSign | NtlmFlags.ExtendedSessionSecurity
                                 | NtlmFlags.Identify | NtlmFlags.Negotiate128 | NtlmFlags.Negotiate56 | NtlmFlags.KeyExchange;
        var flags = (asked & echoed) | NtlmFlags.Ntlm | NtlmFlags.TargetTypeDomain | NtlmFlags.TargetInfo | NtlmFlags.Version
                    | ((asked & NtlmFlags.Unicode) != 0 ? NtlmFlags.Unicode : NtlmFlags.Oem);
        var info = new NtlmAvPairs()
            .AddName(NtlmAvId.NbDomainName, domain)
            .AddName(NtlmAvId.NbComputerName, computer)
            .AddName(NtlmAvId.DnsDomainName, dnsDomain)
            .AddName(NtlmAvId.DnsComputerName, computer.ToLowerInvariant() + "." + dnsDomain)
            .AddName(NtlmAvId.DnsTreeName, dnsDomain)
            .AddTimestamp(time.GetUtcNow());
        sent = new NtlmChallengeMessage(flags, domain, RandomNumberGenerator.GetBytes(8), info, NtlmChallengeMessage.ServerVersion);
        negotiate = negotiateMessage;
        challenge = sent.ToBytes();
        return challenge;
    }

    /// <summary>Checks an AUTHENTICATE_MESSAGE against the challenge sent; <paramref name="passwordOf"/> gives a user's password, or null.</summary>
    public NtlmVerdict Verify(byte[] authenticateMessage, Func<string, string?> passwordOf)
    {
        if (sent == null || negotiate == null || challenge == null)
            return NtlmVerdict.Refused("an AUTHENTICATE_MESSAGE without a challenge before it on this connection");
        NtlmAuthenticateMessage message;
        try
        {
            message = NtlmAuthenticateMessage.Read(authenticateMessage);
        }
        catch (FormatException e)
        {
            return NtlmVerdict.Refused(e.Message);
        }

        if (message.User.Length == 0 || message.NtResponse.Length == 0)
            return NtlmVerdict.Refused("anonymous");
        // NTLMv2_RESPONSE (2.2.2.8): the 16-byte NTProofStr, then NTLMv2_CLIENT_CHALLENGE (2.2.2.7): RespType 1,
        // HiRespType 1, 6 reserved bytes, TimeStamp, ChallengeFromClient (8), 4 reserved bytes, AvPairs. 24 bytes is NTLMv1.
        if (message.NtResponse.Length < 16 + 28)
            return NtlmVerdict.Refused($"an NTLMv1 or LM response ({message.NtResponse.Length} bytes): only NTLMv2 is accepted");
        var blob = message.NtResponse.AsSpan(16);
        if (blob[0] != 1 || blob[1] != 1)
            return NtlmVerdict.Refused($"NTLMv2_CLIENT_CHALLENGE version {blob[0]}.{blob[1]}");
        var clientTime = DateTimeOffset.FromFileTime(BinaryPrimitives.ReadInt64LittleEndian(blob[8..])).ToUniversalTime();
        if (sent.TargetInfo.Timestamp is { } issued && (clientTime - issued).Duration() > MaxLifetime)
            return NtlmVerdict.Refused($"the client's timestamp {clientTime:O} is too far from the challenge's {issued:O}");
        NtlmAvPairs clientPairs;
        try
        {
            clientPairs = NtlmAvPairs.Read(blob[28..]);
        }
        catch (FormatException e)
        {
            return NtlmVerdict.Refused(e.Message);
        }

        if (passwordOf(message.User) is not { } password)
            return NtlmVerdict.Refused($"no account '{message.User}'");
        var key = NtlmV2.ResponseKeyNt(password, message.User, message.Domain);
        var proof = NtlmV2.NtProofStr(key, sent.ServerChallenge, blob);
        if (!CryptographicOperations.FixedTimeEquals(proof, message.NtResponse.AsSpan(0, 16)))
            return NtlmVerdict.Refused($"the NTProofStr of '{message.Domain}\\{message.User}' does not match: wrong password");

        if ((clientPairs.AvFlags & NtlmAvPairs.MicPresent) != 0)
        {
            if (message.PayloadStart < NtlmAuthenticateMessage.MicOffset + 16)
                return NtlmVerdict.Refused("MsvAvFlags announce a MIC but the message has no room for one");
            var exported = NtlmV2.ExportedSessionKey(NtlmV2.SessionBaseKey(key, proof), message.Flags, message.EncryptedRandomSessionKey);
            var mic = NtlmV2.Mic(exported, negotiate, challenge, message.WithoutMic());
            if (!CryptographicOperations.FixedTimeEquals(mic, message.Mic))
                return NtlmVerdict.Refused("the MIC does not match the three messages");
        }

        return NtlmVerdict.Authenticated(message.User);
    }
}
