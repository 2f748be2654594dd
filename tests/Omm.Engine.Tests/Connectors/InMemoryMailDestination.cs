using System.Globalization;
using System.Security.Cryptography;
using MailKit;
using MimeKit;
using Omm.Engine.Connectors;
using Omm.Engine.Folders;
using Omm.Engine.Mail;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// A mail destination held in memory, to test the passes above <see cref="IMailDestination"/> in milliseconds: folders with
/// roles, keys "GENERATION:NUMBER" that change when a folder is rebuilt (<see cref="Rebuild"/>), and refusals on demand
/// (a message whose bytes contain a text, and any batch holding one), keywords refused, a size limit. The contract tests run it beside
/// Dovecot, which keeps it honest.
/// </summary>
internal sealed class InMemoryMailDestination : IMailDestination
{
    private readonly Dictionary<string, Folder> folders = new(StringComparer.Ordinal);
    private readonly Dictionary<FolderRole, string> roles = new();

    public InMemoryMailDestination()
    {
        folders["INBOX"] = new Folder("INBOX", holdsMessages: true);
        roles[FolderRole.Inbox] = "INBOX";
    }

    /// <summary>Messages whose bytes contain this text are refused one by one (and so is any batch holding one).</summary>
    public string? RefuseContaining { get; set; }

    public bool AcceptsKeywords { get; set; } = true;

    public long? MaxMessageBytes { get; set; }

    /// <summary>Append calls so far, with how many messages each carried.</summary>
    public List<int> Appends { get; } = new();

    public InMemoryMailDestination WithFolder(string path, FolderRole role = FolderRole.None)
    {
        folders[path] = new Folder(path, holdsMessages: true);
        if (role != FolderRole.None)
            roles[role] = path;
        return this;
    }

    /// <summary>The messages of a folder as stored: bytes, flags and date.</summary>
    public IReadOnlyList<StoredMessage> In(string path) => folders.TryGetValue(path, out var folder) ? folder.Messages.ToList() : Array.Empty<StoredMessage>();

    public IReadOnlyCollection<string> FolderPaths => folders.Keys;

    /// <summary>Gives every message of the folder a new key, as an IMAP server does when a folder's UIDVALIDITY changes.</summary>
    public void Rebuild(string path)
    {
        var folder = folders[path];
        folder.Generation++;
        var next = 1;
        foreach (var message in folder.Messages)
            message.Number = next++;
        folder.NextNumber = next;
    }

    /// <summary>Deletes a message behind the passes' back (a user on the destination, or a pass killed before appending it).</summary>
    public void Forget(string path, StoredMessage message) => folders[path].Messages.Remove(message);

    public Task<MailDestinationTree> OpenAsync(CancellationToken cancellationToken)
    {
        return Task.FromResult(new MailDestinationTree(new MailboxNamespace(string.Empty, '/'), new Dictionary<FolderRole, string>(roles)));
    }

    public Task<EnsuredFolder> EnsureFolderAsync(string path, bool holdsMessages, CancellationToken cancellationToken)
    {
        if (RefuseContaining != null && path.Contains(RefuseContaining, StringComparison.Ordinal))
            throw new RefusedException($"No folder named '{path}' here.");
        var created = false;
        var parents = new List<string>();
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path[..slash];
            if (folders.ContainsKey(parent))
                continue;
            folders[parent] = new Folder(parent, holdsMessages: false);
            parents.Add(parent);
        }

        if (!folders.TryGetValue(path, out var folder) || (holdsMessages && !folder.HoldsMessages))
        {
            folders[path] = folder = new Folder(path, holdsMessages || folder?.HoldsMessages == true);
            created = true;
        }

        return Task.FromResult(new EnsuredFolder(new FolderView(this, folder), created, parents));
    }

    public Task<IMailDestinationFolder?> FindFolderAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(folders.TryGetValue(path, out var folder) ? new FolderView(this, folder) : (IMailDestinationFolder?)null);

    public Task<IReadOnlyList<(string Path, int? Count)>> ListFoldersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, int?)>>(folders.Values.Select(f => (f.Path, (int?)f.Messages.Count)).ToList());

    public Task DeleteFolderAsync(string path, CancellationToken cancellationToken)
    {
        if (!folders.Remove(path))
            throw new RefusedException($"There is no folder '{path}'.");
        return Task.CompletedTask;
    }

    public Task CloseAsync() => Task.CompletedTask;

    public void Dispose()
    {
    }

    internal sealed class StoredMessage
    {
        public required byte[] Raw { get; init; }

        public required int Number { get; set; }

        public MessageFlags Flags { get; set; }

        public HashSet<string> Keywords { get; set; } = new(StringComparer.Ordinal);

        public DateTimeOffset? Date { get; init; }

        public string Sha256 => Convert.ToHexString(SHA256.HashData(Raw));
    }

    private sealed class Folder(string path, bool holdsMessages)
    {
        public string Path { get; } = path;

        public bool HoldsMessages { get; } = holdsMessages;

        public int Generation { get; set; } = 1;

        public int NextNumber { get; set; } = 1;

        public List<StoredMessage> Messages { get; } = new();

        public string KeyOf(StoredMessage message) => $"{Generation}:{message.Number}";

        public StoredMessage Store(byte[] raw, MessageFlags flags, IEnumerable<string> keywords, DateTimeOffset? date)
        {
            // As an IMAP server does, a message given no date is dated when it arrives.
            var arrival = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var message = new StoredMessage { Raw = raw, Number = NextNumber++, Flags = flags, Keywords = new(keywords, StringComparer.Ordinal), Date = date ?? arrival };
            Messages.Add(message);
            return message;
        }
    }

    private sealed class FolderView(InMemoryMailDestination owner, Folder folder) : IMailDestinationFolder
    {
        private bool open;

        public string Path => folder.Path;

        public bool AcceptsKeywords => owner.AcceptsKeywords;

        public long? MaxMessageBytes => owner.MaxMessageBytes;

        public string Cursor => $"{folder.Generation}:{folder.NextNumber}";

        public string StartCursor => $"{folder.Generation}:1";

        public Task OpenAsync(CancellationToken cancellationToken)
        {
            if (!folder.HoldsMessages)
                throw new RefusedException($"'{folder.Path}' holds no messages.");
            open = true;
            return Task.CompletedTask;
        }

        public Task CloseAsync(CancellationToken cancellationToken)
        {
            open = false;
            return Task.CompletedTask;
        }

        public bool Holds(string keyOrCursor) => Parse(keyOrCursor) is (int generation, _) && generation == folder.Generation;

        public Task<IReadOnlyCollection<string>> ListKeysAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>(Open().Messages.Select(folder.KeyOf).ToList());

        public Task<IReadOnlyList<DestinationCopy>> ListCopiesAsync(string? cursor, ISet<string> except, CancellationToken cancellationToken)
        {
            var first = cursor == null ? 0 : Parse(cursor) is (int generation, int number) && generation == folder.Generation ? number : int.MaxValue;
            IReadOnlyList<DestinationCopy> copies = Open().Messages
                .Where(m => m.Number >= first && !except.Contains(folder.KeyOf(m)))
                .Select(m => new DestinationCopy(folder.KeyOf(m), Fingerprint(m), FlagTextOf(m)))
                .ToList();
            return Task.FromResult(copies);
        }

        public Task<IReadOnlyDictionary<string, byte[]>> HashContentAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
            IReadOnlyDictionary<string, byte[]> hashes = Open().Messages.Where(m => wanted.Contains(folder.KeyOf(m)))
                .ToDictionary(folder.KeyOf, m => SHA256.HashData(m.Raw), StringComparer.Ordinal);
            return Task.FromResult(hashes);
        }

        public Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageToAppend> messages, CancellationToken cancellationToken)
        {
            // Copy lanes append from several threads at once.
            lock (owner)
                return Task.FromResult(Append(messages));
        }

        private IReadOnlyList<AppendOutcome> Append(IReadOnlyList<MessageToAppend> messages)
        {
            Open();
            owner.Appends.Add(messages.Count);
            var raws = messages.Select(m =>
            {
                using var copy = new MemoryStream();
                m.Raw.CopyTo(copy);
                m.Raw.Position = 0;
                return copy.ToArray();
            }).ToList();
            var refused = raws.Select(r => owner.RefuseContaining != null && System.Text.Encoding.ASCII.GetString(r).Contains(owner.RefuseContaining, StringComparison.Ordinal)).ToList();
            if (messages.Count > 1 && refused.Any(r => r))
                throw new RefusedException("[LIMIT] The batch was refused as a whole.");
            if (refused[0] && messages.Count == 1)
                throw new RefusedException("[LIMIT] The message was refused.");
            return messages.Select((m, i) => AppendOutcome.StoredAs(folder.KeyOf(folder.Store(raws[i], m.Flags, m.Keywords, m.ReceivedDate)))).ToList();
        }

        public Task SetFlagsAsync(IReadOnlyCollection<string> keys, MessageFlags flags, IReadOnlyCollection<string> keywords, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
            foreach (var message in Open().Messages.Where(m => wanted.Contains(folder.KeyOf(m))))
            {
                message.Flags = flags;
                message.Keywords = new HashSet<string>(keywords, StringComparer.Ordinal);
            }

            return Task.CompletedTask;
        }

        public Task<int> DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
            return Task.FromResult(Open().Messages.RemoveAll(m => wanted.Contains(folder.KeyOf(m))));
        }

        private Folder Open() => open ? folder : throw new InvalidOperationException($"'{folder.Path}' is not open.");

        private static (int, int)? Parse(string keyOrCursor)
        {
            var parts = keyOrCursor.Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (generation, number)
                : null;
        }

        private static MessageFingerprint Fingerprint(StoredMessage message)
        {
            using var stream = new MemoryStream(message.Raw);
            var id = HeaderList.Load(stream)["Message-ID"];
            return new MessageFingerprint(id == null ? null : MimeKit.Utils.MimeUtils.ParseMessageId(id), message.Raw.Length, message.Date);
        }

        private static string FlagTextOf(StoredMessage message) => Omm.Engine.Connectors.Imap.FlagText.Of(message.Flags, message.Keywords);
    }
}
