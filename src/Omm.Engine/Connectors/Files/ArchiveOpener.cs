using System;
using System.IO;
using System.Linq;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>Opens a file or folder as the archive its extension says: .pst, .mbox, .eml, or a folder of .eml or .mbox files.</summary>
    public static class ArchiveOpener
    {
        /// <exception cref="ArchiveFormatException">The path does not exist, is of an unknown kind, or cannot be read.</exception>
        public static IMailArchive Open(string path)
        {
            if (Directory.Exists(path))
            {
                return MboxArchive.MboxFiles(path).Count > 0 ? new MboxArchive(path) : new EmlArchive(path);
            }

            if (!File.Exists(path))
                throw new ArchiveFormatException($"'{path}' does not exist.");
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".eml":
                    return new EmlArchive(path);
                case ".mbox":
                case ".mbx":
                    return new MboxArchive(path);
                case ".pst":
                    return PstArchive.Open(path);
                default:
                    throw new ArchiveFormatException($"'{path}' is not a file Omm imports: give a .pst, .mbox or .eml file, or a folder of .eml or .mbox files.");
            }
        }

        public static bool IsSupported(string path) =>
            Directory.Exists(path) || new[] { ".eml", ".mbox", ".mbx", ".pst" }.Contains(Path.GetExtension(path).ToLowerInvariant());
    }
}
