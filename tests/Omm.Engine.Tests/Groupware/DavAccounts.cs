using System.Net;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>Endpoints and migrations for CalDAV/CardDAV accounts on the test servers.</summary>
internal static class DavAccounts
{
    public static AccountEndpoint Endpoint(EndpointRole role, RadicaleServer server, string user) =>
        new(role, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential(user, server.Password), false, server.Url);

    public static AccountEndpoint Endpoint(EndpointRole role, XandikosServer server) =>
        new(role, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("user", "unused"), false, server.Url);

    public static DavClient Client(RadicaleServer server, string user) => new(server.Url, new NetworkCredential(user, server.Password), false);

    public static DavClient Client(XandikosServer server) => new(server.Url, null, false);

    public static Migration Create(StateStore store, AccountEndpoint from, AccountEndpoint to, params ItemType[] include) =>
        store.CreateMigration(new NewMigration(null,
            ConnectionSettings.Of(from, to, false),
            include.Length > 0 ? include : new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks }));

    /// <summary>Every resource of every collection of the account, by collection display name (or last segment).</summary>
    public static async Task<Dictionary<DavCollection, IReadOnlyList<DavResource>>> ReadAllAsync(DavClient client)
    {
        var result = new Dictionary<DavCollection, IReadOnlyList<DavResource>>();
        foreach (var collection in await client.ListCollectionsAsync(CancellationToken.None))
        {
            var hrefs = (await client.ListResourcesAsync(collection, CancellationToken.None)).Select(r => r.Href).ToList();
            result[collection] = hrefs.Count == 0 ? Array.Empty<DavResource>() : await client.GetResourcesAsync(collection, hrefs, CancellationToken.None);
        }

        return result;
    }

    public static string NameOf(DavCollection collection) =>
        collection.Name;
}
