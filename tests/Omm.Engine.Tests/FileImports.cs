using System.Security.Cryptography;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;

namespace Omm.Engine.Tests;

/// <summary>Imports of files (PST, mbox, .eml) into a Dovecot destination, without PowerShell.</summary>
internal static class FileImports
{
    public static string Create(StateStore store, string path, DovecotServer destination, string user)
    {
        var from = AccountEndpoint.ForFile(path);
        var to = TestMigrations.Endpoint(EndpointRole.Destination, destination, user);
        return store.CreateMigration(new NewMigration(null,
            new ConnectionSettings(new RecordedSide(ServerType.File, from.Server, from.Account, ConnectionSecurity.None),
                new RecordedSide(ServerType.Imap, to.Server, to.Account, to.Security), false),
            new[] { ItemType.Mail })).Id;
    }

    public static async Task<(PassResult Result, RecordingObserver Observer)> Run(StateStore store, string id, string path, DovecotServer destination, string user)
    {
        var observer = new RecordingObserver();
        var result = await TestMigrations.RunPass(store, id, AccountEndpoint.ForFile(path), TestMigrations.Endpoint(EndpointRole.Destination, destination, user), observer);
        return (result, observer);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    /// <summary>Each problem as "Type folder | item | message", to assert on and to show when an assertion fails.</summary>
    public static List<string> Describe(IEnumerable<ItemError> problems) =>
        problems.Select(p => $"{p.Type} {p.Folder} | {p.ItemName} | {p.Message}").ToList();
}
