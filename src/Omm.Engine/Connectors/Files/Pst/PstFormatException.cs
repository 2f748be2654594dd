using System;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>
    /// A PST file is not a PST, is of an unsupported variant, or is damaged. The message names what is
    /// wrong and where (file offset, node ID or block ID).
    /// </summary>
    public sealed class PstFormatException : Exception
    {
        public PstFormatException(string message)
            : base(message)
        {
        }

        public PstFormatException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
