using Omm.Engine.Connectors.Ews.Discovery;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// Autodiscover against real loopback web servers (TLS from a test CA) answering with recorded Autodiscover bodies,
/// and a real dnsmasq for the SRV step.
/// </summary>
public sealed class AutodiscoverTests : IClassFixture<DiscoveryServers>
{
    private const string Address = "alice@contoso.test";

    /// <summary>
    /// A GetUserSettings answer shaped as the one in Microsoft's GetUserSettings operation (SOAP) page; no recording of
    /// a successful SOAP Autodiscover answer is in the shared fixtures.
    /// </summary>
    private const string SoapSettings = """
        <?xml version="1.0" encoding="utf-8"?>
        <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://www.w3.org/2005/08/addressing">
          <s:Header>
            <a:Action s:mustUnderstand="1">http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse</a:Action>
          </s:Header>
          <s:Body>
            <GetUserSettingsResponseMessage xmlns="http://schemas.microsoft.com/exchange/2010/Autodiscover">
              <Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                <ErrorCode>NoError</ErrorCode>
                <ErrorMessage />
                <UserResponses>
                  <UserResponse>
                    <ErrorCode>NoError</ErrorCode>
                    <ErrorMessage>No error.</ErrorMessage>
                    <RedirectTarget i:nil="true" />
                    <UserSettingErrors />
                    <UserSettings>
                      <UserSetting i:type="StringSetting"><Name>InternalEwsUrl</Name><Value>https://internal.contoso.test/EWS/Exchange.asmx</Value></UserSetting>
                      <UserSetting i:type="StringSetting"><Name>ExternalEwsUrl</Name><Value>https://mail.contoso.test/EWS/Exchange.asmx</Value></UserSetting>
                    </UserSettings>
                  </UserResponse>
                </UserResponses>
              </Response>
            </GetUserSettingsResponseMessage>
          </s:Body>
        </s:Envelope>
        """;

    private readonly DiscoveryServers servers;
    private readonly List<string> log = new();

    public AutodiscoverTests(DiscoveryServers servers) => this.servers = servers;

    private static string Exo2020(string ewsHost) =>
        DiscoveryServers.Recorded("exo2020-pox-autodiscover-response.xml").Replace("outlook.office365.com", ewsHost);

    private static bool IsPox(AutodiscoverRequestSeen r) => r.Method == "POST" && r.Path == "/autodiscover/autodiscover.xml";

    private async Task<EwsLocation> FindAsync(AutodiscoverTestServer web, DnsmasqServer dns, string address = Address) =>
        await new EwsAutodiscover(DiscoveryServers.Options(web, dns, log)).FindAsync(address, DiscoveryServers.Login, CancellationToken.None);

    private async Task<AutodiscoverException> FailAsync(AutodiscoverTestServer web, DnsmasqServer dns) =>
        await Assert.ThrowsAsync<AutodiscoverException>(() => FindAsync(web, dns));

    [Fact]
    public async Task Pox_at_the_domain_answers_first_with_the_login_over_https()
    {
        using var dns = DiscoveryServers.Dns();
        using var web = servers.Web(["contoso.test", "autodiscover.contoso.test"], r => IsPox(r) && r.Host == "contoso.test" ? AutodiscoverReply.Xml(Exo2020("mail.contoso.test")) : AutodiscoverReply.NotFound);

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.contoso.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Equal(Address, found.EmailAddress);
        Assert.Equal("POX https://contoso.test/autodiscover/autodiscover.xml (EXPR)", found.FoundBy);
        Assert.All(web.Requests, r => Assert.Equal("https", r.Scheme));
        Assert.Contains(web.Requests, r => r.Authorization != null && r.Body.Contains($"<EMailAddress>{Address}</EMailAddress>"));
        Assert.DoesNotContain(web.Requests, r => r.Host == "autodiscover.contoso.test");
    }

    [Fact]
    public async Task Pox_at_autodiscover_host_after_the_domain_fails_prefers_expr()
    {
        using var dns = DiscoveryServers.Dns();
        var settings = DiscoveryServers.Recorded("exchangelib-pox-settings-EXCH-and-EXPR.xml")
            .Replace("expr.example.com", "expr.contoso.test").Replace("exch.example.com", "exch.contoso.test");
        using var web = servers.Web(["autodiscover.contoso.test"], r => IsPox(r) ? AutodiscoverReply.Xml(settings) : AutodiscoverReply.NotFound);

        var found = await FindAsync(web, dns);

        Assert.Equal("https://expr.contoso.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Contains(log, l => l.Contains("https://contoso.test/autodiscover/autodiscover.xml: the host name contoso.test does not resolve"));
    }

    [Fact]
    public async Task Soap_get_user_settings_answers_when_pox_does_not()
    {
        using var dns = DiscoveryServers.Dns();
        using var web = servers.Web(["contoso.test", "autodiscover.contoso.test"], r =>
            r.Host == "autodiscover.contoso.test" && r.Path == "/autodiscover/autodiscover.svc" ? AutodiscoverReply.Xml(SoapSettings) : AutodiscoverReply.NotFound);

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.contoso.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Equal("SOAP https://autodiscover.contoso.test/autodiscover/autodiscover.svc (ExternalEwsUrl)", found.FoundBy);
        var soap = web.Requests.Last(r => r.Path.EndsWith(".svc", StringComparison.Ordinal));
        Assert.Equal("\"http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings\"", soap.SoapAction);
        Assert.Contains("<a:Mailbox>alice@contoso.test</a:Mailbox>", soap.Body);
        Assert.Contains("<a:Setting>ExternalEwsUrl</a:Setting>", soap.Body);
    }

    [Fact]
    public async Task Redirect_address_starts_again_with_the_new_address()
    {
        using var dns = DiscoveryServers.Dns();
        var redirect = DiscoveryServers.Recorded("exchangelib-pox-redirectAddr.xml").Replace("foo@example.com", "alice@fabrikam.test");
        using var web = servers.Web(["autodiscover.contoso.test", "autodiscover.fabrikam.test"], r =>
            !IsPox(r) ? AutodiscoverReply.NotFound
            : r.Host == "autodiscover.contoso.test" ? AutodiscoverReply.Xml(redirect)
            : AutodiscoverReply.Xml(Exo2020("mail.fabrikam.test")));

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.fabrikam.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Equal("alice@fabrikam.test", found.EmailAddress);
        Assert.Contains(web.Requests, r => r.Host == "autodiscover.fabrikam.test" && r.Body.Contains("<EMailAddress>alice@fabrikam.test</EMailAddress>"));
    }

    [Fact]
    public async Task Redirect_url_is_followed_to_https()
    {
        using var dns = DiscoveryServers.Dns();
        var redirect = DiscoveryServers.Recorded("exchangelib-pox-redirectUrl.xml").Replace("https://example.com/foo.asmx", "https://mail.fabrikam.test/autodiscover/autodiscover.xml");
        using var web = servers.Web(["autodiscover.contoso.test", "mail.fabrikam.test"], r =>
            !IsPox(r) ? AutodiscoverReply.NotFound
            : r.Host == "autodiscover.contoso.test" ? AutodiscoverReply.Xml(redirect)
            : AutodiscoverReply.Xml(Exo2020("mail.fabrikam.test")));

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.fabrikam.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Equal(Address, found.EmailAddress);
        Assert.Equal("POX https://mail.fabrikam.test/autodiscover/autodiscover.xml (EXPR)", found.FoundBy);
    }

    [Fact]
    public async Task Http_redirect_method_gets_anonymously_and_posts_to_the_https_target()
    {
        using var dns = DiscoveryServers.Dns();
        using var web = servers.Web(["autodiscover.contoso.test", "autodiscover.hoster.test"], r =>
            r.Scheme == "http" && r.Method == "GET" ? AutodiscoverReply.Redirect("https://autodiscover.hoster.test/autodiscover/autodiscover.xml")
            : r.Host == "autodiscover.hoster.test" && IsPox(r) ? AutodiscoverReply.Xml(Exo2020("mail.hoster.test"))
            : AutodiscoverReply.NotFound);

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.hoster.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Contains(web.Requests, r => r.Url == "http://autodiscover.contoso.test/autodiscover/autodiscover.xml" && r.Method == "GET" && r.Authorization == null);
        DiscoveryServers.AssertNoLoginOverHttp(web);
    }

    [Fact]
    public async Task Srv_record_names_the_autodiscover_host_lowest_priority_first()
    {
        using var dns = DiscoveryServers.Dns(
            "--srv-host=_autodiscover._tcp.contoso.test,backup.hoster.test,443,10,100",
            "--srv-host=_autodiscover._tcp.contoso.test,discovery.hoster.test,443,0,5");
        using var web = servers.Web(["discovery.hoster.test", "backup.hoster.test"], r =>
            IsPox(r) ? AutodiscoverReply.Xml(Exo2020(r.Host == "discovery.hoster.test" ? "mail.hoster.test" : "wrong.hoster.test")) : AutodiscoverReply.NotFound);

        var found = await FindAsync(web, dns);

        Assert.Equal("https://mail.hoster.test/EWS/Exchange.asmx", found.EwsUrl.AbsoluteUri);
        Assert.Contains(log, l => l.Contains("DNS SRV _autodiscover._tcp.contoso.test: points to discovery.hoster.test port 443"));
    }

    [Fact]
    public async Task Redirects_to_http_are_refused_and_the_login_never_goes_over_http()
    {
        using var dns = DiscoveryServers.Dns();
        var redirectUrl = DiscoveryServers.Recorded("exchangelib-pox-redirectUrl.xml").Replace("https://example.com/foo.asmx", "http://mail.contoso.test/autodiscover/autodiscover.xml");
        using var web = servers.Web(["contoso.test", "autodiscover.contoso.test", "mail.contoso.test"], r =>
            r.Scheme == "http" ? new AutodiscoverReply(401, "login required")
            : r.Host == "contoso.test" && IsPox(r) ? AutodiscoverReply.Redirect("http://mail.contoso.test/autodiscover/autodiscover.xml")
            : r.Host == "autodiscover.contoso.test" && IsPox(r) ? AutodiscoverReply.Xml(redirectUrl)
            : AutodiscoverReply.NotFound);

        var failure = await FailAsync(web, dns);

        Assert.Contains("POX https://contoso.test/autodiscover/autodiscover.xml: HTTP 302 Found to http://mail.contoso.test/autodiscover/autodiscover.xml, not followed: the login goes over HTTPS only", failure.Message);
        Assert.Contains("POX https://autodiscover.contoso.test/autodiscover/autodiscover.xml: redirectUrl to http://mail.contoso.test/autodiscover/autodiscover.xml, not followed", failure.Message);
        Assert.Contains("HTTP redirect http://autodiscover.contoso.test/autodiscover/autodiscover.xml: HTTP 401 Unauthorized, no redirect", failure.Message);
        DiscoveryServers.AssertNoLoginOverHttp(web);
        Assert.DoesNotContain(web.Requests, r => r.Host == "mail.contoso.test");
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_ten_redirects()
    {
        using var dns = DiscoveryServers.Dns();
        var loop = DiscoveryServers.Recorded("exchangelib-pox-redirectUrl.xml").Replace("https://example.com/foo.asmx", "https://autodiscover.contoso.test/autodiscover/autodiscover.xml");
        using var web = servers.Web(["autodiscover.contoso.test"], r => IsPox(r) ? AutodiscoverReply.Xml(loop) : AutodiscoverReply.NotFound);

        var failure = await FailAsync(web, dns);

        Assert.Contains($"more than {EwsAutodiscover.MaxRedirects} redirects", failure.Message);
        Assert.Equal(1 + EwsAutodiscover.MaxRedirects, web.Requests.Count(r => IsPox(r) && r.Authorization != null));
        Assert.DoesNotContain(web.Requests, r => r.Path.EndsWith(".svc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_nothing_answers_the_error_lists_every_place_and_its_answer()
    {
        using var dns = DiscoveryServers.Dns();
        var invalid = DiscoveryServers.Recorded("exchangelib-soap-GetUserSettings-InvalidSetting.xml");
        using var web = servers.Web(["autodiscover.contoso.test"], r =>
            r.Path.EndsWith(".svc", StringComparison.Ordinal) ? AutodiscoverReply.Xml(invalid)
            : r.Scheme == "http" ? AutodiscoverReply.Xml("<html>parked domain</html>")
            : AutodiscoverReply.NotFound);

        var failure = await FailAsync(web, dns);

        var expected = new[]
        {
            "1. POX https://contoso.test/autodiscover/autodiscover.xml: the host name contoso.test does not resolve",
            "2. POX https://autodiscover.contoso.test/autodiscover/autodiscover.xml: HTTP 404 Not Found",
            "3. SOAP https://contoso.test/autodiscover/autodiscover.svc: the host name contoso.test does not resolve",
            "4. SOAP https://autodiscover.contoso.test/autodiscover/autodiscover.svc: Autodiscover error InvalidSetting: An error message",
            "5. HTTP redirect http://autodiscover.contoso.test/autodiscover/autodiscover.xml: HTTP 200 OK, no redirect",
            "6. DNS SRV _autodiscover._tcp.contoso.test: no SRV record",
        };
        foreach (var line in expected)
            Assert.Contains(line, failure.Message);
        Assert.Equal(6, failure.Attempts.Count);
        Assert.StartsWith("Autodiscover found no EWS URL for alice@contoso.test", failure.Message);
        DiscoveryServers.AssertNoLoginOverHttp(web);
    }

    [Fact]
    public async Task A_wrong_password_is_named_in_the_error()
    {
        using var dns = DiscoveryServers.Dns();
        using var web = servers.Web(["autodiscover.contoso.test"], _ => AutodiscoverReply.NotFound);
        var options = DiscoveryServers.Options(web, dns, log);

        var failure = await Assert.ThrowsAsync<AutodiscoverException>(() =>
            new EwsAutodiscover(options).FindAsync(Address, new System.Net.NetworkCredential(Address, "wrong"), CancellationToken.None));

        Assert.Contains("POX https://autodiscover.contoso.test/autodiscover/autodiscover.xml: HTTP 401 Unauthorized: the login was refused (it offers Basic)", failure.Message);
    }

    [Fact]
    public async Task Cancellation_stops_discovery()
    {
        using var dns = DiscoveryServers.Dns();
        using var web = servers.Web(["autodiscover.contoso.test"], _ => AutodiscoverReply.NotFound);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new EwsAutodiscover(DiscoveryServers.Options(web, dns, log)).FindAsync(Address, DiscoveryServers.Login, cancelled.Token));
    }
}
