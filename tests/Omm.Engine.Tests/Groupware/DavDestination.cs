using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>A fresh account on a real Radicale or Xandikos to import files into, and what it holds afterwards.</summary>
internal sealed class DavDestination : IDisposable
{
    public const string Radicale = "radicale";
    public const string Xandikos = "xandikos";

    private readonly RadicaleServer? radicale;
    private readonly XandikosServer? xandikos;
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-import-{Guid.NewGuid():N}.db");

    private DavDestination(RadicaleServer? radicale, XandikosServer? xandikos)
    {
        this.radicale = radicale;
        this.xandikos = xandikos;
    }

    public static DavDestination Start(string server) => server switch
    {
        Radicale => new DavDestination(RadicaleServer.Start("importer"), null),
        Xandikos => new DavDestination(null, XandikosServer.Start()),
        _ => throw new ArgumentOutOfRangeException(nameof(server)),
    };

    public AccountEndpoint Endpoint => radicale != null
        ? DavAccounts.Endpoint(EndpointRole.Destination, radicale, "importer")
        : DavAccounts.Endpoint(EndpointRole.Destination, xandikos!);

    /// <summary>Runs one pass of a file into the account; the pass must not fail as a whole.</summary>
    public async Task<(Migration Migration, RecordingObserver Observer)> ImportAsync(string path, params ItemType[] include)
    {
        var store = new StateStore(statePath);
        var from = AccountEndpoint.ForFile(path);
        var migration = DavAccounts.Create(store, from, Endpoint, include.Length > 0 ? include : ItemSupport.OfFile(path).ToArray());
        var observer = new RecordingObserver();
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, Endpoint, observer, CancellationToken.None);
        Assert.Null(result.Failure);
        return (result.Migration, observer);
    }

    /// <summary>Every resource of the account, by collection name.</summary>
    public async Task<Dictionary<string, List<string>>> ItemsAsync()
    {
        using var client = radicale != null ? DavAccounts.Client(radicale, "importer") : DavAccounts.Client(xandikos!);
        return (await DavAccounts.ReadAllAsync(client)).ToDictionary(p => DavAccounts.NameOf(p.Key), p => p.Value.Select(r => r.Data).ToList());
    }

    public void Dispose()
    {
        radicale?.Dispose();
        xandikos?.Dispose();
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }
}
