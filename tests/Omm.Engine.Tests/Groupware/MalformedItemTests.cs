using System.Net;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Groupware;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// The malformed-but-common corpus (<see cref="MalformedItems"/>) imported from .vcf and .ics files into real Radicale
/// and Xandikos: what a server refuses is sent once more repaired and arrives with its meaning, the warning listing
/// what changed; what cannot be repaired is an item error quoting the server; the repaired copies are recorded like
/// any other, so that the next pass leaves them and removal finds them.
/// </summary>
public sealed class MalformedItemTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-malformed-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("radicale")]
    [InlineData("xandikos")]
    public async Task Refused_items_arrive_repaired_with_their_meaning_or_are_item_errors_quoting_the_server(string server)
    {
        using var radicale = server == "radicale" ? RadicaleServer.Start("importer") : null;
        using var xandikos = server == "xandikos" ? XandikosServer.Start() : null;
        var to = radicale != null
            ? DavAccounts.Endpoint(EndpointRole.Destination, radicale, "importer")
            : DavAccounts.Endpoint(EndpointRole.Destination, xandikos!);
        var serverUrl = to.DavUrl!.AbsoluteUri;
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var cards = Path.Combine(directory, "corpus.vcf");
        var events = Path.Combine(directory, "corpus.ics");
        File.WriteAllText(cards, string.Concat(MalformedItems.Cards.Select(c => c.Text)));
        File.WriteAllText(events, IcsFile(MalformedItems.CalendarItems));

        var problems = new List<ItemError>();
        var migrations = new List<string>();
        foreach (var file in new[] { cards, events })
        {
            var from = AccountEndpoint.ForFile(file);
            var migration = DavAccounts.Create(store, from, to, ItemSupport.OfFile(file).ToArray());
            migrations.Add(migration.Id);
            var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
            Assert.True(result.Failure == null, result.Migration.FailureReason);
            problems.AddRange(result.Migration.Errors);
        }

        using var client = new DavClient(to.DavUrl, to.Credential, false);
        var onServer = (await DavAccounts.ReadAllAsync(client)).Values.SelectMany(r => r)
            .ToDictionary(r => UidOf(r.Data), r => r.Data);
        foreach (var item in MalformedItems.Cards.Concat(MalformedItems.CalendarItems))
        {
            var about = problems.Where(p => p.ItemName.EndsWith($"(UID {item.Uid})", StringComparison.Ordinal)).ToList();
            switch (item.On(server))
            {
                case Outcome.Taken:
                    Assert.True(about.Count == 0, $"{item.Uid}: {string.Join(" / ", about.Select(p => p.Message))}");
                    item.Meaning?.Invoke(onServer[item.Uid]);
                    break;
                case Outcome.Mended mended:
                    var warning = Refusal(item.Uid, about, ItemErrorType.Warning, serverUrl);
                    Assert.Contains(" Omm sent it again repaired: ", warning.Message);
                    foreach (var change in mended.Changes)
                        Assert.True(warning.Message.Contains(change, StringComparison.Ordinal), $"{item.Uid}: '{change}' is not in: {warning.Message}");
                    Assert.True(onServer.ContainsKey(item.Uid), $"{item.Uid} is not on {server}");
                    item.Meaning?.Invoke(onServer[item.Uid]);
                    break;
                case Outcome.Rejected rejected:
                    var error = Refusal(item.Uid, about, ItemErrorType.Error, serverUrl);
                    if (rejected.RepairedToo)
                        Assert.Matches(@" Omm sent it again repaired \(.+\), and that was refused too: The server at .* refused PUT ", error.Message);
                    else
                        Assert.DoesNotContain("sent it again", error.Message);
                    Assert.False(onServer.ContainsKey(item.Uid));
                    break;
            }
        }

        // The repaired copies are recorded as any copy: the next pass copies nothing again (it tries the refused ones again)...
        var copied = onServer.Count;
        foreach (var (file, id) in new[] { cards, events }.Zip(migrations))
        {
            var from = AccountEndpoint.ForFile(file);
            var again = await new MigrationRunner(store).RunPassAsync(id, from, to, new RecordingObserver(), CancellationToken.None);
            Assert.True(again.Failure == null, again.Migration.FailureReason);
            Assert.All(again.Migration.Errors, e => Assert.Equal(ItemErrorType.Error, e.Type));
        }

        Assert.Equal(copied, (await DavAccounts.ReadAllAsync(client)).Values.Sum(r => r.Count));
        // ...each recorded with the href and ETag it has on the server...
        var resources = new Dictionary<string, string?>();
        foreach (var collection in await client.ListCollectionsAsync(CancellationToken.None))
        {
            foreach (var resource in await client.ListResourcesAsync(collection, CancellationToken.None))
                resources[resource.Href] = resource.ETag;
        }

        var entries = migrations.SelectMany(id => store.GetEntriesFrom(id, 1)).ToList();
        Assert.Equal(copied, entries.Count);
        Assert.All(entries, e => Assert.Equal(resources[e.DestinationHref], e.DestinationETag));
        // ...and removal finds and deletes them. (Xandikos 0.2.8 answers 500 to the DELETE of the event with two SUMMARY
        // it took as it was: its change log cannot describe it.)
        if (server != "radicale")
            return;
        var remover = new MigratedItemRemover(store);
        foreach (var id in migrations)
        {
            var plan = remover.Plan(id);
            await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        }

        Assert.Equal(0, (await DavAccounts.ReadAllAsync(client)).Values.Sum(r => r.Count));
    }

    /// <summary>The one problem recorded for an item: of that type, quoting the server's first refusal.</summary>
    private static ItemError Refusal(string uid, IReadOnlyList<ItemError> about, ItemErrorType type, string serverUrl)
    {
        Assert.True(about.Count == 1, $"{uid}: {about.Count} problems recorded: {string.Join(" / ", about.Select(p => $"{p.ItemName}: {p.Message}"))}");
        var problem = about[0];
        Assert.Equal(type, problem.Type);
        Assert.StartsWith($"The server at {serverUrl} refused PUT ", problem.Message);
        return problem;
    }

    private static string UidOf(string resource)
    {
        var top = Omm.Engine.ContentLines.ContentLineReader.Read(resource).Components.Single();
        return (top.Property("UID") ?? top.Components.First(c => c.Property("UID") != null).Property("UID")!).Value;
    }

    /// <summary>One .ics with one VTIMEZONE and the items' components.</summary>
    private static string IcsFile(IEnumerable<MalformedItem> items) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm tests//EN\r\n" + MalformedItems.ParisZone +
        string.Concat(items.Select(i =>
        {
            var start = i.Text.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal) is var e && e >= 0 ? e : i.Text.IndexOf("BEGIN:VTODO", StringComparison.Ordinal);
            return i.Text[start..i.Text.IndexOf("END:VCALENDAR", StringComparison.Ordinal)];
        })) +
        "END:VCALENDAR\r\n";
}
