using System.Net;
using Omm.Engine.Connectors.Ews.Discovery;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// OVH product detection from the DNS records OVH sets (served by a real dnsmasq) and, when they do not tell, from
/// Autodiscover (a loopback HTTPS server).
/// </summary>
public sealed class OvhDetectionTests : IClassFixture<DiscoveryServers>
{
    private const string Domain = "ovhclient.test";
    private const string Address = "alice@ovhclient.test";

    private static readonly string[] OvhMx =
    [
        $"--mx-host={Domain},mx1.mail.ovh.net,1",
        $"--mx-host={Domain},mx2.mail.ovh.net,5",
        $"--mx-host={Domain},mx3.mail.ovh.net,100",
    ];

    /// <summary>OVH's default zone for a domain (MX Plan): autodiscover and autoconfig to mailconfig.ovh.net, IMAP to ssl0.ovh.net.</summary>
    private static readonly string[] DefaultZone =
    [
        "--host-record=mailconfig.ovh.net,127.0.0.1",
        $"--cname=autodiscover.{Domain},mailconfig.ovh.net",
        $"--srv-host=_autodiscover._tcp.{Domain},mailconfig.ovh.net,443,0,0",
        $"--srv-host=_imaps._tcp.{Domain},ssl0.ovh.net,993,0,0",
    ];

    private readonly DiscoveryServers servers;
    private readonly List<string> log = new();

    public OvhDetectionTests(DiscoveryServers servers) => this.servers = servers;

    private async Task<OvhProduct> DetectAsync(DnsmasqServer dns, NetworkCredential? credential = null, string subject = Address, AutodiscoverTestServer? web = null)
    {
        using var noWeb = web == null ? servers.Web([], _ => AutodiscoverReply.NotFound) : null;
        return await new OvhProducts(DiscoveryServers.Options(web ?? noWeb!, dns, log)).DetectAsync(subject, credential, CancellationToken.None);
    }

    [Fact]
    public async Task Hosted_exchange_from_the_autodiscover_srv_record()
    {
        using var dns = DiscoveryServers.Dns([.. OvhMx, $"--srv-host=_autodiscover._tcp.{Domain},ex3.mail.ovh.net,443,0,0"]);

        var product = await DetectAsync(dns);

        Assert.Equal(OvhProductKind.HostedExchange, product.Kind);
        Assert.Equal("https://ex3.mail.ovh.net/EWS/Exchange.asmx", product.EwsUrl!.AbsoluteUri);
        Assert.Null(product.ImapHost);
        Assert.Equal(
            "MX mx1.mail.ovh.net, mx2.mail.ovh.net, mx3.mail.ovh.net and _autodiscover._tcp.ovhclient.test → ex3.mail.ovh.net: Hosted Exchange (https://ex3.mail.ovh.net/EWS/Exchange.asmx)",
            product.Explanation);
    }

    [Fact]
    public async Task Email_pro_from_the_autodiscover_cname()
    {
        using var dns = DiscoveryServers.Dns([.. OvhMx, "--host-record=pro1.mail.ovh.net,127.0.0.1", $"--cname=autodiscover.{Domain},pro1.mail.ovh.net"]);

        var product = await DetectAsync(dns, subject: Domain);

        Assert.Equal(OvhProductKind.EmailPro, product.Kind);
        Assert.Equal(("pro1.mail.ovh.net", 993), (product.ImapHost, product.ImapPort));
        Assert.Null(product.EwsUrl);
        Assert.Equal("IMAP pro1.mail.ovh.net:993 (TLS)", product.Server);
        Assert.Contains("autodiscover.ovhclient.test → pro1.mail.ovh.net: Email Pro", product.Explanation);
    }

    [Fact]
    public async Task Mx_plan_from_ovh_default_zone()
    {
        using var dns = DiscoveryServers.Dns([.. OvhMx, .. DefaultZone]);

        var product = await DetectAsync(dns);

        Assert.Equal(OvhProductKind.MxPlan, product.Kind);
        Assert.Equal(("ssl0.ovh.net", 993), (product.ImapHost, product.ImapPort));
        Assert.Contains("_imaps._tcp.ovhclient.test → ssl0.ovh.net", product.Explanation);
        Assert.EndsWith(": MX Plan (IMAP ssl0.ovh.net:993 (TLS))", product.Explanation);
    }

    [Fact]
    public async Task Product_records_win_over_leftovers_of_the_default_zone()
    {
        using var dns = DiscoveryServers.Dns(
        [
            .. OvhMx,
            "--host-record=mailconfig.ovh.net,127.0.0.1",
            $"--cname=autodiscover.{Domain},mailconfig.ovh.net",
            $"--srv-host=_imaps._tcp.{Domain},ssl0.ovh.net,993,0,0",
            $"--srv-host=_autodiscover._tcp.{Domain},ex2.mail.ovh.net,443,0,0",
        ]);

        var product = await DetectAsync(dns);

        Assert.Equal(OvhProductKind.HostedExchange, product.Kind);
        Assert.Equal("https://ex2.mail.ovh.net/EWS/Exchange.asmx", product.EwsUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task Hosted_exchange_from_autodiscover_when_only_the_mx_is_ovh()
    {
        using var dns = DiscoveryServers.Dns([.. OvhMx, $"--host-record=autodiscover.{Domain},127.0.0.1"]);
        var answer = DiscoveryServers.Recorded("exo2020-pox-autodiscover-response.xml").Replace("outlook.office365.com", "ex4.mail.ovh.net");
        using var web = servers.Web([$"autodiscover.{Domain}"], r => r.Path == "/autodiscover/autodiscover.xml" && r.Method == "POST" ? AutodiscoverReply.Xml(answer) : AutodiscoverReply.NotFound);

        var product = await DetectAsync(dns, DiscoveryServers.Login, web: web);

        Assert.Equal(OvhProductKind.HostedExchange, product.Kind);
        Assert.Equal("https://ex4.mail.ovh.net/EWS/Exchange.asmx", product.EwsUrl!.AbsoluteUri);
        Assert.Contains("Autodiscover for alice@ovhclient.test → ex4.mail.ovh.net: Hosted Exchange", product.Explanation);
        DiscoveryServers.AssertNoLoginOverHttp(web);
    }

    [Fact]
    public async Task Only_the_mx_and_no_password_asks_for_one()
    {
        using var dns = DiscoveryServers.Dns(OvhMx);

        var failure = await Assert.ThrowsAsync<OvhDetectionException>(() => DetectAsync(dns));

        Assert.Contains("all OVH products share it", failure.Message);
        Assert.Contains("give the password so that Autodiscover can be asked", failure.Message);
    }

    [Fact]
    public async Task Records_naming_two_products_are_refused()
    {
        using var dns = DiscoveryServers.Dns(
        [
            .. OvhMx,
            "--host-record=pro1.mail.ovh.net,127.0.0.1",
            $"--cname=autodiscover.{Domain},pro1.mail.ovh.net",
            $"--srv-host=_autodiscover._tcp.{Domain},ex2.mail.ovh.net,443,0,0",
        ]);

        var failure = await Assert.ThrowsAsync<OvhDetectionException>(() => DetectAsync(dns));

        Assert.Contains("its records name different OVH servers", failure.Message);
        Assert.Contains("ex2.mail.ovh.net", failure.Message);
        Assert.Contains("pro1.mail.ovh.net", failure.Message);
    }

    [Fact]
    public async Task Nothing_ovh_gives_an_error_saying_what_was_looked_up()
    {
        using var dns = DiscoveryServers.Dns($"--mx-host={Domain},mx.mailfilter.test,10", $"--srv-host=_autodiscover._tcp.{Domain},autodiscover.hoster.test,443,0,0");

        var failure = await Assert.ThrowsAsync<OvhDetectionException>(() => DetectAsync(dns, DiscoveryServers.Login));

        Assert.Contains("Cannot tell which OVHcloud product holds the mailboxes of ovhclient.test: nothing in its DNS is OVH's.", failure.Message);
        Assert.Contains("MX ovhclient.test → mx.mailfilter.test", failure.Message);
        Assert.Contains("SRV _autodiscover._tcp.ovhclient.test → autodiscover.hoster.test:443", failure.Message);
        Assert.Contains("CNAME autodiscover.ovhclient.test → none", failure.Message);
        Assert.Contains("SRV _imaps._tcp.ovhclient.test → none", failure.Message);
    }

    [Fact]
    public async Task Dns_lookups_answer_from_the_given_name_server()
    {
        using var dns = DiscoveryServers.Dns([.. OvhMx, .. DefaultZone, $"--host-record=www.{Domain},192.0.2.7"]);
        var lookup = new DnsClientLookup(dns.EndPoint);

        var mx = await lookup.LookupMxAsync(Domain, CancellationToken.None);
        var srv = await lookup.LookupSrvAsync("_imaps._tcp." + Domain, CancellationToken.None);
        var alias = await lookup.LookupCnameAsync("autodiscover." + Domain, CancellationToken.None);
        var addresses = await lookup.LookupAddressesAsync("www." + Domain, CancellationToken.None);
        var none = await lookup.LookupMxAsync("absent." + Domain, CancellationToken.None);

        Assert.Equal(["1 mx1.mail.ovh.net", "5 mx2.mail.ovh.net", "100 mx3.mail.ovh.net"], mx.Select(r => r.ToString()));
        Assert.Equal("0 0 993 ssl0.ovh.net", Assert.Single(srv).ToString());
        Assert.Equal("mailconfig.ovh.net", alias);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), Assert.Single(addresses));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_dead_name_server_is_reported_not_taken_for_no_records()
    {
        var lookup = new DnsClientLookup(new IPEndPoint(IPAddress.Loopback, FreePort.Next()));

        var failure = await Assert.ThrowsAsync<DnsLookupException>(() => lookup.LookupMxAsync(Domain, CancellationToken.None));

        Assert.Contains("MX ovhclient.test", failure.Message);
    }
}
