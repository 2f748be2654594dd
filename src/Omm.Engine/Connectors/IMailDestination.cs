using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// An account mail is copied into: its folder tree, where folders are created, messages appended, flagged
    /// and deleted by the keys it gave them. One instance is one session (one connection), used by one pass at a time.
    /// </summary>
    public interface IMailDestination : IDisposable
    {
        /// <summary>Connects, logs in and lists the folders.</summary>
        /// <exception cref="MigrationFailedException">The destination cannot be reached or refuses the login.</exception>
        Task<MailDestinationTree> OpenAsync(CancellationToken cancellationToken);

        /// <summary>
        /// The folder with this path (separated as <see cref="MailDestinationTree.Namespace"/> says), created with its
        /// parents if it does not exist. A folder that is only a parent of others need not hold messages.
        /// </summary>
        /// <returns>The folder, whether this call created it, and the parents it created for it.</returns>
        /// <exception cref="RefusedException">The destination will not create it.</exception>
        Task<EnsuredFolder> EnsureFolderAsync(string path, bool holdsMessages, CancellationToken cancellationToken);

        /// <summary>The folder with this path, or null when there is none.</summary>
        Task<IMailDestinationFolder?> FindFolderAsync(string path, CancellationToken cancellationToken);

        /// <summary>The folders as they are now, with how many messages each holds (null where the server will not say).</summary>
        Task<IReadOnlyList<(string Path, int? Count)>> ListFoldersAsync(CancellationToken cancellationToken);

        /// <exception cref="RefusedException">The destination will not delete it.</exception>
        Task DeleteFolderAsync(string path, CancellationToken cancellationToken);

        /// <summary>Logs out politely; a server that already dropped the connection changes nothing.</summary>
        Task CloseAsync();
    }
}
