using System.Diagnostics;
using Omm.Engine.Connectors.Dav;
using Xunit.Abstractions;

namespace Omm.Engine.Tests.Dav;

/// <summary>Writing, reading, listing and deleting vCards and iCalendar objects with ETags on real servers.</summary>
public sealed class DavResourceTests(DavServersFixture servers, ITestOutputHelper output) : IClassFixture<DavServersFixture>
{
    private const string VCard = "text/vcard";
    private const string ICalendar = "text/calendar";

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task A_contact_is_created_once_updated_with_its_etag_and_deleted_with_its_etag(string server)
    {
        using var client = servers.Client(server);
        var book = await client.CreateAddressBookAsync("Lifecycle " + server, null, CancellationToken.None);
        var href = DavClient.ResourceHref(book, "contact-1@example.org", ".vcf");
        Assert.Equal(book.Href + "contact-1@example.org.vcf", href);

        var created = await client.PutAsync(href, VCard, DavSamples.Contact("contact-1@example.org", "Anna", "Berg"), null, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.Created, created.Outcome);
        Assert.Equal(href, created.Href);
        Assert.Matches("^\".+\"$", created.ETag);

        var again = await client.PutAsync(href, VCard, DavSamples.Contact("contact-1@example.org", "Anna", "Berg"), null, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.PreconditionFailed, again.Outcome);

        var read = await client.GetAsync(href, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Contains("\r\nFN:Anna Berg\r\n", read.Data);
        Assert.Contains("\r\nUID:contact-1@example.org\r\n", read.Data);
        Assert.Equal(created.ETag, await client.GetETagAsync(href, CancellationToken.None));

        var updated = await client.PutAsync(href, VCard, DavSamples.Contact("contact-1@example.org", "Anna", "Berg", "Moved to Lyon"), created.ETag, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.Updated, updated.Outcome);
        Assert.NotNull(updated.ETag);
        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Contains("NOTE:Moved to Lyon", (await client.GetAsync(href, CancellationToken.None))!.Data);

        var stale = await client.PutAsync(href, VCard, DavSamples.Contact("contact-1@example.org", "Anna", "Stale"), created.ETag, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.PreconditionFailed, stale.Outcome);

        var refused = await Assert.ThrowsAsync<DavException>(() => client.DeleteAsync(href, created.ETag, CancellationToken.None));
        Assert.Equal(412, refused.StatusCode);
        Assert.Equal("DELETE", refused.Method);
        Assert.NotNull(await client.GetAsync(href, CancellationToken.None));

        Assert.True(await client.DeleteAsync(href, updated.ETag, CancellationToken.None));
        Assert.Null(await client.GetAsync(href, CancellationToken.None));
        Assert.Null(await client.GetETagAsync(href, CancellationToken.None));
        Assert.False(await client.DeleteAsync(href, null, CancellationToken.None));
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task Events_and_tasks_are_written_and_read_back(string server)
    {
        using var client = servers.Client(server);
        var events = await client.CreateCalendarAsync("Events " + server, null, null, ["VEVENT"], CancellationToken.None);
        var tasks = await client.CreateCalendarAsync("Tasks " + server, null, null, ["VTODO"], CancellationToken.None);

        var eventHref = DavClient.ResourceHref(events, "040000008200E00074C5B7101A82E008", ".ics");
        var todoHref = DavClient.ResourceHref(tasks, "todo-42", "ics");
        Assert.Equal(DavWriteOutcome.Created, (await client.PutAsync(eventHref, ICalendar, DavSamples.Event("040000008200E00074C5B7101A82E008", "Budget review", new DateTime(2026, 3, 2, 9, 0, 0)), null, CancellationToken.None)).Outcome);
        Assert.Equal(DavWriteOutcome.Created, (await client.PutAsync(todoHref, ICalendar, DavSamples.Todo("todo-42", "Send the minutes"), null, CancellationToken.None)).Outcome);

        var eventRead = Assert.Single(await client.GetResourcesAsync(events, [eventHref], CancellationToken.None));
        Assert.Contains("SUMMARY:Budget review\r\n", eventRead.Data);
        Assert.Contains("DTSTART:20260302T090000Z\r\n", eventRead.Data);
        var todoRead = await client.GetAsync(todoHref, CancellationToken.None);
        Assert.Contains("BEGIN:VTODO\r\n", todoRead!.Data);
        Assert.Contains("SUMMARY:Send the minutes\r\n", todoRead.Data);
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task A_multiget_of_250_contacts_returns_them_all_and_agrees_with_the_listing(string server)
    {
        using var client = servers.Client(server);
        var book = await client.CreateAddressBookAsync("Bulk " + server, null, CancellationToken.None);
        var written = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 250), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var uid = $"bulk-{i:D3}";
            var href = DavClient.ResourceHref(book, uid, ".vcf");
            var result = await client.PutAsync(href, VCard, DavSamples.Contact(uid, "Person", $"Number{i:D3}"), null, cancellationToken);
            Assert.Equal(DavWriteOutcome.Created, result.Outcome);
            written[href] = result.ETag;
        });

        output.WriteLine($"{server}: 250 PUTs, 4 at a time, in {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        var listing = await client.ListResourcesAsync(book, CancellationToken.None);
        output.WriteLine($"{server}: listing in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(written.Keys.Order(), listing.Select(r => r.Href).Order());
        Assert.All(listing, r => Assert.Equal(written[r.Href], r.ETag));
        Assert.All(listing, r => Assert.StartsWith("text/vcard", r.ContentType));

        var inOrder = written.Keys.Order().ToList();
        var asked = Enumerable.Reverse(inOrder).Append(book.Href + "not-there.vcf").ToList();
        watch.Restart();
        var resources = await client.GetResourcesAsync(book, asked, CancellationToken.None);
        output.WriteLine($"{server}: multiget of 251 in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Enumerable.Reverse(inOrder), resources.Select(r => r.Href));
        Assert.All(resources, r => Assert.Equal(written[r.Href], r.ETag));
        Assert.All(resources, r => Assert.Contains($"UID:{r.Href[(book.Href.Length)..^4]}\r\n", r.Data));
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName, "a@b/c+d e", "a@b_c%2Bd%20e-")]
    [InlineData(DavServersFixture.XandikosName, "a@b/c+d e", "a@b_c%2Bd%20e-")]
    [InlineData(DavServersFixture.RadicaleName, "Zoë Ærø 東京 +33", "Zo%C3%AB%20%C3%86r%C3%B8%20%E6%9D%B1%E4%BA%AC%20%2B33.vcf")]
    [InlineData(DavServersFixture.XandikosName, "Zoë Ærø 東京 +33", "Zo%C3%AB%20%C3%86r%C3%B8%20%E6%9D%B1%E4%BA%AC%20%2B33.vcf")]
    [InlineData(DavServersFixture.RadicaleName, "50% off?#x:y", "50_%20off__x_y-")]
    [InlineData(DavServersFixture.XandikosName, "50% off?#x:y", "50_%20off__x_y-")]
    public async Task A_uid_with_awkward_characters_round_trips_through_its_href(string server, string uid, string expectedNameStart)
    {
        using var client = servers.Client(server);
        var book = await client.CreateAddressBookAsync("Awkward " + server, null, CancellationToken.None);
        var href = DavClient.ResourceHref(book, uid, ".vcf");
        Assert.StartsWith(book.Href + expectedNameStart, href);
        Assert.Equal(href, DavClient.ResourceHref(book, uid, ".vcf"));

        var created = await client.PutAsync(href, VCard, DavSamples.Contact(uid, "Zoë", "Ærø"), null, CancellationToken.None);
        Assert.Equal(DavWriteOutcome.Created, created.Outcome);

        var listed = Assert.Single(await client.ListResourcesAsync(book, CancellationToken.None));
        Assert.Equal(href, listed.Href);
        Assert.Equal(created.ETag, listed.ETag);
        var fetched = Assert.Single(await client.GetResourcesAsync(book, [listed.Href], CancellationToken.None));
        Assert.Equal(href, fetched.Href);
        Assert.Contains($"UID:{uid}\r\n", fetched.Data);
        Assert.Contains("FN:Zoë Ærø\r\n", fetched.Data);
        Assert.Equal(fetched.Data, (await client.GetAsync(href, CancellationToken.None))!.Data);
        Assert.True(await client.DeleteAsync(href, created.ETag, CancellationToken.None));
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task The_ctag_and_sync_token_change_after_a_put(string server)
    {
        using var client = servers.Client(server);
        var calendar = await client.CreateCalendarAsync("Changes " + server, null, null, ["VEVENT"], CancellationToken.None);
        await client.PutAsync(DavClient.ResourceHref(calendar, "first", ".ics"), ICalendar, DavSamples.Event("first", "First", new DateTime(2026, 4, 1, 8, 0, 0)), null, CancellationToken.None);
        var before = await client.GetCollectionAsync(calendar.Href, CancellationToken.None);

        await client.PutAsync(DavClient.ResourceHref(calendar, "second", ".ics"), ICalendar, DavSamples.Event("second", "Second", new DateTime(2026, 4, 2, 8, 0, 0)), null, CancellationToken.None);
        var after = await client.GetCollectionAsync(calendar.Href, CancellationToken.None);

        Assert.NotNull(before!.CTag);
        Assert.NotNull(before.SyncToken);
        Assert.NotEqual(before.CTag, after!.CTag);
        Assert.NotEqual(before.SyncToken, after.SyncToken);
        Assert.Equal(after.CTag, Assert.Single(await client.ListCollectionsAsync(CancellationToken.None), c => c.Href == calendar.Href).CTag);
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName)]
    [InlineData(DavServersFixture.XandikosName)]
    public async Task Sync_collection_reports_what_changed_and_what_was_removed_since_a_token(string server)
    {
        using var client = servers.Client(server);
        var book = await client.CreateAddressBookAsync("Sync " + server, null, CancellationToken.None);
        var kept = await client.PutAsync(DavClient.ResourceHref(book, "kept", ".vcf"), VCard, DavSamples.Contact("kept", "Kim", "Kept"), null, CancellationToken.None);
        var doomed = await client.PutAsync(DavClient.ResourceHref(book, "doomed", ".vcf"), VCard, DavSamples.Contact("doomed", "Dee", "Doomed"), null, CancellationToken.None);

        var first = await client.SyncCollectionAsync(book, null, CancellationToken.None);
        Assert.Equal([doomed.Href, kept.Href], first.Changed.Select(c => c.Href).Order());
        Assert.Equal(kept.ETag, first.Changed.Single(c => c.Href == kept.Href).ETag);
        Assert.Empty(first.Removed);
        Assert.NotNull(first.SyncToken);

        var updated = await client.PutAsync(kept.Href, VCard, DavSamples.Contact("kept", "Kim", "Kept", "Changed"), kept.ETag, CancellationToken.None);
        Assert.True(await client.DeleteAsync(doomed.Href, doomed.ETag, CancellationToken.None));
        var second = await client.SyncCollectionAsync(book, first.SyncToken, CancellationToken.None);

        var change = Assert.Single(second.Changed);
        Assert.Equal(kept.Href, change.Href);
        Assert.Equal(updated.ETag, change.ETag);
        Assert.Equal([doomed.Href], second.Removed);
        Assert.NotEqual(first.SyncToken, second.SyncToken);

        var nothing = await client.SyncCollectionAsync(book, second.SyncToken, CancellationToken.None);
        Assert.Empty(nothing.Changed);
        Assert.Empty(nothing.Removed);
    }

    [Fact]
    public async Task Radicale_names_an_unknown_sync_token_as_the_valid_sync_token_condition()
    {
        using var client = servers.Client(DavServersFixture.RadicaleName);
        var book = await client.CreateAddressBookAsync("Stale token", null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<DavException>(() => client.SyncCollectionAsync(book, "http://radicale.org/ns/sync/unknown", CancellationToken.None));
        Assert.Equal(403, e.StatusCode);
        Assert.Equal("valid-sync-token", e.Condition);
    }
}
