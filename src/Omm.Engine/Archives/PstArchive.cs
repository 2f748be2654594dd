using System;

namespace Omm.Engine.Archives
{
    /// <summary>An Outlook PST file as an archive.</summary>
    internal static class PstArchive
    {
        public static IMailArchive Open(string path) =>
            throw new ArchiveFormatException($"'{path}': PST import is not available in this build yet.");
    }
}
