using System;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A file that cannot be read as the archive it claims to be; the message says what and where.</summary>
    public sealed class ArchiveFormatException : Exception
    {
        public ArchiveFormatException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
