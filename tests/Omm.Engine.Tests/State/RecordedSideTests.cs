using System.Net;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;
using Omm.Engine.State;

namespace Omm.Engine.Tests.State;

/// <summary>A migration's sides as recorded, and the endpoints that reach them again.</summary>
public sealed class RecordedSideTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-sides-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Each_side_is_recorded_and_reached_again_as_it_was_given()
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var source = new AccountEndpoint(EndpointRole.Source, ServerType.Pop3, ServerAddress.Parse("pop.old.example"), ConnectionSecurity.Tls,
            new NetworkCredential("ann", "old-pw"), true) { Options = Pop3Options.Of("Old mail", markAsRead: false) };
        var destination = new AccountEndpoint(EndpointRole.Destination, ServerType.Imap, ServerAddress.Parse("imap.new.example:10993"), ConnectionSecurity.Auto,
            new NetworkCredential("ann@new.example", "new-pw"), true, new Uri("https://dav.new.example/ann/"));
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(source, destination, true), new[] { ItemType.Mail, ItemType.Contacts })).Id;

        var settings = store.GetConnectionSettings(id);

        Assert.Equal((ServerType.Pop3, "pop.old.example:995", "ann", ConnectionSecurity.Tls, (string?)null),
            (settings.Source.Type, settings.Source.Server, settings.Source.Account, settings.Source.Security, settings.Source.DavUrl));
        Assert.Equal((ServerType.Imap, "imap.new.example:10993", "ann@new.example", "https://dav.new.example/ann/", 0),
            (settings.Destination.Type, settings.Destination.Server, settings.Destination.Account, settings.Destination.DavUrl, settings.Destination.Options.Count));
        Assert.Same(settings.Destination, settings.Side(EndpointRole.Destination));

        var again = settings.Source.Endpoint(EndpointRole.Source, new NetworkCredential("ann", "old-pw"), settings.SkipCertificateCheck);
        Assert.Equal((ServerType.Pop3, "pop.old.example:995", 995, "Old mail", false, true),
            (again.Type, again.Server, again.Port, Pop3Options.FolderOf(again), Pop3Options.MarksAsRead(again), again.SkipCertificateCheck));
        var destinationAgain = settings.Destination.Endpoint(EndpointRole.Destination, new NetworkCredential("ann@new.example", "new-pw"), true);
        Assert.Equal(("imap.new.example:10993", destination.DavUrl), (destinationAgain.Server, destinationAgain.DavUrl));
    }

    [Fact]
    public void A_dav_account_is_reached_at_its_url_and_a_file_needs_no_credential()
    {
        var dav = new RecordedSide(ServerType.Dav, "https://dav.old.example/ann/", "ann", ConnectionSecurity.Auto);
        var endpoint = dav.Endpoint(EndpointRole.Source, new NetworkCredential("ann", "pw"), false);
        Assert.Equal(("https://dav.old.example/ann/", "dav.old.example"), (endpoint.DavUrl!.AbsoluteUri, endpoint.Address.Host));

        var file = new RecordedSide(ServerType.File, "/data/archive.pst", "archive.pst", ConnectionSecurity.None);
        Assert.False(file.NeedsCredential);
        Assert.Equal(("/data/archive.pst", "archive.pst"), (file.Endpoint(EndpointRole.Source, null, false).Server, file.Endpoint(EndpointRole.Source, null, false).Account));
    }
}
