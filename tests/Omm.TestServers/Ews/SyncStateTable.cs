using System.Security.Cryptography;

namespace Omm.TestServers.Ews;

/// <summary>What a sync state told the client about one item.</summary>
internal readonly record struct SyncEntry(long ChangeNumber, int ContentVersion, bool IsRead, string ChangeKey);

/// <summary>
/// SyncFolderItems states: each is a random token naming the folder and what the client has been told of each item.
/// States are never dropped, so a client may go back to an older one, as with Exchange's opaque states.
/// </summary>
internal sealed class SyncStateTable
{
    private readonly object gate = new();
    private readonly Dictionary<string, (string FolderId, IReadOnlyDictionary<string, SyncEntry> Known)> states = new(StringComparer.Ordinal);

    public string Add(string folderId, IReadOnlyDictionary<string, SyncEntry> known)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        lock (gate)
            states.Add(token, (folderId, known));
        return token;
    }

    public IReadOnlyDictionary<string, SyncEntry>? Find(string token, string folderId)
    {
        lock (gate)
            return states.TryGetValue(token.Trim(), out var state) && state.FolderId == folderId ? state.Known : null;
    }
}
