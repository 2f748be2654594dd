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

    [Fact]
    public async Task A_pass_with_an_admin_side_copies_into_the_users_mailbox_and_records_the_user_as_the_account()
    {
        using var dovecot = Omm.TestServers.DovecotServer.Start();
        TestMigrations.Seed(dovecot, "zoe", new[] { new Omm.TestServers.SeedMessage("INBOX", "From: a@b.test\r\nSubject: to move\r\nMessage-ID: <m@b.test>\r\n\r\nHi.\r\n"u8.ToArray(),
            [], DateTimeOffset.UtcNow, "to move") });
        var from = TestMigrations.Endpoint(EndpointRole.Source, dovecot, "zoe");
        var to = AccountEndpoint.ForExchange(EndpointRole.Destination, server.Url, new NetworkCredential("zoe@contoso.test", "admin-pass"), false);
        to.Options = to.Options.With(ExchangeOptions.Admin, "admin@contoso.test");
        var directory = Directory.CreateTempSubdirectory("omm-ews-admin-").FullName;
        try
        {
            var store = new Omm.Engine.State.StateStore(Path.Combine(directory, "state.db"));
            var id = store.CreateMigration(new Omm.Engine.State.NewMigration(null, Omm.Engine.State.ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;

            var result = await TestMigrations.RunPass(store, id, from, to);

            Assert.True(result.Migration.Status == MigrationStatus.Completed, $"{result.Migration.Status}: {result.Migration.FailureReason}");
            Assert.Equal("zoe@contoso.test", result.Migration.DestinationAccount);
            Assert.Equal(2, server.Items("zoe@contoso.test", "Inbox").Count);
            Assert.Empty(server.Items("admin@contoso.test", "Inbox"));
            Assert.All(server.Requests, r => Assert.True(r.Impersonated));
            Assert.Equal("admin@contoso.test", ExchangeOptions.AdminOf(store.GetConnectionSettings(id).Destination.Endpoint(EndpointRole.Destination, new NetworkCredential("zoe@contoso.test", "admin-pass"), false)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private AccountEndpoint Admin(string login, string password) =>
        AccountEndpoint.ForExchange(EndpointRole.Source, server.Url, new NetworkCredential(login, password), false);
}
