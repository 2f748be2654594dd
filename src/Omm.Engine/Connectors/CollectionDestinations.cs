using Omm.Engine.Connectors.Dav;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Endpoints;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>The collection destination of each kind: contacts, calendars and tasks go to a CalDAV/CardDAV account or to Exchange.</summary>
    internal static class CollectionDestinations
    {
        /// <param name="retry">How requests that fail for a moment are sent again; null: they are not.</param>
        /// <exception cref="MigrationFailedException">The endpoint has no DAV URL, or one the password must not go to.</exception>
        public static ICollectionDestination Open(AccountEndpoint destination, DavRetry? retry = null) =>
            destination.Type == ServerType.Exchange
                ? new EwsCollectionDestination(destination)
                : (ICollectionDestination)new DavCollectionDestination(CollectionSources.Client(destination, retry));

        /// <summary>Names the destination of contacts, calendars and tasks in messages: its DAV URL or its EWS URL.</summary>
        public static string Describe(AccountEndpoint destination) => (destination.EwsUrl ?? destination.DavUrl)!.AbsoluteUri;
    }
}
