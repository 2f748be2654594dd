using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// A source of mail read folder by folder and message by message, in one session: a file (PST, mbox, .eml)
    /// or a POP3 account. What it says of its messages (keys, flags, dates) is all the mail pass needs; the
    /// protocol stays behind it. One instance is one session (one connection), used by one pass at a time.
    /// </summary>
    public interface IMailSource : IDisposable
    {
        /// <summary>Opens the source (connects and logs in, for a server) and lists its folders, parents before children.</summary>
        /// <exception cref="MigrationFailedException">The source cannot be opened: its kind says whether a retry may help.</exception>
        Task<IReadOnlyList<SourceFolder>> OpenAsync(CancellationToken cancellationToken);
    }
}
