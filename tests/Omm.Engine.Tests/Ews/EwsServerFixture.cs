using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>A started EWS test server with mailboxes alice, bob and an admin allowed to impersonate; its responses must all fit the schema.</summary>
internal sealed class EwsServerFixture : IAsyncDisposable
{
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";
    public const string Admin = "admin@example.com";
    public const string Password = "Secret-1";

    private EwsServerFixture(EwsTestServer server) => Server = server;

    public EwsTestServer Server { get; }

    public static async Task<EwsServerFixture> StartAsync(EwsTestServerOptions? options = null)
    {
        var server = await EwsTestServer.StartAsync(options);
        server.AddMailbox(Alice, Password);
        server.AddMailbox(Bob, Password);
        server.AddMailbox(Admin, Password);
        server.GrantImpersonation(Admin);
        return new EwsServerFixture(server);
    }

    public EwsSoapClient Client(string user = Alice, string password = Password) => new(Server.Url, user, password);

    public async ValueTask DisposeAsync()
    {
        var violations = Server.ResponseSchemaViolations;
        await Server.DisposeAsync();
        Assert.True(violations.Count == 0, "Responses broke the EWS schema: " + string.Join("; ", violations));
    }
}
