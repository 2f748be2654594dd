namespace Omm.TestServers;

/// <summary>A message as an IMAP server returns it: the exact BODY[] bytes, flags and INTERNALDATE.</summary>
public sealed record ImapMessage(uint Uid, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, byte[] Body)
{
    public string Sha256 => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Body));
}
