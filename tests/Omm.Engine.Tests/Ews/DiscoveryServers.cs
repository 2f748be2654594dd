using System.Net;
using Omm.Engine.Connectors.Ews.Discovery;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// What the discovery tests share: a test CA trusted while they run, one certificate for every host name they use,
/// the recorded Autodiscover answers, and the options that send discovery's DNS to a dnsmasq and its HTTP to loopback.
/// </summary>
public sealed class DiscoveryServers : IDisposable
{
    public static readonly NetworkCredential Login = new("alice@contoso.test", "autodiscover-secret");

    private readonly TestCertificateAuthority authority = TestCertificateAuthority.CreateTrusted();

    public DiscoveryServers()
    {
        Certificate = authority.Issue(
            "contoso.test", "*.contoso.test", "fabrikam.test", "*.fabrikam.test", "*.hoster.test",
            "ovhclient.test", "*.ovhclient.test", "*.mail.ovh.net", "mailconfig.ovh.net");
    }

    public TestCertificate Certificate { get; }

    /// <summary>A recorded Autodiscover answer from the shared fixtures, as recorded.</summary>
    public static string Recorded(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.SharedFixtures, "ews", "autodiscover", name));

    public static IEnumerable<string> RecordedFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, "ews", "autodiscover"), "*.xml").Select(Path.GetFileName)!;

    public AutodiscoverTestServer Web(IEnumerable<string> hosts, Func<AutodiscoverRequestSeen, AutodiscoverReply> respond) =>
        new(Certificate, Login, hosts, respond);

    /// <summary>A dnsmasq that alone answers for the test domains (never the Internet's DNS), with these records.</summary>
    public static DnsmasqServer Dns(params string[] records) =>
        DnsmasqServer.Start(new[] { "test", "ovh.net" }, records);

    public static DiscoveryOptions Options(AutodiscoverTestServer web, DnsmasqServer dns, List<string> log) =>
        new()
        {
            Dns = new DnsClientLookup(dns.EndPoint),
            HttpHandlerFactory = web.Handler,
            RequestTimeout = TimeSpan.FromSeconds(10),
            Log = line =>
            {
                lock (log)
                    log.Add(line);
            },
        };

    /// <summary>No request over plain HTTP carried a login, and none was a POST.</summary>
    public static void AssertNoLoginOverHttp(AutodiscoverTestServer web)
    {
        foreach (var request in web.Requests.Where(r => r.Scheme == "http"))
        {
            Assert.Null(request.Authorization);
            Assert.Equal("GET", request.Method);
        }
    }

    public void Dispose() => authority.Dispose();
}
