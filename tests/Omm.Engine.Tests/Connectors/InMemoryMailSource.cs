using System.Globalization;
using System.Text;
using MailKit;
using Omm.Engine.Connectors;
using Omm.Engine.Folders;
using Omm.Engine.Migrations;

namespace Omm.Engine.Tests.Connectors;

/// <summary>
/// A mail source held in memory, to test the pass above <see cref="IMailSource"/> without a source server: each message
/// can be made unreadable, to break the "connection" every time it is read, or to give no date (as a POP3 message whose
/// headers have none that parses).
/// </summary>
internal sealed class InMemoryMailSource : IMailSource
{
    private readonly List<(string Path, FolderRole Role, List<Message> Messages)> folders = new();
    private int version;

    /// <summary>Sessions opened so far (one per attempt of a pass).</summary>
    public int Sessions { get; private set; }

    public InMemoryMailSource Folder(string path, FolderRole role = FolderRole.None)
    {
        folders.Add((path, role, new List<Message>()));
        return this;
    }

    /// <summary>Adds a message to the last folder added.</summary>
    public InMemoryMailSource Add(string key, string subject, Behaviour behaviour = Behaviour.Readable, MessageFlags flags = MessageFlags.Seen)
    {
        folders[^1].Messages.Add(new Message(key, subject, behaviour, flags, null) { Version = ++version });
        return this;
    }

    /// <summary>Gives a message other flags, as a user would between two passes.</summary>
    public void SetFlags(string key, MessageFlags flags, params string[] keywords)
    {
        foreach (var (_, _, messages) in folders)
        {
            var index = messages.FindIndex(m => m.Key == key);
            if (index >= 0)
                messages[index] = messages[index] with { Flags = flags, Keywords = keywords, Version = ++version };
        }
    }

    /// <summary>Adds a message with these exact bytes to the last folder added.</summary>
    public InMemoryMailSource AddRaw(string key, string subject, byte[] raw)
    {
        folders[^1].Messages.Add(new Message(key, subject, Behaviour.Readable, MessageFlags.Seen, raw) { Version = ++version });
        return this;
    }

    public static byte[] Bytes(string key, string subject) => Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nTo: b@example.org\r\nSubject: {subject}\r\nMessage-ID: <{key}@in-memory>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nBody of {key}.\r\n");

    public Task<IReadOnlyList<SourceFolder>> OpenAsync(CancellationToken cancellationToken)
    {
        Sessions++;
        IReadOnlyList<SourceFolder> listed = folders
            .Select(f => TracksChanges
                ? new SourceFolder(f.Path, f.Role, f.Messages.Count, since => Since(f.Messages, since), () => version.ToString(CultureInfo.InvariantCulture))
                : new SourceFolder(f.Path, f.Role, f.Messages.Count, () => f.Messages.Select(ToSource)))
            .ToList();
        return Task.FromResult(listed);
    }

    /// <summary>Lists only what was added or changed since a cursor (a change counter), as an EWS SyncFolderItems does.</summary>
    public bool TracksChanges { get; init; }

    /// <summary>The cursors the folders were listed from, in order (null: everything).</summary>
    public List<string?> Listings { get; } = new();

    private IEnumerable<SourceMessage> Since(List<Message> messages, string? since)
    {
        Listings.Add(since);
        var from = since == null ? 0 : int.Parse(since, CultureInfo.InvariantCulture);
        return messages.Where(m => m.Version > from).Select(ToSource);
    }

    public void Dispose()
    {
    }

    private static SourceMessage ToSource(Message message) =>
        new(message.Key, $"message {message.Key}", message.Subject, message.Flags, null, async (output, cancellationToken) =>
        {
            switch (message.Behaviour)
            {
                case Behaviour.Unreadable:
                    throw new UnreadableItemException("The message cannot be read: its bytes are damaged.");
                case Behaviour.BreaksTheConnection:
                    throw new MigrationFailedException(FailureKind.ConnectionLost, $"The connection broke while reading message {message.Key}.");
                default:
                    var bytes = message.Raw ?? Bytes(message.Key, message.Subject);
                    await output.WriteAsync(bytes, cancellationToken);
                    return new MessageReading(Array.Empty<string>(),
                        message.Behaviour == Behaviour.Undated ? null : new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
            }
        }, message.Keywords);

    public enum Behaviour
    {
        Readable,
        Unreadable,
        BreaksTheConnection,

        /// <summary>Read, but with no date: the destination dates the copy.</summary>
        Undated,
    }

    private sealed record Message(string Key, string Subject, Behaviour Behaviour, MessageFlags Flags, byte[]? Raw)
    {
        public IReadOnlyCollection<string> Keywords { get; init; } = Array.Empty<string>();

        /// <summary>The change counter when it was added or last changed.</summary>
        public int Version { get; init; }
    }
}
