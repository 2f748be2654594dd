using System;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// The server refused one request about one folder, message or change, and gave its reason; the session
    /// goes on. Refusals about the whole account (unavailable for now, over quota) are <see cref="Migrations.MigrationFailedException"/>s instead.
    /// </summary>
    public sealed class RefusedException : Exception
    {
        public RefusedException(string reason, Exception? innerException = null)
            : base(reason, innerException)
        {
        }
    }
}
