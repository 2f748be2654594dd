using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Omm.TestServers.Ews;

/// <summary>
/// Ids and change keys of the server's own making: base64 as Exchange's are, opaque to clients. An id carries a kind
/// byte, the mailbox number and 16 random bytes; a change key carries a version number that grows on each change.
/// </summary>
internal static class EwsIds
{
    public const byte FolderKind = 1;
    public const byte ItemKind = 2;

    public static string NewId(byte kind, int mailbox)
    {
        var bytes = new byte[1 + 4 + 16];
        bytes[0] = kind;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), mailbox);
        RandomNumberGenerator.Fill(bytes.AsSpan(5));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Whether the id is one this server could have made for that kind (else ErrorInvalidIdMalformed).</summary>
    public static bool IsWellFormed(string id, byte kind)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(id, bytes, out var length) && length == 21 && bytes[0] == kind;
    }

    public static string ChangeKey(byte kind, long version)
    {
        var bytes = new byte[1 + 8];
        bytes[0] = kind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), version);
        return Convert.ToBase64String(bytes);
    }
}
