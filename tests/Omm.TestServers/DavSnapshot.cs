using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Omm.TestServers;

/// <summary>
/// Everything a Radicale user holds, read with plain HTTP (PROPFIND and GET, not Omm's client): each
/// collection under /user/ with its display name and the text of every resource in it.
/// </summary>
public sealed class DavSnapshot
{
    private static readonly XNamespace Dav = "DAV:";

    private DavSnapshot(Dictionary<string, List<string>> collections, int collectionCount)
    {
        Collections = collections;
        CollectionCount = collectionCount;
    }

    /// <summary>How many collections there are, counting those that share a display name.</summary>
    public int CollectionCount { get; }

    /// <summary>Resource texts by collection display name (or last path segment).</summary>
    public IReadOnlyDictionary<string, List<string>> Collections { get; }

    public int Count => Collections.Values.Sum(c => c.Count);

    public List<string> In(string collection) =>
        Collections.TryGetValue(collection, out var items) ? items : throw new KeyNotFoundException(
            $"No collection '{collection}'; there are: {string.Join(", ", Collections.Keys)}");

    public static DavSnapshot Read(RadicaleServer server, string user)
    {
        var login = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{server.Password}")));
        var collections = new Dictionary<string, List<string>>();
        var count = 0;
        foreach (var (href, name, isCollection) in Members(server.Url, login, $"/{user}/"))
        {
            if (!isCollection)
                continue;
            count++;
            collections[name] = Members(server.Url, login, href).Where(m => !m.IsCollection)
                .Select(m => Send(server.Url, login, () => new HttpRequestMessage(HttpMethod.Get, m.Href))!)
                .ToList();
        }

        return new DavSnapshot(collections, count);
    }

    private static IEnumerable<(string Href, string Name, bool IsCollection)> Members(Uri server, AuthenticationHeaderValue login, string href)
    {
        var body = Send(server, login, () =>
        {
            var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), href)
            {
                Content = new StringContent("<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><prop><displayname/><resourcetype/></prop></propfind>",
                    Encoding.UTF8, "application/xml"),
            };
            request.Headers.Add("Depth", "1");
            return request;
        });
        if (body == null)
            yield break;
        foreach (var answer in XDocument.Parse(body).Descendants(Dav + "response"))
        {
            var memberHref = answer.Element(Dav + "href")!.Value;
            if (Uri.UnescapeDataString(memberHref).TrimEnd('/') == Uri.UnescapeDataString(href).TrimEnd('/'))
                continue;
            var isCollection = answer.Descendants(Dav + "resourcetype").Any(t => t.Element(Dav + "collection") != null);
            var name = answer.Descendants(Dav + "displayname").FirstOrDefault()?.Value;
            yield return (memberHref, string.IsNullOrEmpty(name) ? Uri.UnescapeDataString(memberHref.TrimEnd('/').Split('/').Last()) : name, isCollection);
        }
    }

    /// <summary>
    /// One request on a connection of its own: Radicale answers HTTP/1.0 and closes each connection, and a
    /// pooled one would fail the next request. The body, or null on 404.
    /// </summary>
    private static string? Send(Uri server, AuthenticationHeaderValue login, Func<HttpRequestMessage> create)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = create();
        request.Headers.Authorization = login;
        using var response = http.Send(request);
        if ((int)response.StatusCode == 404)
            return null;
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }
}
