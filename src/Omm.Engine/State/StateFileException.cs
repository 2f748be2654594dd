using System;

namespace Omm.Engine.State
{
    /// <summary>The state file cannot be opened, created or understood.</summary>
    public sealed class StateFileException : Exception
    {
        public StateFileException(string message)
            : base(message)
        {
        }

        public StateFileException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
