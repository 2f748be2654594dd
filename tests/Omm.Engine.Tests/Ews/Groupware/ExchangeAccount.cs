using System.Net;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>A mailbox on the EWS test server to move contacts, calendars and tasks into and out of, and what it holds.</summary>
internal sealed class ExchangeAccount : IAsyncDisposable
{
    public const string Mailbox = "june@contoso.test";
    public const string Password = "Ews-pass-1";

    private readonly List<string> files = [];
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-ews-groupware-{Guid.NewGuid():N}.db");

    private ExchangeAccount(EwsTestServer server)
    {
        Server = server;
        Store = new StateStore(statePath);
    }

    public EwsTestServer Server { get; }

    public StateStore Store { get; }

    public static async Task<ExchangeAccount> StartAsync()
    {
        var server = await EwsTestServer.StartAsync();
        server.AddMailbox(Mailbox, Password);
        return new ExchangeAccount(server);
    }

    public const string OtherMailbox = "kurt@contoso.test";

    /// <summary>Adds <see cref="OtherMailbox"/> (same password).</summary>
    public void AddOtherMailbox() => Server.AddMailbox(OtherMailbox, Password);

    public AccountEndpoint Endpoint(EndpointRole role = EndpointRole.Destination, string mailbox = Mailbox) =>
        AccountEndpoint.ForExchange(role, Server.Url, new NetworkCredential(mailbox, Password), false);

    public Migration Create(AccountEndpoint from, AccountEndpoint to, params ItemType[] include) =>
        Store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), include));

    /// <summary>Runs one pass of a file into the mailbox; the pass must not fail as a whole.</summary>
    public async Task<(Migration Migration, RecordingObserver Observer)> ImportAsync(string path, params ItemType[] include)
    {
        var from = AccountEndpoint.ForFile(path);
        var migration = Create(from, Endpoint(), include.Length > 0 ? include : ItemSupport.OfFile(path).Where(ItemSupport.IsGroupware).ToArray());
        return await PassAsync(migration.Id, from, Endpoint());
    }

    /// <summary>Imports iCalendar or vCard text (written to a file of that extension, kept until the account is disposed).</summary>
    public async Task<(Migration Migration, RecordingObserver Observer)> ImportTextAsync(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"omm-ews-sample-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        files.Add(path);
        return await ImportAsync(path);
    }

    public async Task<(Migration Migration, RecordingObserver Observer)> PassAsync(string id, AccountEndpoint from, AccountEndpoint to,
        CancellationToken stopToken = default)
    {
        var observer = new RecordingObserver();
        var result = await TestMigrations.RunPass(Store, id, from, to, observer, stopToken);
        Assert.True(result.Failure == null, result.Failure?.Message);
        return (result.Migration, observer);
    }

    /// <summary>Every contact, calendar item and task of the mailbox as Omm reads them back, by folder name.</summary>
    public async Task<Dictionary<string, List<SourceItem>>> ItemsAsync(string mailbox = Mailbox)
    {
        using var source = new EwsCollectionSource(Endpoint(EndpointRole.Source, mailbox));
        var items = new Dictionary<string, List<SourceItem>>();
        foreach (var collection in await source.ListCollectionsAsync(CancellationToken.None))
        {
            var entries = await source.ListEntriesAsync(collection, CancellationToken.None);
            items[collection.DisplayName] = (await source.ReadAsync(collection, entries, CancellationToken.None)).ToList();
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        var violations = Server.ResponseSchemaViolations;
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in files.Concat(new[] { statePath, statePath + "-wal", statePath + "-shm" }))
            File.Delete(file);
        Assert.True(violations.Count == 0, "Responses broke the EWS schema: " + string.Join("; ", violations));
    }
}
