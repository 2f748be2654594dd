using Omm.Engine.Connectors;

namespace Omm.Engine.Tests.Connectors;

public sealed class InMemoryCollectionDestinationTests : CollectionDestinationContract
{
    private protected override ICollectionDestination Open() => new InMemoryCollectionDestination();
}
