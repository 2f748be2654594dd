using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors
{
    /// <summary>A folder of an <see cref="IMailSource"/>: its '/'-separated path, what it is for, and its messages.</summary>
    public sealed class SourceFolder
    {
        private readonly Func<string?, IEnumerable<SourceMessage>> messages;
        private readonly Func<string?> cursor;

        /// <param name="messages">Lists the messages in source order; may throw <see cref="UnreadableFolderException"/> part way.</param>
        public SourceFolder(string path, FolderRole role, long count, Func<IEnumerable<SourceMessage>> messages,
            IReadOnlyList<string>? pathNotes = null, IReadOnlyList<ArchiveProblem>? problems = null)
            : this(path, role, count, _ => messages(), () => null, pathNotes, problems)
        {
        }

        /// <summary>A folder of a source that can tell what changed since an earlier listing.</summary>
        /// <param name="messagesSince">
        /// Lists the messages added or changed since a cursor (every message for null), in source order; may throw
        /// <see cref="UnreadableFolderException"/> part way.
        /// </param>
        /// <param name="cursor">The cursor to list from next time, once the messages were gone through.</param>
        public SourceFolder(string path, FolderRole role, long count, Func<string?, IEnumerable<SourceMessage>> messagesSince, Func<string?> cursor,
            IReadOnlyList<string>? pathNotes = null, IReadOnlyList<ArchiveProblem>? problems = null)
        {
            Path = path;
            Role = role;
            Count = count;
            messages = messagesSince;
            this.cursor = cursor;
            PathNotes = pathNotes ?? Array.Empty<string>();
            Problems = problems ?? Array.Empty<ArchiveProblem>();
        }

        /// <summary>Segments separated by '/'; the inbox is "INBOX".</summary>
        public string Path { get; }

        public FolderRole Role { get; }

        /// <summary>How many messages it holds (for progress).</summary>
        public long Count { get; }

        /// <summary>Why the path differs from the folder's names in the source (told to the user with the folder's destination).</summary>
        public IReadOnlyList<string> PathNotes { get; }

        /// <summary>Damage met while opening the source that concerns this folder, recorded when the folder is copied.</summary>
        public IReadOnlyList<ArchiveProblem> Problems { get; }

        /// <summary>
        /// The messages one after another (each one's bytes are read only when asked for): all of them, or those added or
        /// changed since <paramref name="since"/> where the source keeps track (others list all of them whatever it says).
        /// </summary>
        /// <exception cref="UnreadableFolderException">The rest of the folder cannot be listed.</exception>
        public IEnumerable<SourceMessage> Messages(string? since = null) => messages(since);

        /// <summary>Where the next listing can start, once <see cref="Messages"/> was gone through; null when the source keeps no track.</summary>
        public string? Cursor => cursor();
    }
}
