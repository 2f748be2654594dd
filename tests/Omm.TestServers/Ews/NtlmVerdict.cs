namespace Omm.TestServers.Ews;

/// <summary>How an NTLM server handled a token: a CHALLENGE_MESSAGE to send, the user it authenticated, or why it refused.</summary>
public sealed record NtlmVerdict(byte[]? Challenge, string? User, string? Refusal)
{
    public static NtlmVerdict Challenging(byte[] challenge) => new(challenge, null, null);

    public static NtlmVerdict Authenticated(string user) => new(null, user, null);

    public static NtlmVerdict Refused(string why) => new(null, null, why);
}
