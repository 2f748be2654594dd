using System;
using System.Collections.Generic;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A folder of an archive: its '/'-separated path, what it is for, and its messages.</summary>
    public sealed class ArchiveFolder
    {
        private readonly Func<IEnumerable<ArchiveMessage>> messages;

        public ArchiveFolder(string path, FolderRole role, int count, Func<IEnumerable<ArchiveMessage>> messages, IReadOnlyList<string>? pathNotes = null,
            IReadOnlyList<ArchiveProblem>? problems = null)
        {
            Path = path;
            Problems = problems ?? Array.Empty<ArchiveProblem>();
            PathNotes = pathNotes ?? Array.Empty<string>();
            Role = role;
            Count = count;
            this.messages = messages;
        }

        /// <summary>Segments separated by '/'; the top-level inbox is "INBOX".</summary>
        public string Path { get; }

        /// <summary>Why the path differs from the folder's names in the file (told to the user with the folder's destination).</summary>
        public IReadOnlyList<string> PathNotes { get; }

        public FolderRole Role { get; }

        /// <summary>Damage met while opening the archive that concerns this folder (its own messages' damage is met as they are read).</summary>
        public IReadOnlyList<ArchiveProblem> Problems { get; }

        /// <summary>How many messages it holds.</summary>
        public int Count { get; }

        /// <summary>Reads the messages one after another (each one is in memory only while it is copied).</summary>
        public IEnumerable<ArchiveMessage> Messages() => messages();
    }
}
