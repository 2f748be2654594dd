using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Endpoints;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

/// <summary>The mail-destination contract against Dovecot IMAP.</summary>
public sealed class ImapMailDestinationContractTests : MailDestinationContract, IDisposable
{
    private readonly DovecotServer server = DovecotServer.Start();

    private protected override IMailDestination Open() =>
        new ImapMailDestination(TestMigrations.Endpoint(EndpointRole.Destination, server, "contract"), new MessageSpool());

    public void Dispose() => server.Dispose();
}

/// <summary>The mail-destination contract against Dovecot IMAP with folders under "INBOX." (as Courier and Cyrus keep them).</summary>
public sealed class PrefixedImapMailDestinationContractTests : MailDestinationContract, IDisposable
{
    private readonly DovecotServer server = DovecotServer.Start(new DovecotOptions { Separator = '.', Prefix = "INBOX." });

    private protected override IMailDestination Open() =>
        new ImapMailDestination(TestMigrations.Endpoint(EndpointRole.Destination, server, "contract"), new MessageSpool());

    public void Dispose() => server.Dispose();
}

/// <summary>The mail-destination contract against the in-memory destination the pass tests use.</summary>
public sealed class InMemoryMailDestinationContractTests : MailDestinationContract
{
    private readonly InMemoryMailDestination destination = new();

    private protected override IMailDestination Open() => destination;
}

/// <summary>The mail-destination contract against a real Cyrus IMAP 3.6 (folders below "INBOX.", separator '.').</summary>
public sealed class CyrusMailDestinationContractTests : MailDestinationContract, IDisposable
{
    private readonly CyrusServer server = CyrusServer.Start();

    public CyrusMailDestinationContractTests() => server.CreateUser("contract");

    private protected override IMailDestination Open() =>
        new ImapMailDestination(TestMigrations.Endpoint(EndpointRole.Destination, server, "contract"), new MessageSpool());

    public void Dispose() => server.Dispose();
}
