using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>Endpoints, migrations and passes between test servers, without PowerShell.</summary>
internal static class TestMigrations
{
    public static AccountEndpoint Endpoint(EndpointRole role, IImapTestServer server, string user,
        ConnectionSecurity security = ConnectionSecurity.None, bool skipCertificateCheck = false) =>
        new(role, ServerType.Imap, ServerAddress.Parse(server.Address), security, new NetworkCredential(user, server.Password), skipCertificateCheck);

    public static Migration Create(StateStore store, AccountEndpoint from, AccountEndpoint to) =>
        store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.Imap, from.Server, from.Account, from.Security),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), from.SkipCertificateCheck),
            new[] { ItemType.Mail }));

    public static Task<PassResult> RunPass(StateStore store, string id, AccountEndpoint from, AccountEndpoint to, IMigrationObserver? observer = null,
        CancellationToken stopToken = default, int connections = MigrationRunner.DefaultConnections, int? identitySlice = null, int connectionRetries = 5,
        TimeSpan? firstRetryDelay = null, long? messageMemoryBudget = null) =>
        new MigrationRunner(store)
        {
            Connections = connections,
            IdentitySlice = identitySlice,
            ConnectionRetries = connectionRetries,
            FirstRetryDelay = firstRetryDelay ?? TimeSpan.FromMilliseconds(20),
            MessageMemoryBudget = messageMemoryBudget,
        }.RunPassAsync(id, from, to, observer ?? new RecordingObserver(), stopToken);

    public static void Seed(IImapTestServer server, string user, IEnumerable<SeedMessage> messages)
    {
        using var client = server is DovecotServer dovecot ? RawImapClient.Connect(dovecot, user) : RawImapClient.Connect(server, user);
        SampleMailbox.Seed(client, messages, server.Separator);
        client.Logout();
    }
}
