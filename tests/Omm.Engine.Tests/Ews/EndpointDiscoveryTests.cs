using Omm.Engine.Accounts;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Ews.Discovery;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// Rows that give no server: an OVH template row whose destination URL is empty ("hosted by OVH") and an Exchange row
/// with no server, resolved from a real dnsmasq and a loopback Autodiscover server, then recorded with how they were found.
/// </summary>
public sealed class EndpointDiscoveryTests : IClassFixture<DiscoveryServers>, IDisposable
{
    private readonly DiscoveryServers servers;
    private readonly List<string> log = new();
    private readonly string directory = Directory.CreateTempSubdirectory("omm-discovery-").FullName;

    public EndpointDiscoveryTests(DiscoveryServers servers) => this.servers = servers;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task An_empty_destination_url_in_the_OVH_template_finds_Hosted_Exchange_and_the_migration_records_how()
    {
        using var dns = DiscoveryServers.Dns("--mx-host=ovhclient.test,mx1.mail.ovh.net,1", "--srv-host=_autodiscover._tcp.ovhclient.test,ex3.mail.ovh.net,443,0,0");
        using var web = servers.Web([], _ => AutodiscoverReply.NotFound);
        var spec = Row("Exchange", "");

        Assert.Equal(ServerType.Ovh, spec.Destination.Type);
        Assert.True(spec.Destination.NeedsDiscovery);
        var found = await EndpointDiscovery.ResolveAsync(spec.Destination, DiscoveryServers.Options(web, dns, log), CancellationToken.None);

        Assert.Equal((ServerType.Exchange, "https://ex3.mail.ovh.net/EWS/Exchange.asmx", "alice@ovhclient.test"), (found.Type, found.Server, found.Account));
        Assert.Equal("admin@ovhclient.test", ExchangeOptions.AdminOf(found));
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var migration = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(spec.Source, found, false), new[] { ItemType.Mail }));
        Assert.Equal((ServerType.Exchange, "https://ex3.mail.ovh.net/EWS/Exchange.asmx"), (migration.DestinationType, migration.DestinationServer));
        Assert.Contains("ex3.mail.ovh.net: Hosted Exchange", migration.DestinationFoundBy);
        Assert.Null(migration.SourceFoundBy);
    }

    [Fact]
    public async Task An_empty_destination_url_finds_MX_Plan_as_IMAP_over_TLS()
    {
        using var dns = DiscoveryServers.Dns("--mx-host=ovhclient.test,mx1.mail.ovh.net,1", "--host-record=mailconfig.ovh.net,127.0.0.1",
            "--cname=autodiscover.ovhclient.test,mailconfig.ovh.net", "--srv-host=_imaps._tcp.ovhclient.test,ssl0.ovh.net,993,0,0");
        using var web = servers.Web([], _ => AutodiscoverReply.NotFound);

        var found = await EndpointDiscovery.ResolveAsync(Row("IMAP", "").Destination, DiscoveryServers.Options(web, dns, log), CancellationToken.None);

        Assert.Equal((ServerType.Imap, "ssl0.ovh.net:993", ConnectionSecurity.Tls), (found.Type, found.Server, found.Security));
        Assert.Contains("MX Plan", found.Options[EndpointDiscovery.FoundBy]);
    }

    [Fact]
    public async Task An_exchange_row_without_a_server_is_found_by_Autodiscover()
    {
        using var dns = DiscoveryServers.Dns();
        var pox = DiscoveryServers.Recorded("exo2020-pox-autodiscover-response.xml").Replace("outlook.office365.com", "mail.contoso.test");
        using var web = servers.Web(["contoso.test"], r => r.Method == "POST" && r.Path == "/autodiscover/autodiscover.xml" ? AutodiscoverReply.Xml(pox) : AutodiscoverReply.NotFound);
        // As -DestinationType Exchange with a login and no -DestinationServer gives it.
        var given = new SideDefaults { Type = ServerType.Exchange, Credential = DiscoveryServers.Login };
        var side = AccountRowParser.ParseSide(AccountRow.CommandLine(), SideFields.Destination, given, false);

        Assert.Equal((ServerType.Exchange, true), (side.Type, side.NeedsDiscovery));
        var found = await EndpointDiscovery.ResolveAsync(side, DiscoveryServers.Options(web, dns, log), CancellationToken.None);

        Assert.Equal((ServerType.Exchange, "https://mail.contoso.test/EWS/Exchange.asmx", "alice@contoso.test"), (found.Type, found.EwsUrl!.AbsoluteUri, found.Account));
        Assert.StartsWith("Autodiscover (POX https://contoso.test/autodiscover/autodiscover.xml", found.Options[EndpointDiscovery.FoundBy]);
    }

    [Fact]
    public async Task Nothing_found_is_a_clear_failure_naming_the_side_and_what_to_give()
    {
        using var dns = DiscoveryServers.Dns("--mx-host=ovhclient.test,mx.elsewhere.test,1");
        using var web = servers.Web([], _ => AutodiscoverReply.NotFound);

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            EndpointDiscovery.ResolveAsync(Row("IMAP", "").Destination, DiscoveryServers.Options(web, dns, log), CancellationToken.None));

        Assert.Equal(FailureKind.Connection, failure.Kind);
        Assert.StartsWith("No destination server was given for 'alice@ovhclient.test', and Omm could not find it:", failure.Message);
        Assert.EndsWith("Give it with -DestinationServer.", failure.Message);
    }

    private AccountSpec Row(string destinationType, string destinationUrl) =>
        AccountRowParser.Parse(Rows(new[] { "IMAP", "imap.old.test", "bob@old.test", "pw1", destinationType, destinationUrl, "alice@ovhclient.test", "pw2", "",
            destinationType == "Exchange" ? "admin@ovhclient.test" : "" })[0], new AccountDefaults(), false);

    private IReadOnlyList<AccountRow> Rows(params string[][] rows)
    {
        var path = Path.Combine(directory, "accounts.csv");
        File.WriteAllText(path, AccountTemplates.Csv(new IReadOnlyList<string>[] { AccountTemplates.Ovh }.Concat(rows).ToList(), ';'));
        return AccountFileReader.Read(path);
    }
}
