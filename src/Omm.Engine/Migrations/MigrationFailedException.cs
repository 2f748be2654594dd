using System;

namespace Omm.Engine.Migrations
{
    /// <summary>A pass cannot go on: a server refused the login, cannot be reached, or broke the connection.</summary>
    public sealed class MigrationFailedException : Exception
    {
        public MigrationFailedException(FailureKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        public FailureKind Kind { get; }
    }
}
