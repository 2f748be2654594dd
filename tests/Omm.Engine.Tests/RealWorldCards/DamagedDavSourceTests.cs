using Omm.Engine.Contacts;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.Groupware;
using Omm.TestServers;

namespace Omm.Engine.Tests.RealWorldCards;

/// <summary>
/// Damaged cards read from a CardDAV source (Xandikos stores a card as it is given): a property that cannot be
/// read is left out with a warning and the card is migrated; a card that cannot be read at all is an item error.
/// </summary>
public sealed class DamagedDavSourceTests : IDisposable
{
    private readonly XandikosServer xandikos = XandikosServer.Start();
    private readonly RadicaleServer radicale = RadicaleServer.Start("bob");
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-damaged-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        xandikos.Dispose();
        radicale.Dispose();
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task A_card_with_an_unreadable_property_arrives_without_it_and_an_unreadable_card_is_an_item_error()
    {
        const string Good = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:good\r\nFN:Good Card\r\nN:Card;Good;;;\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n";
        const string Damaged = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:damaged\r\nFN:Damaged Card\r\nN:Card;Damaged;;;\r\n" +
            "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4A*AQ%%\r\nTEL:+1 555 0200\r\nthis line has no colon\r\nEND:VCARD\r\n";
        const string Broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:broken\r\nFN:Broken Card\r\nN:Card;Broken;;;\r\nEND:VEVENT\r\nTEL:+1 555 0300\r\nEND:VCARD\r\n";
        using (var source = DavAccounts.Client(xandikos))
        {
            var book = (await source.ListCollectionsAsync(CancellationToken.None)).Single(c => c.Kind == DavCollectionKind.AddressBook);
            foreach (var (name, card) in new[] { ("good.vcf", Good), ("damaged.vcf", Damaged), ("broken.vcf", Broken) })
                Assert.Equal(DavWriteOutcome.Created, (await source.PutAsync(book.Href + name, "text/vcard; charset=utf-8", card, null, CancellationToken.None)).Outcome);
        }

        var store = new StateStore(statePath);
        var (from, to) = (DavAccounts.Endpoint(EndpointRole.Source, xandikos), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "bob"));
        var migration = DavAccounts.Create(store, from, to, ItemType.Contacts);
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(MigrationStatus.CompletedWithErrors, result.Migration.Status);
        using var bob = DavAccounts.Client(radicale, "bob");
        var cards = (await DavAccounts.ReadAllAsync(bob)).Values.SelectMany(r => r).Select(r => VCard.Parse(r.Data)).ToList();
        Assert.Equal(new[] { "damaged", "good" }, cards.Select(c => c.Uid).OrderBy(u => u));
        var damaged = cards.Single(c => c.Uid == "damaged");
        Assert.DoesNotContain(damaged.Properties, p => p.Is("PHOTO"));
        Assert.Equal("+1 555 0200", damaged.DecodedProperties.Single(p => p.Is("TEL")).Value);
        Assert.Empty(damaged.Warnings);

        Assert.Equal(new[]
        {
            (ItemErrorType.Error, "/user/contacts/addressbook/broken.vcf", "The source holds an invalid vCard: line 1: END:VEVENT at line 6 does not match BEGIN:VCARD at line 1"),
            (ItemErrorType.Warning, "Damaged Card (UID damaged)", "Line 8 was not copied: it has no ':' between a property name and its value (\"this line has no colon\")."),
            (ItemErrorType.Warning, "Damaged Card (UID damaged)", "PHOTO (line 6) was not copied: the value is not valid base64."),
        }, result.Migration.Errors.Select(e => (e.Type, e.ItemName, e.Message)).OrderBy(e => e.Type.ToString(), StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal));
    }
}
