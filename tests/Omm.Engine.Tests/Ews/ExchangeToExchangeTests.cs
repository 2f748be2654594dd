using System.Net;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers.Ews;

namespace Omm.Engine.Tests.Ews;

/// <summary>Exchange to Exchange: items exported whole and uploaded (ExportItems/UploadItems), not rebuilt from MIME.</summary>
public sealed class ExchangeToExchangeTests : IAsyncLifetime
{
    private const string From = "ann@old.test";
    private const string To = "ann@new.test";
    private readonly string directory = Directory.CreateTempSubdirectory("omm-ews2ews-").FullName;
    private EwsTestServer oldServer = null!;
    private EwsTestServer newServer = null!;

    public async Task InitializeAsync()
    {
        oldServer = await EwsTestServer.StartAsync();
        newServer = await EwsTestServer.StartAsync();
        oldServer.AddMailbox(From, "old-pass");
        newServer.AddMailbox(To, "new-pass");
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(oldServer.ResponseSchemaViolations);
        Assert.Empty(newServer.ResponseSchemaViolations);
        await oldServer.DisposeAsync();
        await newServer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Every_item_is_uploaded_whole_with_its_properties_and_a_sync_and_a_killed_pass_copy_nothing_twice()
    {
        var received = new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
            oldServer.AddMessage(From, i < 4 ? "Inbox" : "Inbox/Clients", Message(i), isRead: i % 2 == 0, flagged: i == 1,
                categories: i == 2 ? new[] { "Red", "Project" } : null, received: received.AddDays(i));
        var (from, to) = Sides();
        var store = new StateStore(Path.Combine(directory, "state.db"));
        var id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false), new[] { ItemType.Mail })).Id;

        var first = await TestMigrations.RunPass(store, id, from, to);

        Assert.True(first.Migration.Status == MigrationStatus.Completed, $"{first.Migration.Status}: {first.Migration.FailureReason}");
        foreach (var folder in new[] { "Inbox", "Inbox/Clients" })
        {
            var originals = oldServer.Items(From, folder).OrderBy(i => i.InternetMessageId).ToList();
            var copies = newServer.Items(To, folder).OrderBy(i => i.InternetMessageId).ToList();
            Assert.Equal(originals.Count, copies.Count);
            foreach (var (original, copy) in originals.Zip(copies))
            {
                Assert.Equal(original.MimeContent, copy.MimeContent);
                Assert.Equal((original.IsRead, original.IsDraft, original.FlagStatus, original.DateTimeReceived, original.ItemClass),
                    (copy.IsRead, copy.IsDraft, copy.FlagStatus, copy.DateTimeReceived, copy.ItemClass));
                Assert.Equal(original.Categories, copy.Categories);
                Assert.NotNull(copy.ExtendedProperty("5d0a6c2e-7f1b-4f4e-9a55-0e3c6f4d2a91", "OmmCopy"));
            }
        }

        var operations = newServer.Requests.Select(r => r.Operation).ToList();
        Assert.Contains("UploadItems", operations);
        Assert.DoesNotContain("CreateItem", operations);
        Assert.Contains("ExportItems", oldServer.Requests.Select(r => r.Operation));

        // As if a pass had been killed after uploading two items and before recording them (and so before the folder's
        // sync state was saved); then a new message.
        store.ForgetItems(store.GetMigratedItems(id, "INBOX").Take(2).Select(i => i.RowId));
        var inbox = store.GetFolder(id, "INBOX")!;
        store.SaveFolder(id, new FolderState(inbox.SourceFolder, inbox.DestinationFolder, inbox.CreatedAtSyncPoint, inbox.DestinationCursor, null));
        oldServer.AddMessage(From, "Inbox", Message(6));
        var uploads = newServer.Requests.Count(r => r.Operation == "UploadItems");

        var sync = await TestMigrations.RunPass(store, id, from, to);

        Assert.Equal(MigrationStatus.Completed, sync.Migration.Status);
        Assert.Equal(5, newServer.Items(To, "Inbox").Count);
        Assert.Equal(3, store.GetMigratedItemsFrom(id, 2).Count);
        Assert.Equal(uploads + 1, newServer.Requests.Count(r => r.Operation == "UploadItems"));
    }

    private (AccountEndpoint From, AccountEndpoint To) Sides() =>
        (AccountEndpoint.ForExchange(EndpointRole.Source, oldServer.Url, new NetworkCredential(From, "old-pass"), false),
         AccountEndpoint.ForExchange(EndpointRole.Destination, newServer.Url, new NetworkCredential(To, "new-pass"), false));

    private static byte[] Message(int i) => System.Text.Encoding.ASCII.GetBytes(
        $"From: x@old.test\r\nTo: ann@old.test\r\nSubject: whole {i}\r\nMessage-ID: <whole{i}@old.test>\r\nDate: Mon, 3 Feb 2025 0{i}:00:00 +0000\r\n\r\nBody {i}.\r\n");
}
