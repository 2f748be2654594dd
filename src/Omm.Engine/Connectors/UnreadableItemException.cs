using System;

namespace Omm.Engine.Connectors
{
    /// <summary>One item of a source cannot be read; the others can (an item error whose text is this message, the folder goes on).</summary>
    public sealed class UnreadableItemException : Exception
    {
        public UnreadableItemException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
