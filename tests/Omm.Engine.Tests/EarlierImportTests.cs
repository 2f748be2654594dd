using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.State;

namespace Omm.Engine.Tests;

/// <summary>Whether the earlier import of a file into an account takes a new import: the same destination, or one that adds a side.</summary>
public sealed class EarlierImportTests : IDisposable
{
    private static readonly ItemType[] Everything = { ItemType.Mail, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks };
    private readonly TemporaryStateStore state = new("earlier-import");
    private readonly string pst;

    public EarlierImportTests()
    {
        pst = Path.Combine(state.Folder, "archive.pst");
    }

    private StateStore Store => state.Store;

    public void Dispose() => state.Dispose();

    [Fact]
    public void The_same_destination_takes_it_and_changes_nothing()
    {
        var earlier = Import(Destination("imap.new.example:993", null), ItemType.Mail);

        var taken = EarlierImport.Take(Store, earlier, pst, Destination("IMAP.new.example:993", null), new[] { ItemType.Mail });

        Assert.Equal((null, null), (taken.Refusal, taken.Widening));
    }

    [Fact]
    public void A_dav_url_it_lacked_is_added_with_the_items_that_go_there()
    {
        var earlier = Import(Destination("imap.new.example:993", null), ItemType.Mail);

        var taken = EarlierImport.Take(Store, earlier, pst, Destination("imap.new.example:993", "https://dav.new.example/"), Everything);

        Assert.Null(taken.Refusal);
        Assert.Equal("now goes into the DAV URL https://dav.new.example/ too, and copies Mail, Contacts, Calendar, Tasks.", taken.Widening);
        var widened = Store.Find(earlier.Id)!;
        Assert.Equal("https://dav.new.example/", widened.DestinationDavUrl);
        Assert.Equal(Everything, widened.Include);
    }

    [Fact]
    public void Another_mail_server_is_refused_and_records_nothing()
    {
        var earlier = Import(Destination("imap.new.example:993", null), ItemType.Mail);

        var taken = EarlierImport.Take(Store, earlier, pst, Destination("imap.other.example:993", "https://dav.new.example/"), Everything);

        Assert.Equal($"'{pst}' was imported into ann before (migration {earlier.Id}) with the mail server imap.new.example:993 and no DAV URL; " +
                     "import it again with the same destination (adding a DAV URL or a mail server it lacked), or into another account.", taken.Refusal);
        Assert.Null(Store.Find(earlier.Id)!.DestinationDavUrl);
        Assert.Equal(new[] { ItemType.Mail }, Store.Find(earlier.Id)!.Include);
    }

    private Migration Import(AccountEndpoint destination, params ItemType[] include) =>
        Store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(AccountEndpoint.ForFile(pst), destination, false), include));

    private static AccountEndpoint Destination(string server, string? davUrl) =>
        new(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse(server), ConnectionSecurity.Auto, new NetworkCredential("ann", "pw"), false,
            davUrl == null ? null : new Uri(davUrl));
}
