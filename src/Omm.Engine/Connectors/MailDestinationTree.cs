using System.Collections.Generic;
using Omm.Engine.Folders;

namespace Omm.Engine.Connectors
{
    /// <summary>How an <see cref="IMailDestination"/>'s folders are named, and which of them have a role (Sent, Trash...).</summary>
    public sealed class MailDestinationTree
    {
        public MailDestinationTree(MailboxNamespace @namespace, IReadOnlyDictionary<FolderRole, string> roleFolders)
        {
            Namespace = @namespace;
            RoleFolders = roleFolders;
        }

        public MailboxNamespace Namespace { get; }

        public IReadOnlyDictionary<FolderRole, string> RoleFolders { get; }
    }
}
