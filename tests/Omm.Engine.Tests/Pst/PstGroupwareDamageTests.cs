using Omm.Engine.Contacts;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.State;
using Omm.Engine.Tests.Groupware;
using Omm.TestServers;

namespace Omm.Engine.Tests.Pst;

/// <summary>A PST whose contact cannot be read imported into a real Radicale: that contact is an item error, the list beside it arrives.</summary>
public sealed class PstGroupwareDamageTests : IDisposable
{
    private readonly RadicaleServer radicale = RadicaleServer.Start("damaged");
    private readonly string directory = Directory.CreateTempSubdirectory("omm-pst-groupware-").FullName;

    public void Dispose()
    {
        radicale.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_contact_that_cannot_be_read_is_an_item_error_and_the_rest_of_its_folder_arrives()
    {
        string expectedList;
        using (var original = PstFile.Open(PstFixtures.PathOf("dist-list.pst")))
            expectedList = original.CreateMessage(0x200024).ToVCard();
        var pst = PstDamage.NodeHeap("dist-list.pst", 0x200064, Path.Combine(directory, "contacts.pst"));
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var (from, to) = (AccountEndpoint.ForFile(pst), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "damaged"));
        var migration = DavAccounts.Create(store, from, to, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);
        var observer = new RecordingObserver();

        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, observer, CancellationToken.None);

        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        Assert.Equal(new[] { "Error Contacts | message NID 0x200064 | The PST item cannot be read: The heap of message (NID 0x200064) has signature 0x00, expected 0xEC." },
            FileImports.Describe(observer.Problems));
        using var client = DavAccounts.Client(radicale, "damaged");
        var onServer = (await DavAccounts.ReadAllAsync(client)).ToDictionary(p => DavAccounts.NameOf(p.Key), p => p.Value.Select(r => r.Data).ToList());
        var card = Assert.Single(onServer["Contacts"]);
        Assert.Equal(ContentFacts.Of(VCard.Parse(expectedList).WithStableUid().ToVersion3()), ContentFacts.Of(card));
        Assert.Contains(onServer["Calendar"], e => e.Contains("SUMMARY:Test appointment"));
    }
}
