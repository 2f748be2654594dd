namespace Omm.TestServers;

/// <summary>Every folder and message of an account, read back over IMAP with <see cref="RawImapClient"/>.</summary>
public sealed class MailboxSnapshot
{
    private MailboxSnapshot(IReadOnlyList<ImapFolderListing> folders, IReadOnlyDictionary<string, IReadOnlyList<ImapMessage>> messages)
    {
        Folders = folders;
        Messages = messages;
    }

    public IReadOnlyList<ImapFolderListing> Folders { get; }

    /// <summary>Messages of each selectable folder, by folder name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ImapMessage>> Messages { get; }

    public int Count => Messages.Values.Sum(m => m.Count);

    public static MailboxSnapshot Read(DovecotServer server, string user)
    {
        using var client = RawImapClient.Connect(server, user);
        return Read(client);
    }

    public static MailboxSnapshot Read(IImapTestServer server, string user)
    {
        using var client = RawImapClient.Connect(server, user);
        return Read(client);
    }

    private static MailboxSnapshot Read(RawImapClient client)
    {
        var folders = client.List();
        var messages = new Dictionary<string, IReadOnlyList<ImapMessage>>(StringComparer.Ordinal);
        foreach (var folder in folders.Where(f => !f.Attributes.Contains("\\Noselect", StringComparer.OrdinalIgnoreCase)))
            messages[folder.Name] = client.FetchAll(folder.Name);
        client.Logout();
        return new MailboxSnapshot(folders, messages);
    }

    public IReadOnlyList<ImapMessage> In(string folder) =>
        Messages.TryGetValue(folder, out var list) ? list : Array.Empty<ImapMessage>();

    public ImapFolderListing? Folder(string name) => Folders.FirstOrDefault(f => f.Name == name);

    /// <summary>Flags as a comparable set: system flags and keywords, without the session-only \Recent.</summary>
    public static IReadOnlySet<string> FlagSet(ImapMessage message) =>
        message.Flags.Where(f => !f.Equals("\\Recent", StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
