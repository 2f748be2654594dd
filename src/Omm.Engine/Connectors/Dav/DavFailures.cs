using System;
using System.Threading.Tasks;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>A CalDAV/CardDAV failure as the pass knows failures: a <see cref="MigrationFailedException"/> of the kind it is.</summary>
    internal static class DavFailures
    {
        /// <summary>Runs a request; its <see cref="DavException"/>, if any, comes out as a <see cref="MigrationFailedException"/>.</summary>
        public static async Task<T> OfAsync<T>(Func<Task<T>> request)
        {
            try
            {
                return await request().ConfigureAwait(false);
            }
            catch (DavException e)
            {
                throw Of(e);
            }
        }

        public static MigrationFailedException Of(DavException e)
        {
            switch (e)
            {
                case DavAuthenticationException _:
                    return new MigrationFailedException(FailureKind.Authentication, e.Message, e);
                case DavPlaintextLoginException _:
                    return new MigrationFailedException(FailureKind.Security, e.Message, e);
                case DavUnavailableException _:
                    return new MigrationFailedException(e.StatusCode == null ? FailureKind.ConnectionLost : FailureKind.ServerUnavailable, e.Message, e);
                default:
                    return new MigrationFailedException(e.StatusCode == null ? FailureKind.Connection : FailureKind.Protocol, e.Message, e);
            }
        }
    }
}
