using System.IO;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>Opens what an endpoint holds of contacts, calendars and tasks.</summary>
    internal static class CollectionSources
    {
        /// <param name="retry">How a DAV source's requests that fail for a moment are sent again; null: they are not.</param>
        /// <exception cref="MigrationFailedException">The endpoint holds none (no DAV URL, a mail-only file).</exception>
        public static ICollectionSource Open(AccountEndpoint endpoint, DavRetry? retry = null)
        {
            if (endpoint.Type == ServerType.File)
            {
                switch (Path.GetExtension(endpoint.Server).ToLowerInvariant())
                {
                    case ".vcf":
                    case ".vcard":
                        return new ContactFileSource(endpoint.Server);
                    case ".ics":
                    case ".ical":
                    case ".ifb":
                        return new CalendarFileSource(endpoint.Server);
                    case ".pst":
                        return new PstGroupwareSource(endpoint.Server);
                    default:
                        throw new MigrationFailedException(FailureKind.Unsupported, $"'{endpoint.Server}' holds no contacts, calendars or tasks.");
                }
            }

            if (endpoint.Type == ServerType.Exchange)
                return new EwsCollectionSource(endpoint);
            return new DavAccountSource(Client(endpoint, retry));
        }

        /// <exception cref="MigrationFailedException">The endpoint has no DAV URL, or one the password must not go to.</exception>
        public static DavClient Client(AccountEndpoint endpoint, DavRetry? retry = null)
        {
            if (endpoint.DavUrl == null)
                throw new MigrationFailedException(FailureKind.Unsupported,
                    $"The {endpoint.RoleName} {endpoint.Account} has no CalDAV/CardDAV URL: give -{Side(endpoint)}DavUrl to move contacts, calendars and tasks.");
            EnsureLoginIsProtected(endpoint);
            return new DavClient(endpoint.DavUrl, endpoint.Credential, endpoint.SkipCertificateCheck, allowPlaintextLogin: PlaintextAllowed(endpoint)) { Retry = retry };
        }

        /// <summary>
        /// The DAV login (HTTP Basic) goes over HTTPS, or over plain HTTP only to this machine or when the side's security
        /// was set to None: an http:// URL alone is not taken as consent to send the password in clear.
        /// </summary>
        /// <exception cref="MigrationFailedException">The DAV URL is plain HTTP to another machine.</exception>
        public static void EnsureLoginIsProtected(AccountEndpoint endpoint)
        {
            if (endpoint.DavUrl == null || DavTransport.IsProtected(endpoint.DavUrl) || PlaintextAllowed(endpoint))
                return;
            throw new MigrationFailedException(FailureKind.Security,
                $"The {endpoint.RoleName} DAV URL {endpoint.DavUrl} is plain HTTP: the password would cross the network in clear, so nothing was sent. " +
                $"Give its https:// URL, or add -{Side(endpoint)}Security None if the network is trusted" +
                (endpoint.Type == ServerType.Imap ? " (that also turns off TLS to its mail server)." : "."));
        }

        private static bool PlaintextAllowed(AccountEndpoint endpoint) => endpoint.Security == ConnectionSecurity.None;

        private static string Side(AccountEndpoint endpoint) => endpoint.Role == EndpointRole.Source ? "Source" : "Destination";
    }
}
