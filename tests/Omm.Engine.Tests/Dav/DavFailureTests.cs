using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Omm.Engine.Connectors.Dav;
using Omm.TestServers;

namespace Omm.Engine.Tests.Dav;

/// <summary>Refused logins, unreachable servers, refused data and silent servers give specific DavExceptions.</summary>
public sealed class DavFailureTests(DavServersFixture servers) : IClassFixture<DavServersFixture>
{
    [Fact]
    public async Task A_wrong_password_on_radicale_is_an_authentication_exception_naming_the_login()
    {
        using var client = new DavClient(servers.Radicale.Url, new NetworkCredential("alice", "wrong"), false);
        var e = await Assert.ThrowsAsync<DavAuthenticationException>(() => client.DiscoverAsync(CancellationToken.None));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal($"The server at {servers.Radicale.Url} refused the login 'alice' (401 Unauthorized).", e.Message);
    }

    [Fact]
    public async Task No_login_on_radicale_says_one_is_needed()
    {
        using var client = new DavClient(servers.Radicale.Url, null, false);
        var e = await Assert.ThrowsAsync<DavAuthenticationException>(() => client.ListCollectionsAsync(CancellationToken.None));
        Assert.Contains("asks for a login", e.Message);
    }

    [Fact]
    public async Task Nothing_listening_is_a_dav_exception_naming_the_url_at_once()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/dav/");
        using var client = new DavClient(url, new NetworkCredential("alice", "x"), false);
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DavException>(() => client.DiscoverAsync(CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Null(e.StatusCode);
        Assert.Equal($"Cannot reach the server at {url}: the connection was refused (is the server running, and is the port right?).", e.Message);
    }

    [Fact]
    public async Task An_unknown_host_is_named()
    {
        using var client = new DavClient(new Uri("http://no-such-host.invalid/"), null, false);
        var e = await Assert.ThrowsAsync<DavException>(() => client.DiscoverAsync(CancellationToken.None));
        Assert.StartsWith("Cannot reach the server at http://no-such-host.invalid/.well-known/caldav: ", e.Message);
        Assert.Contains("no-such-host.invalid", e.Message);
    }

    [Fact]
    public async Task Radicale_refuses_a_vcard_without_uid_with_400()
    {
        using var client = servers.Client(DavServersFixture.RadicaleName);
        var book = await client.CreateAddressBookAsync("No uid", null, CancellationToken.None);
        var href = book.Href + "no-uid.vcf";
        var e = await Assert.ThrowsAsync<DavException>(() => client.PutAsync(href, "text/vcard", DavSamples.ContactWithoutUid("Nemo", "Nobody"), null, CancellationToken.None));

        Assert.Equal(400, e.StatusCode);
        Assert.Equal("PUT", e.Method);
        Assert.Equal(href, e.Href);
        Assert.Equal($"The server at {servers.Radicale.Url} refused PUT {href}: 400 Bad Request.", e.Message);
    }

    [Fact]
    public async Task Radicale_refuses_a_second_resource_with_the_same_uid_naming_the_precondition()
    {
        using var client = servers.Client(DavServersFixture.RadicaleName);
        var book = await client.CreateAddressBookAsync("Uid conflict", null, CancellationToken.None);
        await client.PutAsync(book.Href + "one.vcf", "text/vcard", DavSamples.Contact("same-uid", "Ann", "One"), null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<DavException>(() =>
            client.PutAsync(book.Href + "two.vcf", "text/vcard", DavSamples.Contact("same-uid", "Ann", "Two"), null, CancellationToken.None));

        Assert.Equal(409, e.StatusCode);
        Assert.Equal("no-uid-conflict", e.Condition);
    }

    [Theory]
    [InlineData(DavServersFixture.RadicaleName, 400, null)]
    [InlineData(DavServersFixture.XandikosName, 412, "valid-calendar-data")]
    public async Task Invalid_calendar_data_is_refused_with_a_status(string server, int status, string? condition)
    {
        using var client = servers.Client(server);
        var calendar = await client.CreateCalendarAsync("Invalid " + server, null, null, [], CancellationToken.None);
        var href = calendar.Href + "broken.ics";
        var e = await Assert.ThrowsAsync<DavException>(() => client.PutAsync(href, "text/calendar", DavSamples.NotACalendar, null, CancellationToken.None));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(condition, e.Condition);
        Assert.Equal(href, e.Href);
        Assert.Null(await client.GetAsync(href, CancellationToken.None));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_the_url_named()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        using var client = new DavClient(url, null, false, TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DavException>(() => client.GetAsync("/alice/x.vcf", CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal($"The server at {url}alice/x.vcf did not answer GET within 0.5 s.", e.Message);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancellation_not_a_dav_exception()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var client = new DavClient(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), null, false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/x.vcf", cancel.Token));
    }

    [Fact]
    public async Task A_malformed_xml_answer_is_a_dav_exception()
    {
        // Not a DAV server: a socket that answers every request with a 207 whose body is not XML.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[8192];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                    return;
                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var body = "<multistatus xmlns=\"DAV:\"><response><href>/x</href>";
            var answer = $"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        });
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        using var client = new DavClient(url, null, false);
        var collection = new DavCollection("/book/", DavCollectionKind.AddressBook);

        var e = await Assert.ThrowsAsync<DavException>(() => client.ListResourcesAsync(collection, CancellationToken.None));
        Assert.StartsWith($"The server at {url} answered PROPFIND /book/ with malformed XML: ", e.Message);
        Assert.Equal(207, e.StatusCode);
        await serving;
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_with_its_reason_unless_the_check_is_skipped()
    {
        using var tls = RadicaleServer.StartTls("carol");
        var login = new NetworkCredential("carol", tls.Password);
        using (var checking = new DavClient(tls.Url, login, skipCertificateCheck: false))
        {
            var e = await Assert.ThrowsAsync<DavException>(() => checking.DiscoverAsync(CancellationToken.None));
            Assert.StartsWith($"Cannot reach the server at {tls.Url}.well-known/caldav: its certificate is not trusted (", e.Message);
            Assert.Contains("UntrustedRoot", e.Message);
            Assert.EndsWith("If you trust this server, add -SkipCertificateCheck.", e.Message);
        }

        using var trusting = new DavClient(tls.Url, login, skipCertificateCheck: true);
        Assert.Equal("/carol/", (await trusting.DiscoverAsync(CancellationToken.None)).Principal);
    }
}
