using System.IO;
using Omm.Engine.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Groupware
{
    /// <summary>Opens what an endpoint holds of contacts, calendars and tasks.</summary>
    internal static class GroupwareSources
    {
        /// <exception cref="MigrationFailedException">The endpoint holds none (no DAV URL, a mail-only file).</exception>
        public static GroupwareSource Open(AccountEndpoint endpoint)
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

            return new DavAccountSource(Client(endpoint));
        }

        /// <exception cref="MigrationFailedException">The endpoint has no DAV URL.</exception>
        public static DavClient Client(AccountEndpoint endpoint)
        {
            if (endpoint.DavUrl == null)
                throw new MigrationFailedException(FailureKind.Unsupported,
                    $"The {endpoint.RoleName} {endpoint.Account} has no CalDAV/CardDAV URL: give -{(endpoint.Role == EndpointRole.Source ? "Source" : "Destination")}DavUrl to move contacts, calendars and tasks.");
            return new DavClient(endpoint.DavUrl, endpoint.Credential, endpoint.SkipCertificateCheck);
        }
    }
}
