using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using static Omm.Engine.Connectors.Dav.DavNames;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// A CalDAV (RFC 4791) and CardDAV (RFC 6352) client for one account: finds the account's calendars and address
    /// books, creates collections, lists, reads, writes and deletes vCards and iCalendar objects. Methods may run
    /// concurrently. Every failure is a <see cref="DavException"/> (a refused login a
    /// <see cref="DavAuthenticationException"/>, a login that would go in clear a <see cref="DavPlaintextLoginException"/>;
    /// with <see cref="Retry"/>, a request given up a <see cref="DavRequestBrokeException"/> or a
    /// <see cref="DavUnavailableException"/>) unless the caller's token was cancelled.
    /// </summary>
    public sealed class DavClient : IDisposable
    {
        /// <summary>Hrefs per calendar-multiget / addressbook-multiget request.</summary>
        public const int MultigetBatchSize = 100;

        private const string XmlContentType = "application/xml; charset=utf-8";

        private readonly DavTransport transport;
        private readonly object discoveryLock = new object();
        private Task<DavAccount>? discovery;

        /// <param name="baseUrl">What the user gives: https://host/, https://host/remote.php/dav/, http://127.0.0.1:5232/alice/ ...</param>
        /// <param name="credential">Sent as HTTP Basic with every request; null for servers without login.</param>
        /// <param name="skipCertificateCheck">Accept any TLS certificate.</param>
        /// <param name="timeout">The time limit for each request; 100 s when null.</param>
        /// <param name="allowPlaintextLogin">Send the login over plain HTTP to other machines too (see <see cref="DavPlaintextLoginException"/>).</param>
        public DavClient(Uri baseUrl, NetworkCredential? credential, bool skipCertificateCheck, TimeSpan? timeout = null, bool allowPlaintextLogin = false)
        {
            if (baseUrl == null)
                throw new ArgumentNullException(nameof(baseUrl));
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"A CalDAV/CardDAV address must be an http:// or https:// URL, not '{baseUrl}'.", nameof(baseUrl));
            var limit = timeout ?? TimeSpan.FromSeconds(100);
            if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(timeout), "The time limit must be positive.");

            BaseUrl = baseUrl.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            transport = new DavTransport(credential, skipCertificateCheck, limit, allowPlaintextLogin);
        }

        public Uri BaseUrl { get; }

        /// <summary>How requests that fail for a moment are sent again; null (the default): they are not.</summary>
        internal DavRetry? Retry { get; set; }

        /// <summary>
        /// Finds the principal and its calendar and address book homes: first the URL given (unless it is the bare
        /// host), then /.well-known/caldav and /.well-known/carddav (redirects followed), asking each for
        /// current-user-principal, then the principal for calendar-home-set and addressbook-home-set. The result is
        /// kept; a failed discovery is tried again on the next call.
        /// </summary>
        public Task<DavAccount> DiscoverAsync(CancellationToken cancellationToken)
        {
            lock (discoveryLock)
            {
                if (discovery == null || discovery.IsFaulted || discovery.IsCanceled)
                    discovery = DiscoverUncachedAsync(cancellationToken);
                return discovery;
            }
        }

        /// <summary>All address books and calendars under the account's home sets, in the order the server lists them.</summary>
        public async Task<IReadOnlyList<DavCollection>> ListCollectionsAsync(CancellationToken cancellationToken)
        {
            var account = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            var collections = new List<DavCollection>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var home in account.CalendarHomes.Concat(account.AddressBookHomes).Distinct(StringComparer.Ordinal))
            {
                var responses = await PropFindAsync(home, 1, DavRequestBodies.CollectionProperties, cancellationToken).ConfigureAwait(false);
                foreach (var response in responses)
                {
                    var collection = ToCollection(response);
                    if (collection != null && seen.Add(collection.Href))
                        collections.Add(collection);
                }
            }

            return collections;
        }

        /// <summary>Reads one collection's properties again (new ctag and sync-token after writes); null when it is gone.</summary>
        public async Task<DavCollection?> GetCollectionAsync(string href, CancellationToken cancellationToken)
        {
            var answer = await SendXmlAsync("PROPFIND", href, 0, DavRequestBodies.PropFind(DavRequestBodies.CollectionProperties), cancellationToken).ConfigureAwait(false);
            if (answer.Status == 404)
                return null;
            var target = DavHref.Collection(Local(href));
            return ParseMultistatus(answer)
                .Where(r => r.Found && DavHref.Collection(Local(r.Href)) == target)
                .Select(ToCollection)
                .FirstOrDefault(c => c != null);
        }

        /// <summary>
        /// Creates an address book (extended MKCOL, RFC 5689) in the first addressbook-home-set, named after a slug of
        /// <paramref name="displayName"/> made unique there. Properties the server did not take with MKCOL are set
        /// again with PROPPATCH; the collection returned is what the server then reports.
        /// </summary>
        public async Task<DavCollection> CreateAddressBookAsync(string displayName, string? description, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(displayName))
                throw new ArgumentException("An address book needs a display name.", nameof(displayName));
            var account = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            var home = account.AddressBookHomes.FirstOrDefault()
                ?? throw new DavException($"The server at {BaseUrl} offers no address books (it reports no addressbook-home-set).");
            var wanted = new Dictionary<XName, string?> { [DisplayName] = displayName, [AddressBookDescription] = description };
            return await CreateCollectionAsync(home, DavHref.Slug(displayName, "contacts"), "MKCOL",
                DavRequestBodies.NewAddressBook(displayName, description), wanted, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Creates a calendar (MKCALENDAR) in the first calendar-home-set, named after a slug of
        /// <paramref name="displayName"/> made unique there. <paramref name="components"/> ("VEVENT", "VTODO") restricts
        /// what it holds; empty leaves it to the server. Some servers ignore the restriction or the colour: the
        /// collection returned is what the server then reports, so check <see cref="DavCollection.Components"/>.
        /// </summary>
        public async Task<DavCollection> CreateCalendarAsync(string displayName, string? color, string? description, IReadOnlyList<string> components, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(displayName))
                throw new ArgumentException("A calendar needs a display name.", nameof(displayName));
            components = components ?? Array.Empty<string>();
            var account = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            var home = account.CalendarHomes.FirstOrDefault()
                ?? throw new DavException($"The server at {BaseUrl} offers no calendars (it reports no calendar-home-set).");
            var wanted = new Dictionary<XName, string?> { [DisplayName] = displayName, [CalendarColor] = color, [CalendarDescription] = description };
            return await CreateCollectionAsync(home, DavHref.Slug(displayName, "calendar"), "MKCALENDAR",
                DavRequestBodies.NewCalendar(displayName, color, description, components), wanted, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The members of a collection with their ETags (PROPFIND Depth 1), without the collection itself or sub-collections.</summary>
        public async Task<IReadOnlyList<DavResourceInfo>> ListResourcesAsync(DavCollection collection, CancellationToken cancellationToken)
        {
            if (collection == null)
                throw new ArgumentNullException(nameof(collection));
            var responses = await PropFindAsync(collection.Href, 1, new[] { ResourceType, GetETag, GetContentType }, cancellationToken).ConfigureAwait(false);
            var resources = new List<DavResourceInfo>();
            foreach (var response in responses)
            {
                if (!response.Found || response.HasResourceType(Collection))
                    continue;
                var href = Local(response.Href);
                if (href.EndsWith("/", StringComparison.Ordinal) || DavHref.Collection(href) == DavHref.Collection(Local(collection.Href)))
                    continue;
                resources.Add(new DavResourceInfo(href, response.Text(GetETag), response.Text(GetContentType)));
            }

            return resources;
        }

        /// <summary>
        /// Reads many members at once (calendar-multiget / addressbook-multiget, <see cref="MultigetBatchSize"/> hrefs
        /// per request), in the order asked. Each result carries the href as the caller gave it. Hrefs the server
        /// does not have are left out. A server that refuses the report is read with one GET per href.
        /// </summary>
        public async Task<IReadOnlyList<DavResource>> GetResourcesAsync(DavCollection collection, IReadOnlyList<string> hrefs, CancellationToken cancellationToken)
        {
            if (collection == null)
                throw new ArgumentNullException(nameof(collection));
            if (hrefs == null)
                throw new ArgumentNullException(nameof(hrefs));

            var requested = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var href in hrefs)
            {
                var key = Local(href);
                if (!requested.ContainsKey(key))
                    requested.Add(key, href);
            }

            var found = new Dictionary<string, DavResource>(StringComparer.Ordinal);
            var dataName = collection.Kind == DavCollectionKind.Calendar ? CalendarData : AddressData;
            var keys = requested.Keys.ToList();
            for (var start = 0; start < keys.Count; start += MultigetBatchSize)
            {
                var batch = keys.Skip(start).Take(MultigetBatchSize).ToList();
                var body = DavRequestBodies.Multiget(collection.Kind, batch);
                var answer = await SendXmlAsync("REPORT", collection.Href, 1, body, cancellationToken).ConfigureAwait(false);
                if (answer.Status == 400 || answer.Status == 403 || answer.Status == 405 || answer.Status == 501)
                {
                    foreach (var key in batch)
                    {
                        var single = await GetAsync(requested[key], cancellationToken).ConfigureAwait(false);
                        if (single != null)
                            found[key] = single;
                    }

                    continue;
                }

                foreach (var response in ParseMultistatus(answer))
                {
                    var data = response.Found ? response.Properties.TryGetValue(dataName, out var element) ? element.Value : null : null;
                    if (data == null || !requested.TryGetValue(Local(response.Href), out var asked))
                        continue;
                    found[Local(response.Href)] = new DavResource(asked, response.Text(GetETag), CrlfLines(data));
                }
            }

            return keys.Where(found.ContainsKey).Select(k => found[k]).ToList();
        }

        /// <summary>
        /// The members changed and removed since <paramref name="syncToken"/> (REPORT sync-collection, RFC 6578); null
        /// lists every member. A token the server no longer knows is a <see cref="DavException"/>: Radicale answers 403
        /// with the condition "valid-sync-token", Xandikos 0.2.8 answers 500. Then start again with null.
        /// </summary>
        public async Task<DavSyncResult> SyncCollectionAsync(DavCollection collection, string? syncToken, CancellationToken cancellationToken)
        {
            if (collection == null)
                throw new ArgumentNullException(nameof(collection));
            var self = DavHref.Collection(Local(collection.Href));
            var changed = new Dictionary<string, DavResourceInfo>(StringComparer.Ordinal);
            var removed = new List<string>();
            var token = syncToken;
            for (var round = 0; round < 100; round++)
            {
                var answer = await SendXmlAsync("REPORT", collection.Href, 0, DavRequestBodies.SyncCollection(token), cancellationToken).ConfigureAwait(false);
                var truncated = false;
                foreach (var response in ParseMultistatus(answer))
                {
                    var href = Local(response.Href);
                    if (DavHref.Collection(href) == self)
                    {
                        truncated |= response.Status == 507; // RFC 6578 3.6: more changes follow with the new token
                        continue;
                    }

                    if (response.Status == 404 || response.Status == 410)
                    {
                        changed.Remove(href);
                        removed.Add(href);
                    }
                    else if (response.Found && !response.HasResourceType(Collection))
                    {
                        changed[href] = new DavResourceInfo(href, response.Text(GetETag), response.Text(GetContentType));
                    }
                }

                try
                {
                    token = DavMultistatus.SyncTokenOf(answer.Body);
                }
                catch (FormatException)
                {
                    token = null;
                }

                if (!truncated || token == null)
                    break;
            }

            return new DavSyncResult(token, changed.Values.ToList(), removed);
        }

        /// <summary>One resource by GET; null when the server does not have it.</summary>
        public async Task<DavResource?> GetAsync(string href, CancellationToken cancellationToken)
        {
            var answer = await SendAsync("GET", href, null, null, null, cancellationToken).ConfigureAwait(false);
            if (answer.Status == 404 || answer.Status == 410)
                return null;
            if (!answer.IsSuccess)
                throw Refusal(answer);
            return new DavResource(href, answer.ETag, CrlfLines(answer.Body));
        }

        /// <summary>A resource's current ETag (PROPFIND Depth 0, for servers that answer PUT without one); null when it does not exist.</summary>
        public async Task<string?> GetETagAsync(string href, CancellationToken cancellationToken)
        {
            var answer = await SendXmlAsync("PROPFIND", href, 0, DavRequestBodies.PropFind(GetETag), cancellationToken).ConfigureAwait(false);
            if (answer.Status == 404)
                return null;
            var target = Local(href);
            return ParseMultistatus(answer).Where(r => r.Found && Local(r.Href) == target).Select(r => r.Text(GetETag)).FirstOrDefault();
        }

        /// <summary>
        /// Creates (<paramref name="ifMatchETag"/> null: If-None-Match: *) or replaces (If-Match) a resource.
        /// <see cref="DavWriteOutcome.PreconditionFailed"/> when it exists already, or changed since that ETag.
        /// Content type "text/vcard" or "text/calendar"; it is sent with charset=utf-8.
        /// </summary>
        public async Task<DavWriteResult> PutAsync(string href, string contentType, string data, string? ifMatchETag, CancellationToken cancellationToken)
        {
            if (contentType == null)
                throw new ArgumentNullException(nameof(contentType));
            if (data == null)
                throw new ArgumentNullException(nameof(data));
            var condition = ifMatchETag == null ? Header("If-None-Match", "*") : Header("If-Match", ifMatchETag);
            var mediaType = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase) >= 0 ? contentType : contentType + "; charset=utf-8";
            var answer = await SendAsync("PUT", href, data, mediaType, new[] { condition }, cancellationToken).ConfigureAwait(false);
            var canonical = Local(href);
            switch (answer.Status)
            {
                case 412:
                    return new DavWriteResult(DavWriteOutcome.PreconditionFailed, canonical, null, answer.Attempts);
                case 200:
                case 201:
                case 204:
                    // Radicale answers 201 to a replacement too; If-Match tells an update whatever the status.
                    var outcome = ifMatchETag == null ? DavWriteOutcome.Created : DavWriteOutcome.Updated;
                    return new DavWriteResult(outcome, answer.Location != null ? Local(answer.Location) : canonical, answer.ETag, answer.Attempts);
                default:
                    throw Refusal(answer);
            }
        }

        /// <summary>Deletes a resource or collection; false when it was not there. A stale <paramref name="ifMatchETag"/> is a 412 <see cref="DavException"/>.</summary>
        public async Task<bool> DeleteAsync(string href, string? ifMatchETag, CancellationToken cancellationToken)
        {
            var headers = ifMatchETag == null ? null : new[] { Header("If-Match", ifMatchETag) };
            var answer = await SendAsync("DELETE", href, null, null, headers, cancellationToken).ConfigureAwait(false);
            if (answer.Status == 404 || answer.Status == 410)
                return false;
            if (answer.IsSuccess && answer.Status != 207)
                return true;
            if (answer.Status == 412)
            {
                throw new DavException($"{href} changed on the server at {Origin(answer.Url)} since it was read: DELETE refused (412 Precondition Failed).",
                    412, "DELETE", Local(href));
            }

            throw Refusal(answer);
        }

        /// <summary>Where a resource for <paramref name="uid"/> goes: the collection's href plus <see cref="DavHref.ResourceName"/>.</summary>
        public static string ResourceHref(DavCollection collection, string uid, string extension)
        {
            if (collection == null)
                throw new ArgumentNullException(nameof(collection));
            return DavHref.Collection(collection.Href) + DavHref.ResourceName(uid, extension);
        }

        public void Dispose() => transport.Dispose();

        private async Task<DavAccount> DiscoverUncachedAsync(CancellationToken cancellationToken)
        {
            var root = new Uri(BaseUrl, "/");
            var wellKnown = new[] { new Uri(root, "/.well-known/caldav"), new Uri(root, "/.well-known/carddav") };
            var candidates = BaseUrl.AbsolutePath == "/"
                ? wellKnown.Concat(new[] { BaseUrl })
                : new[] { BaseUrl }.Concat(wellKnown);

            string? principal = null;
            var calendarHomes = new List<string>();
            var addressBookHomes = new List<string>();
            var tried = new List<string>();
            var body = DavRequestBodies.PropFind(CurrentUserPrincipal, CalendarHomeSet, AddressBookHomeSet, ResourceType);
            foreach (var candidate in candidates.Distinct())
            {
                if (calendarHomes.Count > 0 && addressBookHomes.Count > 0)
                    break;
                var answer = await TransmitAsync("PROPFIND", candidate, body, XmlContentType, new[] { Header("Depth", "0") }, true, cancellationToken).ConfigureAwait(false);
                if (answer.Status == 401 || (answer.Status == 403 && !wellKnown.Contains(candidate)))
                    throw LoginRefused(answer);
                if (answer.Status != 207)
                {
                    tried.Add($"{candidate} answered {answer.Status} {answer.Reason}");
                    continue;
                }

                var context = ParseMultistatus(answer).FirstOrDefault(r => r.Found);
                if (context == null)
                {
                    tried.Add($"{candidate} reported no properties");
                    continue;
                }

                var found = context.HrefIn(CurrentUserPrincipal);
                var homes = context;
                if (found != null && context.HrefsIn(CalendarHomeSet).Count == 0 && context.HrefsIn(AddressBookHomeSet).Count == 0)
                {
                    var principalUrl = new Uri(answer.Url, found);
                    var principalAnswer = await TransmitAsync("PROPFIND", principalUrl, body, XmlContentType, new[] { Header("Depth", "0") }, false, cancellationToken).ConfigureAwait(false);
                    if (principalAnswer.Status == 401 || principalAnswer.Status == 403)
                        throw LoginRefused(principalAnswer);
                    if (principalAnswer.Status != 207)
                    {
                        tried.Add($"the principal {found} answered {principalAnswer.Status} {principalAnswer.Reason}");
                        continue;
                    }

                    homes = ParseMultistatus(principalAnswer).FirstOrDefault(r => r.Found) ?? context;
                }

                var calendarHere = homes.HrefsIn(CalendarHomeSet).Select(h => DavHref.Collection(Local(answer.Url, h))).ToList();
                var addressBooksHere = homes.HrefsIn(AddressBookHomeSet).Select(h => DavHref.Collection(Local(answer.Url, h))).ToList();
                if (calendarHere.Count == 0 && addressBooksHere.Count == 0)
                {
                    tried.Add($"{candidate} named no calendar or address book home");
                    continue;
                }

                principal ??= DavHref.Collection(Local(answer.Url, found ?? answer.Url.AbsolutePath));
                if (calendarHomes.Count == 0)
                    calendarHomes.AddRange(calendarHere);
                if (addressBookHomes.Count == 0)
                    addressBookHomes.AddRange(addressBooksHere);
            }

            if (principal == null)
                throw new DavException($"No CalDAV or CardDAV service found at {BaseUrl}: {string.Join("; ", tried)}.");
            return new DavAccount(principal, calendarHomes, addressBookHomes);
        }

        private async Task<DavCollection> CreateCollectionAsync(
            string home, string slug, string method, string body, IReadOnlyDictionary<XName, string?> wanted, CancellationToken cancellationToken)
        {
            var taken = new HashSet<string>(
                (await PropFindAsync(home, 1, new[] { ResourceType }, cancellationToken).ConfigureAwait(false)).Select(r => DavHref.Collection(Local(r.Href))),
                StringComparer.Ordinal);
            for (var attempt = 1; attempt <= 20; attempt++)
            {
                var href = DavHref.Collection(home) + DavHref.EncodeSegment(attempt == 1 ? slug : $"{slug}-{attempt}") + "/";
                if (taken.Contains(href))
                    continue;
                var answer = await SendXmlAsync(method, href, null, body, cancellationToken).ConfigureAwait(false);
                if (answer.Status == 405 || (answer.Status == 403 && Condition(answer) == "resource-must-be-null"))
                    continue; // made by someone else meanwhile
                if (!answer.IsSuccess)
                    throw Refusal(answer);

                var created = await GetCollectionAsync(href, cancellationToken).ConfigureAwait(false)
                    ?? throw new DavException($"The server at {Origin(answer.Url)} answered {method} {href} with {answer.Status} but does not list the new collection.", answer.Status, method, href);
                var missing = wanted.Where(w => w.Value != null && !string.Equals(Current(created, w.Key), w.Value, StringComparison.Ordinal)).ToList();
                if (missing.Count == 0)
                    return created;

                // Xandikos takes the display name with MKCOL/MKCALENDAR but the colour and the address book description
                // only with PROPPATCH. One property per PROPPATCH: one the server cannot store must not block the others.
                foreach (var property in missing)
                {
                    var update = DavRequestBodies.PropertyUpdate(new[] { new XElement(property.Key, property.Value) });
                    await SendXmlAsync("PROPPATCH", href, null, update, cancellationToken).ConfigureAwait(false);
                }

                return await GetCollectionAsync(href, cancellationToken).ConfigureAwait(false) ?? created;
            }

            throw new DavException($"Cannot find a free name for a new collection '{slug}' under {home}.");
        }

        private static string? Current(DavCollection collection, XName property)
        {
            if (property == DisplayName)
                return collection.DisplayName;
            if (property == CalendarColor)
                return collection.Color;
            return collection.Description;
        }

        private DavCollection? ToCollection(DavPropResponse response)
        {
            if (!response.Found)
                return null;
            DavCollectionKind kind;
            if (response.HasResourceType(Calendar))
                kind = DavCollectionKind.Calendar;
            else if (response.HasResourceType(AddressBook))
                kind = DavCollectionKind.AddressBook;
            else
                return null;

            var components = kind == DavCollectionKind.Calendar && response.Properties.TryGetValue(SupportedCalendarComponentSet, out var set)
                ? set.Elements(Comp).Select(c => (string?)c.Attribute("name")).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!.ToUpperInvariant()).ToList()
                : new List<string>();
            // RFC 6352 calls the children address-data-type; Xandikos 0.2.8 writes them as content-type. Both carry version.
            var versions = kind == DavCollectionKind.AddressBook && response.Properties.TryGetValue(SupportedAddressData, out var data)
                ? data.Elements().Select(t => (string?)t.Attribute("version")).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList()
                : new List<string>();
            return new DavCollection(
                DavHref.Collection(Local(response.Href)),
                kind,
                response.Text(DisplayName),
                response.Text(CalendarColor),
                response.Text(kind == DavCollectionKind.Calendar ? CalendarDescription : AddressBookDescription),
                components,
                versions,
                response.Text(GetCTag),
                response.Text(SyncToken));
        }

        private async Task<IReadOnlyList<DavPropResponse>> PropFindAsync(string href, int depth, XName[] properties, CancellationToken cancellationToken)
        {
            var answer = await SendXmlAsync("PROPFIND", href, depth, DavRequestBodies.PropFind(properties), cancellationToken).ConfigureAwait(false);
            return ParseMultistatus(answer);
        }

        private Task<DavAnswer> SendXmlAsync(string method, string href, int? depth, string body, CancellationToken cancellationToken) =>
            SendAsync(method, href, body, XmlContentType, depth == null ? null : new[] { Header("Depth", depth.Value == 0 ? "0" : "1") }, cancellationToken);

        private async Task<DavAnswer> SendAsync(
            string method, string href, string? body, string? contentType, IReadOnlyList<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
        {
            var answer = await TransmitAsync(method, Resolve(href), body, contentType, headers, false, cancellationToken).ConfigureAwait(false);
            if (answer.Status == 401)
                throw LoginRefused(answer);
            return answer;
        }

        /// <summary>One request, sent again under <see cref="Retry"/>'s rules when it fails for a moment.</summary>
        private Task<DavAnswer> TransmitAsync(string method, Uri url, string? body, string? contentType,
            IReadOnlyList<KeyValuePair<string, string>>? headers, bool followRedirects, CancellationToken cancellationToken)
        {
            var retry = Retry;
            if (retry == null)
                return transport.SendAsync(method, url, body, contentType, headers, followRedirects, cancellationToken);
            return retry.SendAsync(
                token => transport.SendAsync(method, url, body, contentType, headers, followRedirects, token),
                token => transport.SendAsync("OPTIONS", BaseUrl, null, null, null, false, token),
                cancellationToken);
        }

        /// <summary>The multistatus of a 207 answer; any other status is a refusal.</summary>
        private IReadOnlyList<DavPropResponse> ParseMultistatus(DavAnswer answer)
        {
            if (answer.Status != 207)
                throw Refusal(answer);
            try
            {
                return DavMultistatus.Parse(answer.Body);
            }
            catch (FormatException e)
            {
                throw new DavException($"The server at {Origin(answer.Url)} answered {answer.Method} {answer.Url.AbsolutePath} with malformed XML: {e.Message}",
                    answer.Status, answer.Method, answer.Url.AbsolutePath, null, e);
            }
        }

        private Uri Resolve(string href)
        {
            if (string.IsNullOrEmpty(href))
                throw new ArgumentException("An href is needed.", nameof(href));
            return new Uri(BaseUrl, href);
        }

        /// <summary>A server's href in canonical form, without scheme and host when it points at this server.</summary>
        private string Local(string href)
        {
            var canonical = DavHref.Canonical(href);
            var origin = BaseUrl.GetLeftPart(UriPartial.Authority);
            return canonical.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase) ? canonical.Substring(origin.Length) : canonical;
        }

        /// <summary>An href from an answer of <paramref name="answered"/>, which a redirect may have put on another host.</summary>
        private string Local(Uri answered, string href) => Local(new Uri(answered, href).AbsoluteUri);

        private DavAuthenticationException LoginRefused(DavAnswer answer)
        {
            var origin = Origin(answer.Url);
            var message = transport.UserName == null
                ? $"The server at {origin} asks for a login ({answer.Status} {answer.Reason}); none was given."
                : $"The server at {origin} refused the login '{transport.UserName}' ({answer.Status} {answer.Reason}).";
            return new DavAuthenticationException(message, answer.Status, answer.Method, answer.Url.AbsolutePath);
        }

        /// <summary>
        /// A refusal with its status and, when the body is a DAV:error (or, as Xandikos answers a rejected PUT, a
        /// multistatus holding one), the precondition's name and the server's explanation.
        /// </summary>
        private static DavException Refusal(DavAnswer answer)
        {
            var status = answer.Status;
            string? condition = null;
            var detail = answer.Body.Trim();
            if (answer.IsXml || detail.StartsWith("<", StringComparison.Ordinal))
            {
                try
                {
                    var root = DavMultistatus.Load(answer.Body).Root;
                    if (root?.Name == Error)
                    {
                        condition = DavMultistatus.ConditionIn(root);
                        detail = string.Empty;
                    }
                    else if (root?.Name == Multistatus)
                    {
                        var first = DavMultistatus.Parse(answer.Body).FirstOrDefault(r => !r.Found);
                        status = first?.Status ?? status;
                        condition = first?.Condition;
                        detail = first?.Description ?? string.Empty;
                    }
                }
                catch (FormatException)
                {
                }
            }

            if (detail.Length > 300)
                detail = detail.Substring(0, 300) + "...";
            var path = answer.Url.AbsolutePath;
            var message = $"The server at {Origin(answer.Url)} refused {answer.Method} {path}: {answer.Status} {answer.Reason}"
                + (status != answer.Status ? $" ({status})" : string.Empty)
                + (condition != null ? $" [{condition}]" : string.Empty)
                + (detail.Length > 0 && !string.Equals(detail, answer.Reason, StringComparison.OrdinalIgnoreCase) ? ": " + detail.Replace("\r", " ").Replace("\n", " ") : ".");
            return new DavException(message, status, answer.Method, DavHref.Canonical(path), condition);
        }

        private static string? Condition(DavAnswer answer)
        {
            try
            {
                var root = DavMultistatus.Load(answer.Body).Root;
                return root?.Name == Error ? DavMultistatus.ConditionIn(root) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority) + "/";

        private static KeyValuePair<string, string> Header(string name, string value) => new KeyValuePair<string, string>(name, value);

        private static string CrlfLines(string text) => text.Replace("\r\n", "\n").Replace("\r", "\n").Replace("\n", "\r\n");
    }
}
