using System.Net;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

public sealed class RadicaleCollectionDestinationTests(RadicaleCollectionDestinationTests.Server server)
    : CollectionDestinationContract, IClassFixture<RadicaleCollectionDestinationTests.Server>
{
    private protected override ICollectionDestination Open() =>
        new DavCollectionDestination(new DavClient(server.Radicale.Url, new NetworkCredential("alice", server.Radicale.Password), skipCertificateCheck: false));

    public sealed class Server : IDisposable
    {
        public RadicaleServer Radicale { get; } = RadicaleServer.Start("alice");

        public void Dispose() => Radicale.Dispose();
    }
}
