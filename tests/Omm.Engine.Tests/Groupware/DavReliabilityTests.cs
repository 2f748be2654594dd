using System.Diagnostics;
using System.Net;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// DAV migrations through an HTTP proxy that answers 503 and 429, cuts requests and answers, or goes dead, in front of a
/// real Radicale: passing failures are retried and every item arrives once; an item that always breaks the connection
/// is an item error while the rest arrive (and a later pass copies it); a dead server fails the pass; caps pace items.
/// </summary>
public sealed class DavReliabilityTests : IDisposable
{
    private readonly RadicaleServer radicale = RadicaleServer.Start("alice", "bob");
    private readonly string directory = Directory.CreateTempSubdirectory("omm-davfault-").FullName;

    public void Dispose()
    {
        radicale.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private string StatePath => Path.Combine(directory, "state.db");

    [Fact]
    public async Task Busy_answers_and_cut_requests_are_sent_again_and_every_item_arrives_once()
    {
        var seeded = await SeedAsync(contacts: 12, bigPhoto: false);
        using var proxy = HttpFaultProxy.Start(radicale.Url);
        var puts = 0;
        var propfinds = 0;
        proxy.Rule = request =>
        {
            if (request.Method == "PROPFIND" && Interlocked.Increment(ref propfinds) == 3)
                return HttpFault.Cut;
            if (request.Method != "PUT")
                return HttpFault.None;
            return Interlocked.Increment(ref puts) switch
            {
                2 => HttpFault.Answer(503, "Service Unavailable", retryAfterSeconds: 1),
                4 => HttpFault.Answer(429, "Too Many Requests"),
                6 => HttpFault.Cut,
                8 => HttpFault.CutAnswer, // stored, but the answer is lost: the retry finds it there
                10 => HttpFault.Answer(502, "Bad Gateway"),
                _ => HttpFault.None,
            };
        };
        var observer = new RecordingObserver();

        var result = await RunAsync(Source(), Destination(proxy.Url), observer);

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Empty(result.Migration.Errors);
        Assert.Equal(seeded, await UidsAsync("bob"));
        Assert.Equal(12, result.Migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
        var warnings = observer.Lines.Where(l => l.StartsWith("WARNING: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, w => w.Contains("with 503 Service Unavailable. Trying again in 1.0 s (attempt 2 of 3 without progress).", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("with 429 Too Many Requests. Trying again in", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("The server answers other requests: sending it again in", StringComparison.Ordinal));
        Assert.Equal(17, proxy.Requests.Count(r => r.Method == "PUT")); // 12 items, the 5 faulted ones twice
    }

    [Fact]
    public async Task A_write_whose_answer_is_lost_is_not_taken_for_someone_elses_copy()
    {
        await SeedAsync(contacts: 3, bigPhoto: false);
        using var proxy = HttpFaultProxy.Start(radicale.Url);
        var store = new StateStore(StatePath);
        var (from, to) = (Source(), Destination(proxy.Url));
        var migration = DavAccounts.Create(store, from, to);
        var cut = 0;
        // The server stores the first PUT of each pass, the answer never comes: the retry meets If-None-Match / If-Match.
        proxy.Rule = request => request.Method == "PUT" && Interlocked.Increment(ref cut) == 1 ? HttpFault.CutAnswer : HttpFault.None;
        var first = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason}");
        Assert.Empty(first.Migration.Errors);

        using var alice = DavAccounts.Client(radicale, "alice");
        var book = (await alice.ListCollectionsAsync(CancellationToken.None)).Single();
        var source = (await alice.GetResourcesAsync(book, new[] { book.Href + "contact-2@omm.test.vcf" }, CancellationToken.None)).Single();
        await alice.PutAsync(source.Href, "text/vcard", GroupwareSamples.Contact(2, "changed on the source"), source.ETag, CancellationToken.None);
        cut = 0;
        var second = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        Assert.True(second.Migration.Status == MigrationStatus.Completed, $"{second.Migration.Status}: {second.Migration.FailureReason}");
        Assert.Empty(second.Migration.Errors);
        Assert.Equal(2, proxy.Requests.Count(r => r.Method == "PUT" && r.Body.Contains("changed on the source", StringComparison.Ordinal)));
        using var bob = DavAccounts.Client(radicale, "bob");
        var copies = (await DavAccounts.ReadAllAsync(bob)).Values.SelectMany(r => r).ToList();
        Assert.Equal(3, copies.Count);
        Assert.Contains("changed on the source", copies.Single(c => c.Data.Contains("contact-2@omm.test")).Data);
        // The ETag recorded is the copy's: a third pass finds nothing changed on either side.
        var third = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Empty(third.Migration.Errors);
        Assert.Equal(store.GetEntriesFrom(migration.Id, 1).Select(e => e.DestinationETag).Order(),
            (await bob.ListResourcesAsync((await bob.ListCollectionsAsync(CancellationToken.None)).Single(), CancellationToken.None)).Select(r => r.ETag).Order());
    }

    [Fact]
    public async Task A_card_that_always_breaks_the_connection_is_an_item_error_the_rest_arrive_and_the_next_pass_copies_it()
    {
        var seeded = await SeedAsync(contacts: 5, bigPhoto: true);
        using var proxy = HttpFaultProxy.Start(radicale.Url);
        proxy.Rule = request => request.Method == "PUT" && request.Body.Length > 100_000 ? HttpFault.Cut : HttpFault.None;
        var store = new StateStore(StatePath);
        var (from, to) = (Source(), Destination(proxy.Url));
        var migration = DavAccounts.Create(store, from, to);

        var first = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        Assert.True(first.Migration.Status == MigrationStatus.CompletedWithErrors, $"{first.Migration.Status}: {first.Migration.FailureReason}");
        var error = Assert.Single(first.Migration.Errors);
        Assert.Equal(ItemErrorType.Error, error.Type);
        Assert.Equal("Person 99 Müller (UID contact-99@omm.test)", error.ItemName);
        Assert.StartsWith("The connection broke 4 times while this item was sent, while the server answered other requests; " +
                          $"the rest goes on, and the next pass tries it again. Last: Cannot reach the server at {proxy.Url}bob/", error.Message);
        Assert.Equal(4, proxy.Requests.Count(r => r.Method == "PUT" && r.Body.Length > 100_000));
        Assert.Equal(seeded.Where(u => u != "contact-99@omm.test").Order(), (await UidsAsync("bob")).Order());

        proxy.Rule = null;
        var second = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        Assert.True(second.Migration.Status == MigrationStatus.Completed, $"{second.Migration.Status}: {second.Migration.FailureReason}");
        Assert.Equal(seeded, await UidsAsync("bob"));
        using var bob = DavAccounts.Client(radicale, "bob");
        var photo = (await DavAccounts.ReadAllAsync(bob)).Values.SelectMany(r => r).Single(r => r.Data.Contains("contact-99@omm.test"));
        Assert.Equal(ContentFacts.Of(GroupwareSamples.ContactWithPhoto(99, 300_000)), ContentFacts.Of(photo.Data));
    }

    [Fact]
    public async Task A_source_item_whose_read_always_breaks_is_an_item_error_and_the_rest_arrive()
    {
        var seeded = await SeedAsync(contacts: 5, bigPhoto: true);
        using var proxy = HttpFaultProxy.Start(radicale.Url);
        // The batch that holds it, then the item on its own.
        proxy.Rule = request => (request.Method == "REPORT" && request.Body.Contains("contact-99", StringComparison.Ordinal))
                                || (request.Method == "GET" && request.Path.Contains("contact-99", StringComparison.Ordinal))
            ? HttpFault.CutAnswer
            : HttpFault.None;

        var result = await RunAsync(Source(proxy.Url), Destination(radicale.Url), new RecordingObserver());

        Assert.True(result.Migration.Status == MigrationStatus.CompletedWithErrors, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var error = Assert.Single(result.Migration.Errors);
        Assert.StartsWith("The connection broke 4 times while this item was read, while the server answered other requests;", error.Message);
        Assert.Equal(seeded.Where(u => u != "contact-99@omm.test").Order(), (await UidsAsync("bob")).Order());
    }

    [Fact]
    public async Task A_destination_that_goes_dead_fails_the_pass_after_the_retry_budget()
    {
        await SeedAsync(contacts: 10, bigPhoto: false);
        using var proxy = HttpFaultProxy.Start(radicale.Url);
        var puts = 0;
        proxy.Rule = request =>
        {
            if (request.Method == "PUT" && Interlocked.Increment(ref puts) == 4)
            {
                proxy.Down = true;
                return HttpFault.Cut;
            }

            return HttpFault.None;
        };

        var result = await RunAsync(Source(), Destination(proxy.Url), new RecordingObserver());

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.ConnectionLost, result.Failure!.Kind);
        Assert.StartsWith($"Cannot reach the server at {proxy.Url}bob/", result.Migration.FailureReason);
        Assert.EndsWith("Gave up after 3 attempts without progress.", result.Migration.FailureReason);
        Assert.Equal(3, (await UidsAsync("bob")).Count);
        Assert.Equal(3, result.Migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
    }

    [Fact]
    public async Task A_destination_nothing_listens_at_fails_at_once()
    {
        await SeedAsync(contacts: 2, bigPhoto: false);
        var watch = Stopwatch.StartNew();

        var result = await RunAsync(Source(), Destination(new Uri($"http://127.0.0.1:{FreePort.Next()}/")), new RecordingObserver());

        Assert.Equal(MigrationStatus.Failed, result.Migration.Status);
        Assert.Equal(FailureKind.Connection, result.Failure!.Kind);
        Assert.Contains("the connection was refused", result.Migration.FailureReason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_item_cap_paces_dav_items_and_copies_each_once()
    {
        var seeded = await SeedAsync(contacts: 20, bigPhoto: false);
        var observer = new RecordingObserver();
        var watch = Stopwatch.StartNew();

        var result = await RunAsync(Source(), Destination(radicale.Url), observer, new ThroughputCaps(10, null));

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        Assert.Equal(seeded, await UidsAsync("bob"));
        Assert.Contains("Copying contacts, calendars and tasks at most 10 messages/s, all connections together.", observer.Lines);
        // The bucket starts empty: the 20th item cannot start before 20 / 10 = 2 s.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), $"20 items under 10 items/s took {watch.Elapsed.TotalSeconds:N2} s");
    }

    [Fact]
    public async Task A_byte_cap_paces_dav_items_by_what_they_weigh()
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var book = await alice.CreateAddressBookAsync("Friends", null, CancellationToken.None);
        for (var i = 1; i <= 6; i++)
            await alice.PutAsync($"{book.Href}contact-{i}@omm.test.vcf", "text/vcard", GroupwareSamples.ContactWithPhoto(i, 9_000), null, CancellationToken.None);
        var store = new StateStore(StatePath);
        var (from, to) = (Source(), Destination(radicale.Url));
        var migration = DavAccounts.Create(store, from, to, ItemType.Contacts);
        store.SetThroughputCaps(migration.Id, new ThroughputCaps(null, 25_000));
        var watch = Stopwatch.StartNew();

        var result = await Runner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        var elapsed = watch.Elapsed;

        Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
        var sent = store.GetEntriesFrom(migration.Id, 1).Sum(e => e.Size);
        Assert.Equal(6, store.GetEntriesFrom(migration.Id, 1).Count());
        var least = TimeSpan.FromSeconds(sent / 25_000.0);
        Assert.True(elapsed >= least, $"{sent:N0} bytes under 25,000 bytes/s took {elapsed.TotalSeconds:N2} s, less than {least.TotalSeconds:N2} s");
    }

    private AccountEndpoint Source(Uri? url = null) =>
        new(EndpointRole.Source, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("alice", radicale.Password), false, url ?? radicale.Url);

    private AccountEndpoint Destination(Uri url) =>
        new(EndpointRole.Destination, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("bob", radicale.Password), false, url);

    private static MigrationRunner Runner(StateStore store) => new(store) { ConnectionRetries = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(20) };

    private async Task<PassResult> RunAsync(AccountEndpoint from, AccountEndpoint to, RecordingObserver observer, ThroughputCaps? caps = null)
    {
        var store = new StateStore(StatePath);
        var migration = DavAccounts.Create(store, from, to, ItemType.Contacts);
        if (caps != null)
            store.SetThroughputCaps(migration.Id, caps);
        return await Runner(store).RunPassAsync(migration.Id, from, to, observer, CancellationToken.None);
    }

    /// <summary>Alice's address book "Friends": numbered contacts, and with <paramref name="bigPhoto"/> contact 99 with a 300 KB photo. Returns the UIDs, sorted.</summary>
    private async Task<List<string>> SeedAsync(int contacts, bool bigPhoto)
    {
        using var alice = DavAccounts.Client(radicale, "alice");
        var book = await alice.CreateAddressBookAsync("Friends", null, CancellationToken.None);
        for (var i = 1; i <= contacts - (bigPhoto ? 1 : 0); i++)
            await alice.PutAsync($"{book.Href}contact-{i}@omm.test.vcf", "text/vcard", GroupwareSamples.Contact(i), null, CancellationToken.None);
        if (bigPhoto)
            await alice.PutAsync($"{book.Href}contact-99@omm.test.vcf", "text/vcard", GroupwareSamples.ContactWithPhoto(99, 300_000), null, CancellationToken.None);
        return await UidsAsync("alice");
    }

    private async Task<List<string>> UidsAsync(string user)
    {
        using var client = DavAccounts.Client(radicale, user);
        return (await DavAccounts.ReadAllAsync(client)).Values.SelectMany(r => r).Select(r => ContentFacts.ByUid(r.Data).Keys.Single()).Order().ToList();
    }
}
