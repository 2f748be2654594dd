using System;

namespace Omm.Engine.Connectors
{
    /// <summary>The rest of a source folder cannot be listed (an item error for the folder; the other folders go on).</summary>
    public sealed class UnreadableFolderException : Exception
    {
        public UnreadableFolderException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
