using System.Security.Cryptography;
using System.Text;

namespace Omm.TestServers.Ews;

/// <summary>The NTLMv2 computations of [MS-NLMP] 3.3.2 and the key exchange of 3.4.5.1, as a server recomputes them.</summary>
public static class NtlmV2
{
    /// <summary>NTOWFv2(Passwd, User, UserDom) = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)).</summary>
    public static byte[] ResponseKeyNt(string password, string user, string domain) =>
        HMACMD5.HashData(Md4.Hash(Encoding.Unicode.GetBytes(password)), Encoding.Unicode.GetBytes(user.ToUpperInvariant() + domain));

    /// <summary>NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp), temp being the NTLMv2_CLIENT_CHALLENGE.</summary>
    public static byte[] NtProofStr(byte[] responseKeyNt, byte[] serverChallenge, ReadOnlySpan<byte> clientChallengeBlob) =>
        HMACMD5.HashData(responseKeyNt, (byte[])[.. serverChallenge, .. clientChallengeBlob]);

    /// <summary>SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); with NTLMv2 it is also the KeyExchangeKey (KXKEY).</summary>
    public static byte[] SessionBaseKey(byte[] responseKeyNt, byte[] ntProofStr) => HMACMD5.HashData(responseKeyNt, ntProofStr);

    /// <summary>The ExportedSessionKey: the client's random key, RC4-encrypted with the KeyExchangeKey under KEY_EXCH; else the KeyExchangeKey.</summary>
    public static byte[] ExportedSessionKey(byte[] keyExchangeKey, NtlmFlags flags, byte[] encryptedRandomSessionKey) =>
        (flags & NtlmFlags.KeyExchange) != 0 && encryptedRandomSessionKey.Length == 16
            ? Rc4.Transform(keyExchangeKey, encryptedRandomSessionKey)
            : keyExchangeKey;

    /// <summary>MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE_MESSAGE + CHALLENGE_MESSAGE + AUTHENTICATE_MESSAGE with MIC zeroed).</summary>
    public static byte[] Mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] authenticateWithoutMic) =>
        HMACMD5.HashData(exportedSessionKey, (byte[])[.. negotiate, .. challenge, .. authenticateWithoutMic]);
}
