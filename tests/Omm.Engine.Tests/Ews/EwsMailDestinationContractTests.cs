using System.Net;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Tests.Connectors;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>The mail-destination contract against the EWS test server.</summary>
public sealed class EwsMailDestinationContractTests : MailDestinationContract, IAsyncLifetime
{
    private const string Mailbox = "contract@contoso.test";
    private EwsTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await EwsTestServer.StartAsync();
        server.AddMailbox(Mailbox, "contract-pass");
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(server.ResponseSchemaViolations);
        await server.DisposeAsync();
    }

    private protected override IMailDestination Open() =>
        new EwsMailDestination(AccountEndpoint.ForExchange(EndpointRole.Destination, server.Url, new NetworkCredential(Mailbox, "contract-pass"), false));
}
