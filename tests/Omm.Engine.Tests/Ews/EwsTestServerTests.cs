using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Omm.TestServers;
using Omm.TestServers.Ews;
using static Omm.Engine.Tests.Ews.EwsSamples;
using static Omm.Engine.Tests.Ews.EwsSoapClient;

namespace Omm.Engine.Tests.Ews;

/// <summary>The EWS test server behaves as Exchange 2016/2019 does, per the recordings under ../shared/fixtures/ews and Microsoft's docs.</summary>
public sealed class EwsTestServerTests
{
    private const string Alice = EwsServerFixture.Alice;
    private const string Bob = EwsServerFixture.Bob;

    [Fact]
    public async Task Creates_and_gets_a_MIME_message_byte_for_byte()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var mime = Message(1);
        var id = await CreateAsync(client, Distinguished("inbox"), mime, Flags(1));

        var got = await client.CallAsync(GetItem(id, properties: """<t:FieldURI FieldURI="message:InternetMessageId"/><t:FieldURI FieldURI="message:From"/>"""));
        var message = got[0].Element(M + "Items")!.Element(T + "Message")!;
        Assert.Equal("MimeContent", message.Elements().First().Name.LocalName);
        Assert.Equal(mime, Convert.FromBase64String(message.Element(T + "MimeContent")!.Value));
        Assert.Equal("Report 1", message.Element(T + "Subject")!.Value);
        Assert.Equal("<m1@example.net>", message.Element(T + "InternetMessageId")!.Value);
        Assert.Equal("carol@example.net", message.Descendants(T + "EmailAddress").Single().Value);
        Assert.Equal("2025-07-01T08:01:00Z", message.Element(T + "DateTimeSent")!.Value);
        Assert.Equal(mime.Length.ToString(CultureInfo.InvariantCulture), message.Element(T + "Size")!.Value);
        Assert.Equal(mime, fixture.Server.Items(Alice, "Inbox").Single().MimeContent);
    }

    [Fact]
    public async Task A_message_is_a_draft_unless_PR_MESSAGE_FLAGS_is_set_at_creation()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var plain = await CreateAsync(client, Distinguished("inbox"), Message(1));
        var read = await CreateAsync(client, Distinguished("inbox"), Message(2), Flags(1));
        var unread = await CreateAsync(client, Distinguished("inbox"), Message(3), Flags(1) + "<t:IsRead>false</t:IsRead>");

        var items = fixture.Server.Items(Alice, "Inbox").ToDictionary(i => i.ItemId);
        Assert.True(items[plain].IsDraft);
        Assert.False(items[read].IsDraft);
        Assert.True(items[read].IsRead);
        Assert.False(items[unread].IsDraft);
        Assert.False(items[unread].IsRead);
        var got = await client.CallAsync(GetItem(plain, mime: false));
        Assert.Equal("true", got[0].Descendants(T + "IsDraft").Single().Value);
    }

    [Fact]
    public async Task Received_and_sent_dates_come_from_0x0E06_and_0x0039()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("inbox"), Message(1),
            Time("0x0E06", "2019-03-04T05:06:07Z") + Time("0x0039", "2019-03-04T05:00:00Z") + Flags(1));

        var got = (await client.CallAsync(GetItem(id, mime: false)))[0];
        Assert.Equal("2019-03-04T05:06:07Z", got.Descendants(T + "DateTimeReceived").Single().Value);
        Assert.Equal("2019-03-04T05:00:00Z", got.Descendants(T + "DateTimeSent").Single().Value);
        var item = fixture.Server.Items(Alice, "Inbox").Single();
        Assert.Equal(new DateTimeOffset(2019, 3, 4, 5, 6, 7, TimeSpan.Zero), item.DateTimeReceived);
        Assert.True(item.DateTimeCreated > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Named_extended_properties_are_kept_and_returned_when_asked()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        const string set = "c11ff724-aa03-4555-9952-8fa248a11c3e";
        var uri = $"""<t:ExtendedFieldURI PropertySetId="{set}" PropertyName="OmmSourceId" PropertyType="String"/>""";
        var id = await CreateAsync(client, Distinguished("inbox"), Message(1), $"<t:ExtendedProperty>{uri}<t:Value>imap:42</t:Value></t:ExtendedProperty>" + Flags(1));

        var got = (await client.CallAsync(GetItem(id, mime: false, properties: uri + """<t:ExtendedFieldURI PropertyTag="0x0E07" PropertyType="Integer"/>""")))[0];
        var values = got.Descendants(T + "ExtendedProperty").ToDictionary(
            p => (string?)p.Element(T + "ExtendedFieldURI")!.Attribute("PropertyName") ?? (string)p.Element(T + "ExtendedFieldURI")!.Attribute("PropertyTag")!,
            p => p.Element(T + "Value")!.Value);
        Assert.Equal("imap:42", values["OmmSourceId"]);
        Assert.Equal("1", values["0x0E07"]);
        Assert.Equal("imap:42", fixture.Server.Items(Alice, "Inbox").Single().ExtendedProperty(set, "OmmSourceId")!.Value);
    }

    [Fact]
    public async Task Per_item_errors_come_in_request_order()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = fixture.Server.AddMessage(Alice, "Inbox", Message(1));
        fixture.Server.MaxMessageBytes = 10_000;
        var body = $"""<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>{Distinguished("inbox")}</m:SavedItemFolderId><m:Items><t:Message><t:MimeContent>{Convert.ToBase64String(Message(2))}</t:MimeContent></t:Message><t:Message><t:MimeContent></t:MimeContent></t:Message><t:Message><t:MimeContent>{Convert.ToBase64String(new byte[20_000])}</t:MimeContent></t:Message></m:Items></m:CreateItem>""";
        var created = await client.CallAsync(body);
        Assert.Equal(["NoError", "ErrorMimeContentConversionFailed", "ErrorMessageSizeExceeded"], created.Select(Code));

        var got = await client.CallAsync($"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="{id}"/><t:ItemId Id="AgAAAAAAAAAAAAAAAAAAAAAAAAAA"/><t:ItemId Id="junk"/></m:ItemIds></m:GetItem>""");
        Assert.Equal(["NoError", "ErrorItemNotFound", "ErrorInvalidIdMalformed"], got.Select(Code));
        Assert.Equal("Error", (string)got[1].Attribute("ResponseClass")!);
    }

    [Fact]
    public async Task SyncFolderItems_pages_1200_items_then_reports_changes_after_a_state()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var ids = Enumerable.Range(0, 1200).Select(i => fixture.Server.AddMessage(Alice, "Inbox", Message(i))).ToList();

        string? state = null;
        var pages = new List<int>();
        var seen = new HashSet<string>();
        while (true)
        {
            var message = (await client.CallAsync(Sync(Distinguished("inbox"), state)))[0];
            state = message.Element(M + "SyncState")!.Value;
            var creates = message.Element(M + "Changes")!.Elements(T + "Create").ToList();
            pages.Add(creates.Count);
            seen.UnionWith(creates.Select(c => (string)c.Descendants(T + "ItemId").Single().Attribute("Id")!));
            if (message.Element(M + "IncludesLastItemInRange")!.Value == "true")
                break;
        }

        Assert.Equal([512, 512, 176], pages);
        Assert.Equal(ids.ToHashSet(), seen);
        var final = (await client.CallAsync(Sync(Distinguished("inbox"), state)))[0];
        Assert.Empty(final.Element(M + "Changes")!.Elements());
        Assert.Equal("true", final.Element(M + "IncludesLastItemInRange")!.Value);

        fixture.Server.SetRead(Alice, ids[0]);
        fixture.Server.SetFlag(Alice, ids[1]);
        fixture.Server.DeleteItem(Alice, ids[2]);
        var changes = (await client.CallAsync(Sync(Distinguished("inbox"), state)))[0].Element(M + "Changes")!.Elements().ToList();
        Assert.Equal(["Delete", "ReadFlagChange", "Update"], changes.Select(c => c.Name.LocalName).Order());
        var readChange = changes.Single(c => c.Name.LocalName == "ReadFlagChange");
        Assert.Equal(ids[0], (string)readChange.Element(T + "ItemId")!.Attribute("Id")!);
        Assert.Equal("true", readChange.Element(T + "IsRead")!.Value);
        Assert.Equal(ids[2], (string)changes.Single(c => c.Name.LocalName == "Delete").Element(T + "ItemId")!.Attribute("Id")!);

        var again = (await client.CallAsync(Sync(Distinguished("inbox"), state)))[0].Element(M + "Changes")!.Elements().Count();
        Assert.Equal(3, again);
        var unknown = (await client.CallAsync(Sync(Distinguished("inbox"), "bm90IGEgc3RhdGU=")))[0];
        Assert.Equal("ErrorInvalidSyncStateData", Code(unknown));
    }

    [Fact]
    public async Task UpdateItem_sets_read_categories_and_flag_with_a_new_change_key()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = fixture.Server.AddMessage(Alice, "Inbox", Message(1));
        var before = fixture.Server.Items(Alice, "Inbox").Single().ChangeKey;
        var updated = await client.CallAsync($"""<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{before}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField><t:SetItemField><t:FieldURI FieldURI="item:Categories"/><t:Message><t:Categories><t:String>Blue</t:String><t:String>Work</t:String></t:Categories></t:Message></t:SetItemField><t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><t:FlagStatus>Flagged</t:FlagStatus></t:Flag></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.Equal("NoError", Code(updated[0]));
        var item = fixture.Server.Items(Alice, "Inbox").Single();
        Assert.NotEqual(before, item.ChangeKey);
        Assert.Equal((string)updated[0].Descendants(T + "ItemId").Single().Attribute("ChangeKey")!, item.ChangeKey);
        Assert.True(item.IsRead);
        Assert.Equal(["Blue", "Work"], item.Categories);
        Assert.Equal("Flagged", item.FlagStatus);
        Assert.Equal("0", updated[0].Element(M + "ConflictResults")!.Element(T + "Count")!.Value);
    }

    [Fact]
    public async Task DeleteItem_moves_to_Deleted_Items_or_deletes_and_reports_unknown_ids()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var moved = fixture.Server.AddMessage(Alice, "Inbox", Message(1));
        var gone = fixture.Server.AddMessage(Alice, "Inbox", Message(2));
        var first = await client.CallAsync($"""<m:DeleteItem DeleteType="MoveToDeletedItems"><m:ItemIds><t:ItemId Id="{moved}"/></m:ItemIds></m:DeleteItem>""");
        var second = await client.CallAsync($"""<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="{gone}"/><t:ItemId Id="{gone}"/></m:ItemIds></m:DeleteItem>""");
        Assert.Equal("NoError", Code(first[0]));
        Assert.Equal(["NoError", "ErrorItemNotFound"], second.Select(Code));
        Assert.Empty(fixture.Server.Items(Alice, "Inbox"));
        Assert.Equal("Report 1", fixture.Server.Items(Alice, "Deleted Items").Single().Subject);
    }

    [Fact]
    public async Task FindItem_pages_with_IndexedPageItemView()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 25; i++)
            fixture.Server.AddMessage(Alice, "Inbox/Projects", Message(i), received: start.AddHours(i));
        var folderId = fixture.Server.Folders(Alice).Single(f => f.Path == "Inbox/Projects").FolderId;

        var offsets = new List<string>();
        var subjects = new List<string>();
        var offset = 0;
        while (true)
        {
            var root = (await client.CallAsync($"""<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="10" Offset="{offset}" BasePoint="Beginning"/><m:ParentFolderIds>{FolderId(folderId)}</m:ParentFolderIds></m:FindItem>"""))[0].Element(M + "RootFolder")!;
            Assert.Equal("25", (string)root.Attribute("TotalItemsInView")!);
            subjects.AddRange(root.Descendants(T + "Subject").Select(s => s.Value));
            offsets.Add((string)root.Attribute("IndexedPagingOffset")!);
            offset = int.Parse((string)root.Attribute("IndexedPagingOffset")!, CultureInfo.InvariantCulture);
            if ((string)root.Attribute("IncludesLastItemInRange")! == "true")
                break;
        }

        Assert.Equal(["10", "20", "25"], offsets);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"Report {i}"), subjects);
    }

    [Fact]
    public async Task Folders_are_found_deep_created_once_and_distinguished_ones_kept()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var created = await client.CallAsync($"""<m:CreateFolder><m:ParentFolderId>{Distinguished("inbox")}</m:ParentFolderId><m:Folders><t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Projects</t:DisplayName></t:Folder><t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Projects</t:DisplayName></t:Folder><t:CalendarFolder><t:DisplayName>Holidays</t:DisplayName></t:CalendarFolder></m:Folders></m:CreateFolder>""");
        Assert.Equal(["NoError", "ErrorFolderExists", "NoError"], created.Select(Code));
        Assert.Equal("CalendarFolder", created[2].Element(M + "Folders")!.Elements().Single().Name.LocalName);
        var projects = (string)created[0].Descendants(T + "FolderId").Single().Attribute("Id")!;
        await client.CallAsync($"""<m:CreateFolder><m:ParentFolderId>{FolderId(projects)}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>2025</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>""");

        var all = new List<XElement>();
        var offset = 0;
        XElement root;
        do
        {
            root = (await client.CallAsync($"""<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="folder:DisplayName"/><t:FieldURI FieldURI="folder:FolderClass"/><t:FieldURI FieldURI="folder:ParentFolderId"/><t:FieldURI FieldURI="folder:TotalCount"/><t:FieldURI FieldURI="folder:ChildFolderCount"/><t:FieldURI FieldURI="folder:UnreadCount"/></t:AdditionalProperties></m:FolderShape><m:IndexedPageFolderView MaxEntriesReturned="5" Offset="{offset}" BasePoint="Beginning"/><m:ParentFolderIds>{Distinguished("msgfolderroot")}</m:ParentFolderIds></m:FindFolder>"""))[0].Element(M + "RootFolder")!;
            all.AddRange(root.Element(T + "Folders")!.Elements());
            offset = int.Parse((string)root.Attribute("IndexedPagingOffset")!, CultureInfo.InvariantCulture);
        }
        while ((string)root.Attribute("IncludesLastItemInRange")! != "true");

        var names = all.Select(f => f.Element(T + "DisplayName")!.Value).ToList();
        Assert.Equal(14, names.Count);
        Assert.True(names.IndexOf("Inbox") < names.IndexOf("Projects") && names.IndexOf("Projects") < names.IndexOf("2025"));
        Assert.Equal("CalendarFolder", all.Single(f => f.Element(T + "DisplayName")!.Value == "Calendar").Name.LocalName);

        var got = await client.CallAsync($"""<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("contacts")}{Distinguished("archivemsgfolderroot")}</m:FolderIds></m:GetFolder>""");
        Assert.Equal(["NoError", "ErrorFolderNotFound"], got.Select(Code));
        Assert.Equal("ContactsFolder", got[0].Element(M + "Folders")!.Elements().Single().Name.LocalName);

        var deleted = await client.CallAsync($"""<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds>{Distinguished("inbox")}{FolderId(projects)}</m:FolderIds></m:DeleteFolder>""");
        Assert.Equal(["ErrorDeleteDistinguishedFolder", "NoError"], deleted.Select(Code));
        Assert.DoesNotContain(fixture.Server.Folders(Alice), f => f.Path.StartsWith("Inbox/Projects", StringComparison.Ordinal));
        var after = await client.CallAsync($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{FolderId(projects)}</m:FolderIds></m:GetFolder>""");
        Assert.Equal("ErrorItemNotFound", Code(after[0]));
    }

    [Fact]
    public async Task Impersonation_is_allowed_to_granted_accounts_only()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        fixture.Server.AddMessage(Bob, "Inbox", Message(1));
        using var admin = fixture.Client(EwsServerFixture.Admin);
        using var alice = fixture.Client();
        var find = $"""<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ParentFolderIds>{Distinguished("inbox")}</m:ParentFolderIds></m:FindItem>""";

        var asBob = await admin.CallAsync(find, impersonate: Bob);
        Assert.Equal("1", (string)asBob[0].Element(M + "RootFolder")!.Attribute("TotalItemsInView")!);
        var (deniedStatus, denied) = await alice.PostAsync(Envelope(find, impersonate: Bob));
        Assert.Equal(HttpStatusCode.InternalServerError, deniedStatus);
        Assert.Equal("a:ErrorImpersonateUserDenied", denied!.Descendants("faultcode").Single().Value);
        var (_, nobody) = await admin.PostAsync(Envelope(find, impersonate: "nobody@example.com"));
        Assert.Equal("ErrorNonExistentMailbox", nobody!.Descendants(E + "ResponseCode").Single().Value);

        var log = fixture.Server.Requests;
        Assert.Contains(log, r => r.Operation == "FindItem" && r.Mailbox == Bob && r.Impersonated && r.HttpStatus == 200);
        Assert.Contains(log, r => r.Operation == "FindItem" && r.HttpStatus == 500 && !r.Impersonated);
    }

    [Fact]
    public async Task Wrong_or_missing_credentials_get_401_with_the_schemes_Exchange_offers()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var wrong = fixture.Client(password: "nope");
        using var unknown = fixture.Client("mallory@example.com");
        using var anonymous = new HttpClient();
        var body = Envelope($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("inbox")}</m:FolderIds></m:GetFolder>""");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync(body)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.PostAsync(body)).Status);
        using var response = await anonymous.PostAsync(fixture.Server.Url, new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var schemes = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        Assert.Equal(["Negotiate", "NTLM", "Basic"], schemes);
        Assert.NotNull(response.Headers.Date);
        using var upper = new EwsSoapClient(new Uri(fixture.Server.Url.ToString().ToUpperInvariant().Replace("HTTP://", "http://", StringComparison.Ordinal)), Alice, EwsServerFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await upper.PostAsync(body)).Status);
    }

    [Fact]
    public async Task A_request_against_the_schema_gets_the_ErrorSchemaValidation_fault()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var recorded = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedFixtures, "ews", "faults", "ex2010sp2-evo-create_folder_with_invalid_distinguished_parent_id-0-Fault-ErrorSchemaValidation-request.xml"));
        var (status, fault) = await client.PostAsync(recorded);
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("a:ErrorSchemaValidation", fault!.Descendants("faultcode").Single().Value);
        Assert.Contains("invalidparentid", fault.Descendants(T + "Violation").Single().Value, StringComparison.Ordinal);
        Assert.NotNull(fault.Descendants(T + "LineNumber").SingleOrDefault());

        var (_, order) = await client.PostAsync(Envelope($"""<m:CreateFolder><m:ParentFolderId>{Distinguished("inbox")}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>X</t:DisplayName><t:FolderClass>IPF.Note</t:FolderClass></t:Folder></m:Folders></m:CreateFolder>"""));
        Assert.Equal("ErrorSchemaValidation", order!.Descendants(E + "ResponseCode").Single().Value);
        var (_, unknown) = await client.PostAsync(Envelope("""<m:FrobnicateItem/>"""));
        Assert.Equal("a:ErrorInvalidRequest", unknown!.Descendants("faultcode").Single().Value);
        Assert.DoesNotContain(fixture.Server.Folders(Alice), f => f.Path == "Inbox/X");
    }

    [Fact]
    public async Task ServerBusy_answers_with_a_back_off_that_early_requests_prolong()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var body = Envelope($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("inbox")}</m:FolderIds></m:GetFolder>""");
        // Wide margins: the delays below may stretch on a loaded machine, and each early request must still be early.
        var backOff = TimeSpan.FromMilliseconds(2000);
        fixture.Server.ServerBusy(backOff);

        var (status, fault) = await client.PostAsync(body);
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("a:ErrorServerBusy", fault!.Descendants("faultcode").Single().Value);
        Assert.Equal("2000", fault.Descendants(T + "Value").Single(v => (string?)v.Attribute("Name") == "BackOffMilliseconds").Value);
        await Task.Delay(1500);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsync(body)).Status);
        // Past the first back-off's end, but within the one the early request started.
        await Task.Delay(1000);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsync(body)).Status);
        await Task.Delay(backOff + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(body)).Status);
        Assert.Equal([500, 500, 500, 200], fixture.Server.Requests.Select(r => r.HttpStatus));
    }

    [Fact]
    public async Task Concurrent_requests_beyond_the_limit_get_ErrorExceededConnectionCount()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        fixture.Server.MaxConcurrentRequests = 1;
        using var client = fixture.Client();
        var body = Envelope($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("inbox")}</m:FolderIds></m:GetFolder>""");
        var release = new TaskCompletionSource();
        using var slow = new StalledContent(Encoding.UTF8.GetBytes(body), release.Task);
        var first = client.SendAsync(slow);
        await slow.Started;
        var (status, fault) = await client.PostAsync(body);
        release.SetResult();
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("a:ErrorExceededConnectionCount", fault!.Descendants("faultcode").Single().Value);
        Assert.Equal(HttpStatusCode.OK, (await first).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(body)).Status);
    }

    [Fact]
    public async Task Quota_and_message_size_limits_refuse_items()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        fixture.Server.QuotaBytes = Message(1).Length * 2L + 10;
        var results = new List<string>();
        for (var i = 1; i <= 3; i++)
            results.Add(Code((await client.CallAsync(CreateItem(Distinguished("inbox"), Message(i), Flags(1))))[0]));
        Assert.Equal(["NoError", "NoError", "ErrorQuotaExceeded"], results);

        fixture.Server.QuotaBytes = null;
        fixture.Server.MaxMessageBytes = 100;
        Assert.Equal("ErrorMessageSizeExceeded", Code((await client.CallAsync(CreateItem(Distinguished("inbox"), Message(4))))[0]));
        Assert.Equal(2, fixture.Server.Items(Alice, "Inbox").Count);
    }

    [Fact]
    public async Task A_dropped_connection_gets_no_answer_and_the_next_request_works()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var body = Envelope($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("inbox")}</m:FolderIds></m:GetFolder>""");
        fixture.Server.DropConnectionOnRequest(2);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(body)).Status);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(body));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(body)).Status);
        Assert.Equal([200, 0, 200], fixture.Server.Requests.Select(r => r.HttpStatus));
    }

    [Fact]
    public async Task ExportItems_then_UploadItems_recreates_the_item_in_another_mailbox()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var admin = fixture.Client(EwsServerFixture.Admin);
        var id = fixture.Server.AddMessage(Alice, "Inbox", Message(7), isRead: true, flagged: true, categories: ["Red"], received: new DateTimeOffset(2020, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var exported = await admin.CallAsync($"""<m:ExportItems><m:ItemIds><t:ItemId Id="{id}"/><t:ItemId Id="AgAAAAAAAAAAAAAAAAAAAAAAAAAA"/></m:ItemIds></m:ExportItems>""", impersonate: Alice);
        Assert.Equal(["NoError", "ErrorItemNotFound"], exported.Select(Code));
        Assert.Equal(["ResponseCode", "ItemId", "Data"], exported[0].Elements().Select(e => e.Name.LocalName));
        var data = exported[0].Element(M + "Data")!.Value;

        var inbox = fixture.Server.Folders(Bob).Single(f => f.DistinguishedId == "inbox").FolderId;
        var uploaded = await admin.CallAsync($"""<m:UploadItems><m:Items><t:Item CreateAction="CreateNew"><t:ParentFolderId Id="{inbox}"/><t:Data>{data}</t:Data></t:Item></m:Items></m:UploadItems>""", impersonate: Bob);
        Assert.Equal("NoError", Code(uploaded[0]));
        var source = fixture.Server.Items(Alice, "Inbox").Single();
        var copy = fixture.Server.Items(Bob, "Inbox").Single();
        Assert.Equal((string)uploaded[0].Element(M + "ItemId")!.Attribute("Id")!, copy.ItemId);
        Assert.Equal(source.MimeContent, copy.MimeContent);
        Assert.Equal((source.IsRead, source.IsDraft, source.FlagStatus, source.DateTimeReceived, source.DateTimeSent, source.Subject),
            (copy.IsRead, copy.IsDraft, copy.FlagStatus, copy.DateTimeReceived, copy.DateTimeSent, copy.Subject));
        Assert.False(copy.IsDraft);
        Assert.Equal(["Red"], copy.Categories);

        var again = await admin.CallAsync($"""<m:UploadItems><m:Items><t:Item CreateAction="Update"><t:ParentFolderId Id="{inbox}"/><t:ItemId Id="{copy.ItemId}"/><t:Data>{data}</t:Data></t:Item></m:Items></m:UploadItems>""", impersonate: Bob);
        Assert.Equal(copy.ItemId, (string)again[0].Element(M + "ItemId")!.Attribute("Id")!);
        Assert.Single(fixture.Server.Items(Bob, "Inbox"));
    }

    [Fact]
    public async Task UploadItems_beyond_25_MB_of_base64_gets_HTTP_413()
    {
        await using var fixture = await EwsServerFixture.StartAsync(new EwsTestServerOptions { MaxUploadBase64Bytes = 1000 });
        using var client = fixture.Client();
        var inbox = fixture.Server.Folders(Alice).Single(f => f.DistinguishedId == "inbox").FolderId;
        var (status, _) = await client.PostAsync(Envelope($"""<m:UploadItems><m:Items><t:Item CreateAction="CreateNew"><t:ParentFolderId Id="{inbox}"/><t:Data>{Convert.ToBase64String(new byte[2000])}</t:Data></t:Item></m:Items></m:UploadItems>"""));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(fixture.Server.Items(Alice, "Inbox"));
    }

    [Fact]
    public async Task Https_with_a_test_certificate()
    {
        await using var fixture = await EwsServerFixture.StartAsync(new EwsTestServerOptions { Certificate = TestCertificate.SelfSigned("127.0.0.1") });
        Assert.Equal("https", fixture.Server.Url.Scheme);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Alice}:{EwsServerFixture.Password}")));
        using var response = await http.PostAsync(fixture.Server.Url, new StringContent(Envelope($"""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>{Distinguished("inbox")}</m:FolderIds></m:GetFolder>"""), Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> CreateAsync(EwsSoapClient client, string folder, byte[] mime, string extra = "")
    {
        var created = await client.CallAsync(CreateItem(folder, mime, extra));
        Assert.Equal("NoError", Code(created[0]));
        return (string)created[0].Descendants(T + "ItemId").Single().Attribute("Id")!;
    }
}
