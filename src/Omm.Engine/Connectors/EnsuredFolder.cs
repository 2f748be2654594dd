using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors
{
    /// <summary>What <see cref="IMailDestination.EnsureFolderAsync"/> gives: the folder, and what the call created.</summary>
    public sealed class EnsuredFolder
    {
        public EnsuredFolder(IMailDestinationFolder folder, bool created, IReadOnlyList<string>? createdParents = null)
        {
            Folder = folder;
            Created = created;
            CreatedParents = createdParents ?? Array.Empty<string>();
        }

        public IMailDestinationFolder Folder { get; }

        /// <summary>Whether this call created the folder itself.</summary>
        public bool Created { get; }

        /// <summary>
        /// The folders this call created above it because they were missing (outermost first), so that Remove can delete
        /// them again once they are empty.
        /// </summary>
        public IReadOnlyList<string> CreatedParents { get; }

        public void Deconstruct(out IMailDestinationFolder folder, out bool created)
        {
            folder = Folder;
            created = Created;
        }
    }
}
