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
    public const byte OccurrenceKind = 3;
    public const byte AttachmentKind = 4;

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

    /// <summary>The id of one occurrence of a series: the master's id bytes and the 1-based instance index, so it needs no storage.</summary>
    public static string OccurrenceId(string masterId, int index)
    {
        var bytes = new byte[1 + 20 + 4];
        Convert.FromBase64String(masterId).AsSpan(1, 20).CopyTo(bytes.AsSpan(1));
        bytes[0] = OccurrenceKind;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(21), index);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The master id and instance index an occurrence id carries; false for any other id.</summary>
    public static bool TryReadOccurrenceId(string id, out string masterId, out int index)
    {
        masterId = "";
        index = 0;
        var bytes = new byte[32];
        if (!Convert.TryFromBase64String(id, bytes, out var length) || length != 25 || bytes[0] != OccurrenceKind)
            return false;
        bytes[0] = ItemKind;
        masterId = Convert.ToBase64String(bytes, 0, 21);
        index = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(21));
        return true;
    }

    public static string ChangeKey(byte kind, long version)
    {
        var bytes = new byte[1 + 8];
        bytes[0] = kind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), version);
        return Convert.ToBase64String(bytes);
    }
}
