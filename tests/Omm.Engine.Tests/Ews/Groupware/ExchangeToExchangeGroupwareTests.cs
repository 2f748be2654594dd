using System.Xml.Linq;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Removal;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// Contacts, calendars and tasks from one Exchange mailbox into another, copied whole (ExportItems, then UploadItems): the
/// copies hold every property the originals hold (a series' exceptions and deleted occurrences, a contact's photo), a sync
/// copies only what changed, Remove takes the copies away, and an item Exchange will not export is made from its text.
/// </summary>
public sealed class ExchangeToExchangeGroupwareTests : IAsyncLifetime
{
    private const string From = ExchangeAccount.Mailbox;
    private const string To = ExchangeAccount.OtherMailbox;
    private static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    private static readonly string[] Folders = ["Contacts", "Calendar", "Tasks"];
    private static readonly ExtendedPropertyKey OmmMark = ExtendedPropertyKey.ForName(EwsCopyMark.PropertySetId, EwsItemMark.PropertyName);

    private ExchangeAccount exchange = null!;

    public async Task InitializeAsync()
    {
        exchange = await ExchangeAccount.StartAsync();
        exchange.AddOtherMailbox();
        await exchange.ImportAsync(Path.Combine(RepositoryPaths.SharedFixtures, "vcf", "John_Doe_IPHONE.vcf"), ItemType.Contacts);
        await exchange.ImportTextAsync(ExchangeGroupwareSamples.Calendar, ".ics");
        // As Outlook makes one: no mark of Omm's, its own UID.
        exchange.Server.AddGroupwareItem(From, "Calendar", new XElement(T + "CalendarItem",
            new XElement(T + "Subject", "Dentist"), new XElement(T + "UID", "outlook-dentist-1"),
            new XElement(T + "Start", "2026-05-04T08:00:00Z"), new XElement(T + "End", "2026-05-04T09:00:00Z")));
    }

    public Task DisposeAsync() => exchange.DisposeAsync().AsTask();

    private (AccountEndpoint From, AccountEndpoint To) Sides() =>
        (exchange.Endpoint(EndpointRole.Source, From), exchange.Endpoint(EndpointRole.Destination, To));

    [Fact]
    public async Task Items_are_uploaded_whole_synced_by_change_and_removed()
    {
        var (from, to) = Sides();
        var migration = exchange.Create(from, to, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);

        var (first, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.True(first.Status == MigrationStatus.Completed, string.Join(" | ", first.Errors.Select(e => e.Message)));
        Assert.Empty(first.Errors);
        foreach (var folder in Folders)
            AssertSameItems(folder);
        var photo = exchange.Server.GroupwareItems(To, "Contacts").Single().Attachments.Single(a => a.IsContactPhoto);
        Assert.NotEmpty(photo.Content);
        var series = exchange.Server.GroupwareItems(To, "Calendar").Single(i => i.CalendarItemType == "RecurringMaster");
        Assert.Single(series.Exceptions);
        Assert.Single(series.DeletedOccurrences);
        Assert.Equal(6, Count("UploadItems", To));
        Assert.Equal(6, Count("ExportItems", From));
        Assert.Equal(0, Count("CreateItem", To));
        Assert.False(exchange.Server.InvitationsSent);

        var (second, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.Equal(MigrationStatus.Completed, second.Status);
        Assert.Empty(second.Errors);
        Assert.Equal(6, Count("UploadItems", To));
        Assert.Equal(6, Count("ExportItems", From));

        var meeting = exchange.Server.GroupwareItems(From, "Calendar").Single(i => i.Value("UID") == ExchangeGroupwareSamples.MeetingUid);
        exchange.Server.SetItemProperty(From, meeting.ItemId, new XElement(T + "Location", "Room 9"));

        var (third, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.Equal(MigrationStatus.Completed, third.Status);
        Assert.Empty(third.Errors);
        Assert.Equal(7, Count("UploadItems", To));
        Assert.Equal(0, Count("CreateItem", To));
        AssertSameItems("Calendar");
        Assert.Equal("Room 9", exchange.Server.GroupwareItems(To, "Calendar").Single(i => i.Value("UID") == ExchangeGroupwareSamples.MeetingUid).Value("Location"));

        var remover = new MigratedItemRemover(exchange.Store);
        var plan = remover.Plan(migration.Id);
        var removed = await remover.RemoveAsync(plan, plan.Collections.Select(c => c.DestinationHref).ToHashSet(), to, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(6, removed.Removed);
        Assert.All(Folders, folder => Assert.Empty(exchange.Server.GroupwareItems(To, folder)));
        Assert.Equal(6, Folders.Sum(folder => exchange.Server.GroupwareItems(From, folder).Count));
        Assert.False(exchange.Server.InvitationsSent);
    }

    [Fact]
    public async Task An_item_Exchange_will_not_export_is_made_from_its_text()
    {
        var task = exchange.Server.GroupwareItems(From, "Tasks").Single();
        exchange.Server.RefuseExport(From, task.ItemId);
        var (from, to) = Sides();
        var migration = exchange.Create(from, to, ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);

        var (pass, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.True(pass.Status == MigrationStatus.Completed, string.Join(" | ", pass.Errors.Select(e => e.Message)));
        Assert.DoesNotContain(pass.Errors, e => e.Type == ItemErrorType.Error);
        Assert.Equal(1, Count("CreateItem", To));
        Assert.Equal(5, Count("UploadItems", To));
        var copy = exchange.Server.GroupwareItems(To, "Tasks").Single();
        Assert.Equal(task.Value("Subject"), copy.Value("Subject"));
        Assert.Equal(task.Value("DueDate"), copy.Value("DueDate"));
        AssertSameItems("Contacts");
        AssertSameItems("Calendar");

        var (again, _) = await exchange.PassAsync(migration.Id, from, to);
        Assert.Empty(again.Errors);
        Assert.Single(exchange.Server.GroupwareItems(To, "Tasks"));
    }

    [Fact]
    public async Task A_whole_copy_a_killed_pass_left_unmarked_is_found_again_by_its_calendar_UID()
    {
        var (from, to) = Sides();
        var dentist = exchange.Server.GroupwareItems(From, "Calendar").Single(i => i.Value("UID") == "outlook-dentist-1");
        var calendar = exchange.Server.Folders(To).Single(f => f.DistinguishedId == "calendar").FolderId;
        using (var source = new EwsClient(from))
        using (var destination = new EwsClient(to))
        {
            var exported = await EwsExportCalls.ExportAsync(source, [dentist.ItemId], CancellationToken.None);
            await EwsExportCalls.UploadAsync(destination, calendar, [exported.Single().Data!], CancellationToken.None);
        }

        var migration = exchange.Create(from, to, ItemType.Calendar);
        var (pass, _) = await exchange.PassAsync(migration.Id, from, to);

        Assert.True(pass.Status == MigrationStatus.Completed, string.Join(" | ", pass.Errors.Select(e => e.Message)));
        Assert.Empty(pass.Errors);
        Assert.Single(exchange.Server.GroupwareItems(To, "Calendar"), i => i.Value("UID") == "outlook-dentist-1");
        Assert.Equal(exchange.Server.GroupwareItems(From, "Calendar").Count, exchange.Server.GroupwareItems(To, "Calendar").Count);
    }

    private int Count(string operation, string mailbox) =>
        exchange.Server.Requests.Count(r => r.Operation == operation && string.Equals(r.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder's copies hold what the originals hold, Omm's mark aside (the copy's is of the text it stands for).</summary>
    private void AssertSameItems(string folder)
    {
        var originals = exchange.Server.GroupwareItems(From, folder).OrderBy(Key).ToList();
        var copies = exchange.Server.GroupwareItems(To, folder).OrderBy(Key).ToList();
        Assert.Equal(originals.Select(Key), copies.Select(Key));
        foreach (var (original, copy) in originals.Zip(copies))
        {
            AssertSame(original, copy);
            var mark = EwsItemMark.Parse(copy.ExtendedProperties[OmmMark].Value);
            Assert.NotNull(mark);
            Assert.NotEqual(EwsItemMark.Incomplete, mark.ContentHash);
        }
    }

    private static void AssertSame(EwsGroupwareItemSnapshot original, EwsGroupwareItemSnapshot copy)
    {
        Assert.Equal((original.ElementName, original.ItemClass), (copy.ElementName, copy.ItemClass));
        Assert.Equal(original.Properties.Keys.Order(), copy.Properties.Keys.Order());
        foreach (var (name, element) in original.Properties)
            Assert.True(XNode.DeepEquals(element, copy.Properties[name]), $"{Key(original)}: {element} became {copy.Properties[name]}");
        Assert.Equal(Extended(original), Extended(copy));
        Assert.Equal(original.DeletedOccurrences, copy.DeletedOccurrences);
        Assert.Equal(original.Attachments.Select(a => (a.Name, a.ContentType, a.IsContactPhoto, Convert.ToBase64String(a.Content))),
            copy.Attachments.Select(a => (a.Name, a.ContentType, a.IsContactPhoto, Convert.ToBase64String(a.Content))));
        Assert.Equal(original.Exceptions.Count, copy.Exceptions.Count);
        foreach (var (exception, copied) in original.Exceptions.Zip(copy.Exceptions))
        {
            Assert.Equal(exception.Value("OriginalStart"), copied.Value("OriginalStart"));
            AssertSame(exception, copied);
        }
    }

    private static List<string> Extended(EwsGroupwareItemSnapshot item) =>
        item.ExtendedProperties.Where(p => !p.Key.Equals(OmmMark)).Select(p => $"{p.Key} {p.Value.Type} {string.Join(" | ", p.Value.Values)}").Order().ToList();

    private static string Key(EwsGroupwareItemSnapshot item) => item.ElementName + " " + (item.Value("UID") ?? item.Value("Subject"));
}
