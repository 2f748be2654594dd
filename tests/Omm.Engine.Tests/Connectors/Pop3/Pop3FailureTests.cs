using System.Text;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.TestServers;
using static Omm.Engine.Tests.Connectors.Pop3.Pop3Accounts;

namespace Omm.Engine.Tests.Connectors.Pop3;

/// <summary>What goes wrong with a POP3 source, against real Dovecot POP3 services (a proxy in front where Dovecot cannot misbehave).</summary>
public sealed class Pop3FailureTests
{
    private const string Password = "Pop-Secret-81f3";

    [Fact]
    public async Task Without_STLS_on_offer_it_fails_before_sending_any_login()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true, Password = Password });
        Seed(server, "gus", Simple("a@x", "one"));
        using var proxy = FaultProxy.Start(server.Host, server.Pop3Port);

        foreach (var security in new[] { ConnectionSecurity.Auto, ConnectionSecurity.StartTls })
        {
            using var source = new Pop3MailSource(Endpoint(proxy.Address, "gus", Password, security));
            var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

            Assert.Equal(FailureKind.Security, failure.Kind);
            Assert.Contains($"the source server {proxy.Address}: it does not offer STLS", failure.Message);
        }

        var sent = Encoding.ASCII.GetString(proxy.ClientSent());
        Assert.Equal(2, proxy.Connections);
        Assert.Contains("CAPA", sent);
        foreach (var login in new[] { "USER", "PASS", "AUTH", "APOP", "gus" })
            Assert.DoesNotContain(login, sent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(SecretTraces.Find(proxy.ClientSent(), Password));
    }

    [Fact]
    public async Task STLS_and_implicit_TLS_read_the_mailbox_and_an_untrusted_certificate_is_a_security_error()
    {
        using var starttls = DovecotServer.Start(new DovecotOptions { Pop3 = true, StartTls = true });
        using var implicitTls = DovecotServer.Start(new DovecotOptions { Pop3 = true, ImplicitTls = true });
        var message = Simple("tls@x", "over TLS");
        Seed(starttls, "hal", message);
        Seed(implicitTls, "hal", message);

        foreach (var (server, security) in new[] { (starttls, ConnectionSecurity.Auto), (implicitTls, ConnectionSecurity.Tls) })
        {
            using (var trusting = new Pop3MailSource(Endpoint(server.Pop3Address, "hal", server.Password, security, skipCertificateCheck: true)))
            {
                var (_, messages) = await OpenAsync(trusting);
                Assert.Equal(message, (await ReadAsync(Assert.Single(messages))).Bytes);
            }

            using var checking = new Pop3MailSource(Endpoint(server.Pop3Address, "hal", server.Password, security));
            var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => checking.OpenAsync(CancellationToken.None));
            Assert.Equal(FailureKind.Security, failure.Kind);
            Assert.Contains($"The certificate of the source server {server.Pop3Address} is not trusted", failure.Message);
            Assert.Contains("-SkipCertificateCheck", failure.Message);
        }
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_after_one_try()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        Seed(server, "ida", Simple("a@x", "one"));
        using var proxy = Pop3Proxy.Start(server);

        using var source = new Pop3MailSource(Endpoint(proxy.Address, "ida", "wrong"));
        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.StartsWith($"The source server {proxy.Address} rejected the login of 'ida': -ERR [AUTH]", failure.Message);
        AssertOneLogin(proxy);
    }

    /// <summary>One login attempt (MailKit alone would go on with AUTH LOGIN, then USER/PASS).</summary>
    private static void AssertOneLogin(Pop3Proxy proxy)
    {
        var commands = proxy.Commands();
        Assert.Single(commands, c => c.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(commands, c => c.StartsWith("USER ", StringComparison.OrdinalIgnoreCase) || c.StartsWith("PASS ", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_failure()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";

        using var source = new Pop3MailSource(Endpoint(address, "jo", Password));
        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Connection, failure.Kind);
        Assert.StartsWith($"Cannot connect to the source server {address}: ", failure.Message);
    }

    [Fact]
    public async Task A_mailbox_locked_by_another_session_is_unavailable_for_the_moment()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true, Pop3LockSession = true });
        Seed(server, "kim", Simple("a@x", "one"));
        var endpoint = Endpoint(server, "kim");
        endpoint.StallTimeout = TimeSpan.FromSeconds(30); // Dovecot waits 10 s for the other session's lock before it says IN-USE

        using (var holder = new Pop3MailSource(endpoint))
        {
            await OpenAsync(holder);
            using var second = new Pop3MailSource(endpoint);
            var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => second.OpenAsync(CancellationToken.None));

            Assert.True(failure.Kind == FailureKind.ServerUnavailable, failure.ToString());
            Assert.Contains("[IN-USE]", failure.Message);
        }

        using var later = new Pop3MailSource(endpoint);
        Assert.Single((await OpenAsync(later)).Messages);
    }

    [Theory]
    [InlineData("-ERR [SYS/TEMP] Try again later")]
    [InlineData("-ERR [IN-USE] Mailbox locked")]
    public async Task A_temporary_refusal_of_the_login_is_unavailable_for_the_moment(string reply)
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        Seed(server, "lou", Simple("a@x", "one"));
        using var proxy = Pop3Proxy.Start(server);
        proxy.Answer("AUTH", reply);

        using var source = new Pop3MailSource(Endpoint(proxy.Address, "lou", server.Password));
        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

        Assert.Equal(FailureKind.ServerUnavailable, failure.Kind);
        Assert.EndsWith("refused the login of 'lou' for the moment: " + reply, failure.Message);
        AssertOneLogin(proxy);
    }

    [Fact]
    public async Task A_message_the_server_refuses_is_an_item_error_and_the_others_are_read()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        var seeded = new[] { Simple("a@x", "one"), Simple("b@x", "two"), Simple("c@x", "three") };
        Seed(server, "max", seeded);
        using var proxy = Pop3Proxy.Start(server);
        proxy.Answer("RETR 2", "-ERR Message is damaged");

        using var source = new Pop3MailSource(Endpoint(proxy.Address, "max", server.Password));
        var (_, messages) = await OpenAsync(source);

        Assert.Equal(seeded[0], (await ReadAsync(messages[0])).Bytes);
        var refused = await Assert.ThrowsAsync<UnreadableItemException>(() => ReadAsync(messages[1]));
        Assert.Equal($"The source server {proxy.Address} refused to send message 2: -ERR Message is damaged", refused.Message);
        Assert.Equal(seeded[2], (await ReadAsync(messages[2])).Bytes);
    }

    [Fact]
    public async Task A_server_restarted_mid_read_is_a_lost_connection_and_a_new_session_reads_on()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        var seeded = Enumerable.Range(0, 4).Select(i => SampleMailbox.Generate(500 + i, $"restart {i}", 200_000)).ToArray();
        var uidls = Seed(server, "ned", seeded);
        var endpoint = Endpoint(server, "ned");

        using (var source = new Pop3MailSource(endpoint))
        {
            var (_, messages) = await OpenAsync(source);
            Assert.Equal(seeded[0], (await ReadAsync(messages[0])).Bytes);
            server.Stop();
            try
            {
                using var output = new MemoryStream();
                var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => messages[1].ReadAsync(output, CancellationToken.None));

                Assert.Equal(FailureKind.ConnectionLost, failure.Kind);
                Assert.StartsWith($"The connection to the source server {server.Pop3Address} broke while reading message 2: ", failure.Message);
                Assert.EndsWith("What was copied before stays.", failure.Message);
                Assert.Equal(0, output.Length);
            }
            finally
            {
                server.StartAgain();
            }
        }

        using var again = new Pop3MailSource(endpoint);
        var (_, all) = await OpenAsync(again);
        Assert.Equal(uidls, all.Select(m => m.Key));
        for (var i = 1; i < seeded.Length; i++)
            Assert.Equal(seeded[i], (await ReadAsync(all[i])).Bytes);
    }

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_message_is_a_lost_connection_with_nothing_written()
    {
        using var server = DovecotServer.Start(new DovecotOptions { Pop3 = true });
        var big = SampleMailbox.Generate(77, "cut", 2_000_000);
        Seed(server, "oz", big);
        using var proxy = FaultProxy.Start(server.Host, server.Pop3Port);

        using var source = new Pop3MailSource(Endpoint(proxy.Address, "oz", server.Password));
        var (_, messages) = await OpenAsync(source);
        proxy.CutsLeft = 1;
        proxy.CutServerToClientAfter = 1_000_000;
        using var output = new MemoryStream();
        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => messages[0].ReadAsync(output, CancellationToken.None));

        Assert.Equal(FailureKind.ConnectionLost, failure.Kind);
        Assert.Contains("broke while reading message 1", failure.Message);
        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(0, output.Length);
    }
}
