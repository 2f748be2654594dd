using System.Text;
using System.Text.Json;
using Omm.Engine.Connectors.Ews;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// The connector's own parsers read every EWS answer recorded from real Exchange servers (2007 SP1 to 2019 CU15 and
/// Exchange Online) by other projects: the shapes the EWS test server imitates are the ones real servers send.
/// </summary>
public sealed class EwsRecordedResponsesTests
{
    private static string Ews => Path.Combine(RepositoryPaths.SharedFixtures, "ews");

    public static TheoryData<string> ResponseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "folders", "items", "sync", "export-upload", "faults", "attachments" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Ews, folder), "*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.EndsWith("-request.xml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("Request.xml", StringComparison.Ordinal))
                    data.Add(Path.Combine(folder, name));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResponseFiles))]
    public void Every_recorded_response_reads_as_response_messages_or_a_fault(string file)
    {
        using var body = File.OpenRead(Path.Combine(Ews, file));

        var answer = EwsAnswer.Read(body);

        Assert.True(answer.Fault != null || answer.Messages.Count > 0, file);
        if (answer.Fault != null)
            Assert.Matches("^(Error[A-Za-z]+|Client)$", answer.Fault.ResponseCode);
        foreach (var message in answer.Messages)
        {
            Assert.Contains(message.Class, new[] { "Success", "Warning", "Error" });
            Assert.Equal(message.IsError, message.Code != "NoError");
            if (message.Element.Element(EwsNames.M + "RootFolder") is { } root)
            {
                var container = root.Element(EwsNames.T + "Folders") != null ? "Folders" : "Items";
                var entries = container == "Folders"
                    ? EwsPage<EwsFolder>.Read(message, container, EwsFolder.Parse, 0).Entries.Select(f => f.Id).ToList()
                    : EwsPage<EwsMailItem>.Read(message, container, EwsMailItem.Parse, 0).Entries.Select(i => i.Id).ToList();
                Assert.All(entries, id => Assert.False(string.IsNullOrEmpty(id)));
            }

            foreach (var folder in message.Element.Element(EwsNames.M + "Folders")?.Elements() ?? [])
                Assert.False(string.IsNullOrEmpty(EwsFolder.Parse(folder).Id));
            foreach (var item in message.Element.Element(EwsNames.M + "Items")?.Elements() ?? [])
                Assert.False(string.IsNullOrEmpty(EwsMailItem.Parse(item).Id));
        }
    }

    [Fact]
    public void Every_response_body_in_the_whole_recordings_reads_too()
    {
        var read = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(Ews, "recordings"), "*.json", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var exchange in json.RootElement.EnumerateArray())
            {
                if (!exchange.TryGetProperty("body", out var bodyValue) || bodyValue.GetString() is not { } body || !body.Contains("Envelope", StringComparison.Ordinal))
                    continue;
                var answer = EwsAnswer.Read(new MemoryStream(Encoding.UTF8.GetBytes(body)));
                Assert.True(answer.Fault != null || answer.Messages.Count > 0, file);
                read++;
            }
        }

        Assert.True(read >= 60, $"only {read} recorded bodies read");
    }

    [Fact]
    public void A_real_sync_page_gives_its_state_its_creates_and_whether_more_follow()
    {
        var answer = Read("sync/exo2020-testListItemChanges-02-SyncFolderItemsResponse.xml");

        var page = EwsSyncPage.Read(answer.Messages.Single(), null);

        Assert.StartsWith("H4sIA", page.SyncState);
        Assert.True(page.Last);
        Assert.NotEmpty(page.Changed);
        Assert.All(page.Changed, item => Assert.StartsWith("AAMk", item.Id));
    }

    [Fact]
    public void A_busy_fault_gives_its_code_and_back_off()
    {
        var answer = Read("faults/exchangelib-ErrorServerBusy-fault.xml");

        Assert.NotNull(answer.Fault);
        Assert.Equal("ErrorServerBusy", answer.Fault!.ResponseCode);
        Assert.Equal(TimeSpan.FromMilliseconds(297749), answer.Fault.BackOff);
    }

    [Fact]
    public void A_schema_fault_of_Exchange_2010_gives_its_code()
    {
        var file = Directory.GetFiles(Path.Combine(Ews, "faults"), "ex2010sp2-*ErrorSchemaValidation-response.xml").Single();
        using var body = File.OpenRead(file);

        Assert.Equal("ErrorSchemaValidation", EwsAnswer.Read(body).Fault!.ResponseCode);
    }

    [Fact]
    public void A_real_GetItem_message_gives_its_subject_date_size_and_read_state()
    {
        var answer = Read("items/exo2025-testGetSingleMailItem-09-GetItemResponse.xml");
        var item = EwsMailItem.Parse(answer.Messages.Single().Element.Element(EwsNames.M + "Items")!.Elements().Single());

        Assert.Equal("Test Message", item.Subject);
        Assert.Equal(new DateTimeOffset(2025, 8, 30, 18, 10, 41, TimeSpan.Zero), item.Received);
        Assert.Equal(1958, item.Size);
        Assert.False(item.IsDraft);
    }

    private static EwsAnswer Read(string file)
    {
        using var body = File.OpenRead(Path.Combine(Ews, file));
        return EwsAnswer.Read(body);
    }
}
