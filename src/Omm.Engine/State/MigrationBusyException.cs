using System;

namespace Omm.Engine.State
{
    /// <summary>A pass of the migration is running in a live process; another cannot start.</summary>
    public sealed class MigrationBusyException : Exception
    {
        public MigrationBusyException(string message)
            : base(message)
        {
        }
    }
}
