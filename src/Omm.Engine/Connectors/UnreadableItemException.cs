using System;

namespace Omm.Engine.Connectors
{
    /// <summary>One message of a source cannot be read; the others can (an item error, the folder goes on).</summary>
    public sealed class UnreadableItemException : Exception
    {
        public UnreadableItemException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
