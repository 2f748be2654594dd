using System.Net;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>An administrator acting on a user's mailbox (ExchangeImpersonation), allowed and denied.</summary>
public sealed class EwsImpersonationTests : IAsyncLifetime
{
    private EwsTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await EwsTestServer.StartAsync();
        server.AddMailbox("admin@contoso.test", "admin-pass");
        server.AddMailbox("helpdesk@contoso.test", "helpdesk-pass");
        server.AddMailbox("zoe@contoso.test", "zoe-pass");
        server.AddMessage("zoe@contoso.test", "Inbox", "From: a@b.test\r\nSubject: for zoe\r\nMessage-ID: <zoe@b.test>\r\n\r\nHi.\r\n"u8.ToArray());
        server.GrantImpersonation("admin@contoso.test");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_admin_with_impersonation_reads_the_users_mailbox_and_every_request_acts_on_it()
    {
        using var source = new EwsMailSource(Admin("admin@contoso.test", "admin-pass"), "zoe@contoso.test");

        var folders = await source.OpenAsync(CancellationToken.None);
        var messages = folders.Single(f => f.Path == "INBOX").Messages().ToList();

        Assert.Equal("for zoe", Assert.Single(messages).Subject);
        Assert.All(server.Requests, r => Assert.Equal(("zoe@contoso.test", true), (r.Mailbox, r.Impersonated)));
    }

    [Fact]
    public async Task An_admin_without_the_role_fails_naming_the_admin_and_the_mailbox()
    {
        using var source = new EwsMailSource(Admin("helpdesk@contoso.test", "helpdesk-pass"), "zoe@contoso.test");

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => source.OpenAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("'helpdesk@contoso.test'", failure.Message);
        Assert.Contains("'zoe@contoso.test'", failure.Message);
        Assert.Contains("ApplicationImpersonation", failure.Message);
    }

    private AccountEndpoint Admin(string login, string password) =>
        AccountEndpoint.ForExchange(EndpointRole.Source, server.Url, new NetworkCredential(login, password), false);
}
