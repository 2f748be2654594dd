using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A file source of mail (PST, mbox, .eml files): folders of messages, read lazily.</summary>
    public interface IMailArchive : IDisposable
    {
        /// <summary>Every folder, parents before children.</summary>
        IReadOnlyList<SourceFolder> Folders { get; }
    }
}
