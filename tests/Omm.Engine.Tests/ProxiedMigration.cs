using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>
/// Two Dovecot servers (the destination with '.' as separator), messages seeded on the source, a test
/// proxy in front of one side, and a migration of one user's mail through it.
/// </summary>
internal sealed class ProxiedMigration<TProxy> : IDisposable where TProxy : LoopbackProxy
{
    public ProxiedMigration(EndpointRole side, string directory, string user, IEnumerable<SeedMessage> messages, Func<DovecotServer, TProxy> startProxy)
    {
        TestMigrations.Seed(Source, user, messages);
        Proxy = startProxy(side == EndpointRole.Source ? Source : Destination);
        Store = new StateStore(Path.Combine(directory, "omm.db"));
        From = Via(EndpointRole.Source, side == EndpointRole.Source ? Proxy.Address : Source.Address, user, Source.Password);
        To = Via(EndpointRole.Destination, side == EndpointRole.Destination ? Proxy.Address : Destination.Address, user, Destination.Password);
        Id = TestMigrations.Create(Store, From, To).Id;
    }

    public DovecotServer Source { get; } = DovecotServer.Start();

    public DovecotServer Destination { get; } = DovecotServer.Start(new DovecotOptions { Separator = '.' });

    public TProxy Proxy { get; }

    public StateStore Store { get; }

    public string Id { get; }

    public AccountEndpoint From { get; }

    public AccountEndpoint To { get; }

    public void Dispose()
    {
        Proxy.Dispose();
        Source.Dispose();
        Destination.Dispose();
    }

    private static AccountEndpoint Via(EndpointRole role, string address, string user, string password) =>
        new(role, ServerType.Imap, ServerAddress.Parse(address), ConnectionSecurity.None, new NetworkCredential(user, password), false);
}
