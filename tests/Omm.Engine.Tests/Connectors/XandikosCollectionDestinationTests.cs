using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.TestServers;

namespace Omm.Engine.Tests.Connectors;

public sealed class XandikosCollectionDestinationTests(XandikosCollectionDestinationTests.Server server)
    : CollectionDestinationContract, IClassFixture<XandikosCollectionDestinationTests.Server>
{
    private protected override ICollectionDestination Open() => new DavCollectionDestination(new DavClient(server.Xandikos.Url, null, skipCertificateCheck: false));

    public sealed class Server : IDisposable
    {
        public XandikosServer Xandikos { get; } = XandikosServer.Start();

        public void Dispose() => Xandikos.Dispose();
    }
}
