using System.Net;
using System.Security.Cryptography;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Tests.Connectors;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>The mail-source contract against the EWS test server: messages in the inbox and a folder below it.</summary>
public sealed class EwsMailSourceContractTests : MailSourceContract, IAsyncLifetime
{
    private const string Mailbox = "contract@contoso.test";
    private EwsTestServer server = null!;
    private IReadOnlyList<string> expected = [];

    public async Task InitializeAsync()
    {
        server = await EwsTestServer.StartAsync();
        server.AddMailbox(Mailbox, "contract-pass");
        var messages = SampleMailbox.Fixtures().Select(m => LineEnds.Crlf(m.Bytes)).Where(m => !m.AsSpan().StartsWith("From "u8)).Take(8).ToList();
        for (var i = 0; i < messages.Count; i++)
            server.AddMessage(Mailbox, i % 2 == 0 ? "Inbox" : "Inbox/Work", messages[i], isRead: i % 3 == 0);
        expected = messages.Select(m => Convert.ToHexString(SHA256.HashData(m))).ToList();
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(server.ResponseSchemaViolations);
        await server.DisposeAsync();
    }

    private protected override IReadOnlyList<string>? Expected => expected;

    private protected override IMailSource Open() =>
        new EwsMailSource(AccountEndpoint.ForExchange(EndpointRole.Source, server.Url, new NetworkCredential(Mailbox, "contract-pass"), false));
}
