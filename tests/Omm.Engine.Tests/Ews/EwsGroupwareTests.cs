using System.Xml.Linq;
using Omm.TestServers.Ews;
using static Omm.Engine.Tests.Ews.EwsGroupwareSamples;
using static Omm.Engine.Tests.Ews.EwsSamples;
using static Omm.Engine.Tests.Ews.EwsSoapClient;

namespace Omm.Engine.Tests.Ews;

/// <summary>The EWS test server keeps contacts, distribution lists, calendar items and tasks by their typed properties, as Exchange does.</summary>
public sealed class EwsGroupwareTests
{
    private const string Alice = EwsServerFixture.Alice;
    private const string SendToNone = """SendMeetingInvitations="SendToNone" """;

    [Fact]
    public async Task A_contact_is_stored_as_sent_and_shown_with_what_Exchange_derives_in_schema_order()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("contacts"), Contact);

        var contact = Item(await client.CallAsync(GetShaped(id, properties: """<t:ExtendedFieldURI PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="omm-key" PropertyType="String"/>""")));
        Assert.Equal("Contact", contact.Name.LocalName);
        Assert.Equal("IPM.Contact", contact.Element(T + "ItemClass")!.Value);
        Assert.Equal("Min Test", contact.Element(T + "DisplayName")!.Value);
        Assert.Equal(["Min", "Test", "Min Test"], contact.Element(T + "CompleteName")!.Elements().Select(e => e.Value));
        Assert.Equal("", contact.Element(T + "FileAs")!.Value);
        Assert.Equal("false", contact.Element(T + "HasPicture")!.Value);
        Assert.Equal("Met at the fair.", contact.Element(T + "Body")!.Value);
        Assert.Equal("vcard:1", contact.Element(T + "ExtendedProperty")!.Element(T + "Value")!.Value);
        AssertSchemaOrder("ContactItemType", contact);

        var stored = fixture.Server.GroupwareItems(Alice, "Contacts").Single();
        Assert.Equal("IPM.Contact", stored.ItemClass);
        Assert.Equal("Lyon", stored.Properties["PhysicalAddresses"].Descendants(T + "City").Single().Value);
        Assert.False(stored.Properties.ContainsKey("DisplayName"));
        Assert.Equal("Min Test", stored.Value("DisplayName"));
        Assert.Equal("vcard:1", stored.ExtendedProperty("c11ff724-aa03-4555-9952-8fa248a11c3e", "omm-key")!.Value);
    }

    [Fact]
    public async Task IdOnly_gives_the_id_and_what_is_asked_and_an_indexed_field_gives_one_entry()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("contacts"), Contact);

        var contact = Item(await client.CallAsync(GetShaped(id, "IdOnly", """
            <t:FieldURI FieldURI="contacts:Surname"/><t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress2"/>
            <t:IndexedFieldURI FieldURI="contacts:PhysicalAddress:City" FieldIndex="Business"/>
            """)));
        Assert.Equal(["ItemId", "EmailAddresses", "PhysicalAddresses", "Surname"], contact.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("min.test@example.org", contact.Element(T + "EmailAddresses")!.Elements().Single().Value);
        Assert.Equal(["City"], contact.Element(T + "PhysicalAddresses")!.Elements().Single().Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task UpdateItem_sets_and_deletes_plain_and_indexed_fields_with_a_new_ChangeKey_each_time()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("contacts"), Contact);
        var first = fixture.Server.GroupwareItem(Alice, id).ChangeKey;

        var updated = await client.CallAsync(UpdateItem(ItemIdOf(id), """
            <t:SetItemField><t:FieldURI FieldURI="contacts:JobTitle"/><t:Contact><t:JobTitle>Buyer</t:JobTitle></t:Contact></t:SetItemField>
            <t:SetItemField><t:IndexedFieldURI FieldURI="contacts:PhoneNumber" FieldIndex="BusinessPhone"/><t:Contact><t:PhoneNumbers><t:Entry Key="BusinessPhone">+33 4 00 00 00 02</t:Entry></t:PhoneNumbers></t:Contact></t:SetItemField>
            <t:SetItemField><t:IndexedFieldURI FieldURI="contacts:PhysicalAddress:State" FieldIndex="Business"/><t:Contact><t:PhysicalAddresses><t:Entry Key="Business"><t:State>Rhône</t:State></t:Entry></t:PhysicalAddresses></t:Contact></t:SetItemField>
            <t:DeleteItemField><t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress2"/></t:DeleteItemField>
            <t:DeleteItemField><t:IndexedFieldURI FieldURI="contacts:PhysicalAddress:Street" FieldIndex="Business"/></t:DeleteItemField>
            <t:DeleteItemField><t:FieldURI FieldURI="contacts:CompanyName"/></t:DeleteItemField>
            """));
        Assert.Equal("NoError", Code(updated[0]));
        var second = (string)updated[0].Descendants(T + "ItemId").Single().Attribute("ChangeKey")!;
        Assert.NotEqual(first, second);

        var contact = fixture.Server.GroupwareItem(Alice, id);
        Assert.Equal(second, contact.ChangeKey);
        Assert.Equal("Buyer", contact.Value("JobTitle"));
        Assert.Equal(["MobilePhone", "BusinessPhone"], contact.Properties["PhoneNumbers"].Elements().Select(e => (string)e.Attribute("Key")!));
        Assert.Equal(["City", "State", "PostalCode"], contact.Properties["PhysicalAddresses"].Elements().Single().Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["EmailAddress1"], contact.Properties["EmailAddresses"].Elements().Select(e => (string)e.Attribute("Key")!));
        Assert.Null(contact.Field("CompanyName"));
        AssertSchemaOrder("ContactItemType", Item(await client.CallAsync(GetShaped(id))));

        var stale = await client.CallAsync($"""<m:UpdateItem ConflictResolution="NeverOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{first}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="contacts:JobTitle"/><t:Contact><t:JobTitle>Chief</t:JobTitle></t:Contact></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.Equal("ErrorIrresolvableConflict", Code(stale[0]));
        var readOnly = await client.CallAsync(UpdateItem(ItemIdOf(id), """<t:SetItemField><t:FieldURI FieldURI="contacts:HasPicture"/><t:Contact><t:HasPicture>true</t:HasPicture></t:Contact></t:SetItemField>"""));
        Assert.Equal("ErrorInvalidPropertySet", Code(readOnly[0]));
        Assert.Equal("Buyer", fixture.Server.GroupwareItem(Alice, id).Value("JobTitle"));

        Assert.Equal("NoError", Code((await client.CallAsync(DeleteItem(ItemIdOf(id))))[0]));
        Assert.Empty(fixture.Server.GroupwareItems(Alice, "Contacts"));
    }

    [Fact]
    public async Task Lists_and_tasks_are_kept_with_their_defaults()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var list = await CreateAsync(client, Distinguished("contacts"), """
            <t:DistributionList><t:DisplayName>Team</t:DisplayName><t:Members><t:Member><t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>bob@example.com</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>OneOff</t:MailboxType></t:Mailbox></t:Member></t:Members></t:DistributionList>
            """);
        var task = await CreateAsync(client, Distinguished("tasks"), """<t:Task><t:Subject>File taxes</t:Subject><t:DueDate>2026-04-15T00:00:00Z</t:DueDate></t:Task>""");

        var shownList = Item(await client.CallAsync(GetShaped(list)));
        Assert.Equal("DistributionList", shownList.Name.LocalName);
        Assert.Equal("IPM.DistList", shownList.Element(T + "ItemClass")!.Value);
        Assert.Equal("Team", shownList.Element(T + "Subject")!.Value);
        Assert.Equal("bob@example.com", shownList.Element(T + "Members")!.Descendants(T + "EmailAddress").Single().Value);
        AssertSchemaOrder("DistributionListType", shownList);

        var shownTask = Item(await client.CallAsync(GetShaped(task, "Default")));
        Assert.Equal("IPM.Task", fixture.Server.GroupwareItem(Alice, task).ItemClass);
        Assert.Equal("NotStarted", shownTask.Element(T + "Status")!.Value);
        Assert.Equal("0", shownTask.Element(T + "PercentComplete")!.Value);
        Assert.Equal("false", shownTask.Element(T + "IsComplete")!.Value);
        AssertSchemaOrder("TaskType", shownTask);

        await client.CallAsync(UpdateItem(ItemIdOf(task), """<t:SetItemField><t:FieldURI FieldURI="task:Status"/><t:Task><t:Status>Completed</t:Status></t:Task></t:SetItemField>"""));
        Assert.Equal("true", fixture.Server.GroupwareItem(Alice, task).Value("IsComplete"));
    }

    [Fact]
    public async Task Calendar_requests_need_their_send_modes_and_the_log_tells_whether_anything_was_sent()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var missing = await client.CallAsync(CreateGroupware(Distinguished("calendar"), Meeting("Review", Attendees("bob@example.com"))));
        Assert.Equal("ErrorSendMeetingInvitationsRequired", Code(missing[0]));
        Assert.Empty(fixture.Server.GroupwareItems(Alice, "Calendar"));

        var quiet = await CreateAsync(client, Distinguished("calendar"), Meeting("Review", Attendees("bob@example.com")), SendToNone);
        var update = UpdateItem(ItemIdOf(quiet), """<t:SetItemField><t:FieldURI FieldURI="calendar:Location"/><t:CalendarItem><t:Location>Room 2</t:Location></t:CalendarItem></t:SetItemField>""");
        Assert.Equal("ErrorSendMeetingInvitationsOrCancellationsRequired", Code((await client.CallAsync(update))[0]));
        Assert.Equal("NoError", Code((await client.CallAsync(update.Replace("AlwaysOverwrite\"", "AlwaysOverwrite\" SendMeetingInvitationsOrCancellations=\"SendToNone\"", StringComparison.Ordinal)))[0]));
        Assert.Equal("ErrorSendMeetingCancellationsRequired", Code((await client.CallAsync(DeleteItem(ItemIdOf(quiet))))[0]));
        Assert.Equal("NoError", Code((await client.CallAsync(DeleteItem(ItemIdOf(quiet), """SendMeetingCancellations="SendToNone" """)))[0]));
        Assert.False(fixture.Server.InvitationsSent);
        Assert.Equal(
            ["CreateItem SendMeetingInvitations SendToNone", "UpdateItem SendMeetingInvitationsOrCancellations SendToNone", "DeleteItem SendMeetingCancellations SendToNone"],
            fixture.Server.MeetingSendModes.Select(m => $"{m.Operation} {m.Attribute} {m.Mode}"));

        var alone = await CreateAsync(client, Distinguished("calendar"), Meeting("Dentist"), """SendMeetingInvitations="SendToAllAndSaveCopy" """);
        Assert.False(fixture.Server.InvitationsSent);
        var shown = Item(await client.CallAsync(GetShaped(alone)));
        Assert.Equal("false", shown.Element(T + "IsMeeting")!.Value);
        Assert.Equal(Alice, shown.Element(T + "Organizer")!.Descendants(T + "EmailAddress").Single().Value);
        Assert.False(string.IsNullOrEmpty(shown.Element(T + "UID")!.Value));
        Assert.Equal("PT1H", shown.Element(T + "Duration")!.Value);
        AssertSchemaOrder("CalendarItemType", shown);

        await CreateAsync(client, Distinguished("calendar"), Meeting("Review", Attendees("bob@example.com")), """SendMeetingInvitations="SendOnlyToAll" """);
        Assert.True(fixture.Server.InvitationsSent);
        Assert.True(fixture.Server.GroupwareItems(Alice, "Calendar").Single(i => i.Value("Subject") == "Review").Value("MeetingRequestWasSent") == "true");
    }

    [Fact]
    public async Task A_weekly_series_keeps_its_wall_clock_time_across_DST_and_its_occurrences_change_and_go()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var master = await CreateAsync(client, Distinguished("calendar"), WeeklySeries, SendToNone);
        var updateMode = """SendMeetingInvitationsOrCancellations="SendToNone" """;

        var series = Item(await client.CallAsync(GetShaped(master)));
        Assert.Equal("RecurringMaster", series.Element(T + "CalendarItemType")!.Value);
        Assert.Equal("2026-03-19T09:00:00Z", series.Element(T + "FirstOccurrence")!.Element(T + "Start")!.Value);
        Assert.Equal("2026-04-09T08:00:00Z", series.Element(T + "LastOccurrence")!.Element(T + "Start")!.Value);

        var moved = await client.CallAsync(UpdateItem(Occurrence(master, 3), """
            <t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>Standup (moved)</t:Subject></t:CalendarItem></t:SetItemField>
            <t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-04-02T09:00:00Z</t:Start></t:CalendarItem></t:SetItemField>
            <t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2026-04-02T09:30:00Z</t:End></t:CalendarItem></t:SetItemField>
            """, updateMode));
        Assert.Equal("NoError", Code(moved[0]));
        var exceptionId = (string)moved[0].Descendants(T + "ItemId").Single().Attribute("Id")!;
        Assert.NotEqual(master, exceptionId);
        Assert.Equal("NoError", Code((await client.CallAsync(DeleteItem(Occurrence(master, 2), """SendMeetingCancellations="SendToNone" """)))[0]));

        series = Item(await client.CallAsync(GetShaped(master)));
        var modified = series.Element(T + "ModifiedOccurrences")!.Elements().Single();
        Assert.Equal(exceptionId, (string)modified.Element(T + "ItemId")!.Attribute("Id")!);
        Assert.Equal("2026-04-02T09:00:00Z", modified.Element(T + "Start")!.Value);
        Assert.Equal("2026-04-02T08:00:00Z", modified.Element(T + "OriginalStart")!.Value);
        Assert.Equal("2026-03-26T09:00:00Z", series.Element(T + "DeletedOccurrences")!.Elements().Single().Element(T + "Start")!.Value);
        AssertSchemaOrder("CalendarItemType", series);

        var exception = Item(await client.CallAsync(GetShaped(exceptionId)));
        Assert.Equal("Exception", exception.Element(T + "CalendarItemType")!.Value);
        Assert.Equal("Standup (moved)", exception.Element(T + "Subject")!.Value);
        Assert.Equal("2026-04-02T08:00:00Z", exception.Element(T + "OriginalStart")!.Value);
        Assert.Equal(series.Element(T + "UID")!.Value, exception.Element(T + "UID")!.Value);
        Assert.Null(exception.Element(T + "Recurrence"));
        Assert.Equal(exceptionId, (string)Item(await client.CallAsync(GetShaped("", idElement: Occurrence(master, 3)))).Element(T + "ItemId")!.Attribute("Id")!);

        var fourth = Item(await client.CallAsync(GetShaped("", idElement: Occurrence(master, 4))));
        Assert.Equal("Occurrence", fourth.Element(T + "CalendarItemType")!.Value);
        Assert.Equal("2026-04-09T08:00:00Z", fourth.Element(T + "Start")!.Value);
        Assert.Equal("Standup", fourth.Element(T + "Subject")!.Value);
        var deleted = await client.CallAsync(GetShaped("", idElement: Occurrence(master, 2)));
        Assert.Equal("ErrorCalendarOccurrenceIsDeletedFromRecurrence", Code(deleted[0]));
        var beyond = await client.CallAsync(GetShaped("", idElement: Occurrence(master, 5)));
        Assert.Equal("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange", Code(beyond[0]));

        var stored = fixture.Server.GroupwareItem(Alice, master);
        Assert.Equal([DateTimeOffset.Parse("2026-03-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)], stored.DeletedOccurrences);
        Assert.Equal("Standup (moved)", stored.Exceptions.Single().Value("Subject"));

        Assert.Equal("NoError", Code((await client.CallAsync(DeleteItem(ItemIdOf(master), """SendMeetingCancellations="SendToNone" """)))[0]));
        Assert.Equal("ErrorItemNotFound", Code((await client.CallAsync(GetShaped(exceptionId)))[0]));
        Assert.False(fixture.Server.InvitationsSent);
    }

    [Fact]
    public async Task A_CalendarView_expands_series_with_their_exceptions_and_without_deleted_occurrences()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        var master = fixture.Server.AddGroupwareItem(Alice, "Calendar", XElement.Parse($"<t:CalendarItem xmlns:t=\"{T}\">" + WeeklySeries[(WeeklySeries.IndexOf('>') + 1)..]));
        fixture.Server.ModifyOccurrence(Alice, master, 3, new XElement(T + "Start", "2026-04-02T09:00:00Z"), new XElement(T + "End", "2026-04-02T09:30:00Z"));
        fixture.Server.DeleteOccurrence(Alice, master, 2);
        using var client = fixture.Client();
        await CreateAsync(client, Distinguished("calendar"), Meeting("Review"), SendToNone);

        var found = await client.CallAsync($"""<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape><m:CalendarView StartDate="2026-03-01T00:00:00Z" EndDate="2026-05-05T00:00:00Z"/><m:ParentFolderIds>{Distinguished("calendar")}</m:ParentFolderIds></m:FindItem>""");
        Assert.Equal(
            ["2026-03-19T09:00:00Z Occurrence", "2026-04-02T09:00:00Z Exception", "2026-04-09T08:00:00Z Occurrence", "2026-05-04T09:00:00Z Single"],
            found[0].Descendants(T + "CalendarItem").Select(c => $"{c.Element(T + "Start")!.Value} {c.Element(T + "CalendarItemType")!.Value}"));
    }

    [Theory]
    [InlineData("<t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2026-01-05</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>", "2026-01-05", "2026-01-09")]
    [InlineData("<t:WeeklyRecurrence><t:Interval>2</t:Interval><t:DaysOfWeek>Monday Friday</t:DaysOfWeek></t:WeeklyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2026-01-07</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>", "2026-01-09", "2026-01-23")]
    [InlineData("<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>", "<t:EndDateRecurrence><t:StartDate>2026-01-01</t:StartDate><t:EndDate>2026-04-30</t:EndDate></t:EndDateRecurrence>", "2026-01-31", "2026-04-30")]
    [InlineData("<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2026-01-01</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence>", "2026-01-27", "2026-02-24")]
    [InlineData("<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2026-02-01</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence>", "2026-02-02", "2026-03-02")]
    [InlineData("<t:AbsoluteYearlyRecurrence><t:DayOfMonth>29</t:DayOfMonth><t:Month>February</t:Month></t:AbsoluteYearlyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2027-01-01</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence>", "2027-02-28", "2028-02-29")]
    [InlineData("<t:RelativeYearlyRecurrence><t:DaysOfWeek>Thursday</t:DaysOfWeek><t:DayOfWeekIndex>Fourth</t:DayOfWeekIndex><t:Month>November</t:Month></t:RelativeYearlyRecurrence>", "<t:NumberedRecurrence><t:StartDate>2026-01-01</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence>", "2026-11-26", "2027-11-25")]
    [InlineData("<t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>", "<t:NoEndRecurrence><t:StartDate>2026-01-05</t:StartDate></t:NoEndRecurrence>", "2026-01-05", null)]
    public async Task Each_pattern_and_range_gives_its_first_and_last_occurrence(string pattern, string range, string first, string? last)
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("calendar"), $"""
            <t:CalendarItem><t:Subject>Series</t:Subject><t:Start>{first}T07:00:00Z</t:Start><t:End>{first}T08:00:00Z</t:End><t:Recurrence>{pattern}{range}</t:Recurrence></t:CalendarItem>
            """, SendToNone);

        var series = Item(await client.CallAsync(GetShaped(id, "IdOnly", """<t:FieldURI FieldURI="calendar:FirstOccurrence"/><t:FieldURI FieldURI="calendar:LastOccurrence"/>""")));
        Assert.Equal($"{first}T07:00:00Z", series.Element(T + "FirstOccurrence")!.Element(T + "Start")!.Value);
        Assert.Equal(last == null ? null : $"{last}T07:00:00Z", series.Element(T + "LastOccurrence")?.Element(T + "Start")!.Value);
    }

    [Fact]
    public async Task A_contact_photo_goes_up_and_comes_back_and_the_contact_has_a_picture()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var id = await CreateAsync(client, Distinguished("contacts"), Contact);
        var photo = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        var created = await client.CallAsync($"""<m:CreateAttachment><m:ParentItemId Id="{id}"/><m:Attachments><t:FileAttachment><t:Name>ContactPicture.jpg</t:Name><t:ContentType>image/jpeg</t:ContentType><t:IsContactPhoto>true</t:IsContactPhoto><t:Content>{Convert.ToBase64String(photo)}</t:Content></t:FileAttachment></m:Attachments></m:CreateAttachment>""");
        Assert.Equal("NoError", Code(created[0]));
        var attachmentId = created[0].Descendants(T + "AttachmentId").Single();
        Assert.Equal(id, (string)attachmentId.Attribute("RootItemId")!);
        Assert.Equal(fixture.Server.GroupwareItem(Alice, id).ChangeKey, (string)attachmentId.Attribute("RootItemChangeKey")!);

        var contact = Item(await client.CallAsync(GetShaped(id, "IdOnly", """<t:FieldURI FieldURI="item:Attachments"/><t:FieldURI FieldURI="item:HasAttachments"/><t:FieldURI FieldURI="contacts:HasPicture"/>""")));
        Assert.Equal("true", contact.Element(T + "HasPicture")!.Value);
        var listed = contact.Element(T + "Attachments")!.Element(T + "FileAttachment")!;
        Assert.Equal((string)attachmentId.Attribute("Id")!, (string)listed.Element(T + "AttachmentId")!.Attribute("Id")!);
        Assert.Equal("true", listed.Element(T + "IsContactPhoto")!.Value);

        var got = await client.CallAsync($"""<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="{(string)attachmentId.Attribute("Id")!}"/></m:AttachmentIds></m:GetAttachment>""");
        Assert.Equal("NoError", Code(got[0]));
        Assert.Equal(photo, Convert.FromBase64String(got[0].Descendants(T + "Content").Single().Value));
        Assert.Equal(photo, fixture.Server.GroupwareItem(Alice, id).Attachments.Single().Content);
    }

    [Fact]
    public async Task FindItem_and_SyncFolderItems_list_groupware_items_in_their_folders()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var client = fixture.Client();
        var folder = (string)(await client.CallAsync("""<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId><m:Folders><t:Folder><t:FolderClass>IPF.Contact</t:FolderClass><t:DisplayName>Suppliers</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>"""))[0].Descendants(T + "FolderId").Single().Attribute("Id")!;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await CreateAsync(client, FolderId(folder), Contact.Replace("vcard:1", $"vcard:{i}", StringComparison.Ordinal)));
        var key = """<t:ExtendedFieldURI PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="omm-key" PropertyType="String"/>""";

        var found = await client.CallAsync($"""<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:ItemClass"/>{key}</t:AdditionalProperties></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="2" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds>{FolderId(folder)}</m:ParentFolderIds></m:FindItem>""");
        var page = found[0].Element(M + "RootFolder")!;
        Assert.Equal("3", (string)page.Attribute("TotalItemsInView")!);
        Assert.All(page.Descendants(T + "Contact"), c => Assert.Equal(["ItemId", "ItemClass", "ExtendedProperty"], c.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(2, page.Descendants(T + "Contact").Count());

        var synced = await client.CallAsync(Sync(FolderId(folder), null));
        Assert.Equal(ids.Order(), synced[0].Descendants(T + "Create").Select(c => (string)c.Element(T + "Contact")!.Element(T + "ItemId")!.Attribute("Id")!).Order());
        var state = synced[0].Element(M + "SyncState")!.Value;
        fixture.Server.SetItemProperty(Alice, ids[1], new XElement(T + "JobTitle", "Buyer"));
        var again = await client.CallAsync(Sync(FolderId(folder), state));
        Assert.Equal(ids[1], (string)again[0].Descendants(T + "Update").Single().Descendants(T + "ItemId").Single().Attribute("Id")!);
    }

    [Fact]
    public async Task Tests_seed_items_and_change_occurrences_as_a_user_would()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        var server = fixture.Server;
        var master = server.AddGroupwareItem(Alice, "Calendar", XElement.Parse($"<t:CalendarItem xmlns:t=\"{T}\">" + WeeklySeries[(WeeklySeries.IndexOf('>') + 1)..]));
        var before = server.GroupwareItem(Alice, master).ChangeKey;
        var exception = server.ModifyOccurrence(Alice, master, 2, new XElement(T + "Location", "Room 9"));
        server.DeleteOccurrence(Alice, master, 4);
        var contact = server.AddGroupwareItem(Alice, "Customers", new XElement(T + "Contact", new XElement(T + "GivenName", "Ann")));

        var series = server.GroupwareItem(Alice, master);
        Assert.NotEqual(before, series.ChangeKey);
        Assert.Equal("Room 9", series.Exceptions.Single().Value("Location"));
        Assert.Equal(exception, series.Exceptions.Single().ItemId);
        Assert.Equal("2026-04-09T08:00:00Z", EwsXmlDate(series.DeletedOccurrences.Single()));
        Assert.Equal("IPF.Contact", server.Folders(Alice).Single(f => f.Path == "Customers").FolderClass);
        Assert.Equal("Ann", server.GroupwareItem(Alice, contact).Value("DisplayName"));
        Assert.Empty(server.MeetingSendModes);

        using var client = fixture.Client();
        var shown = Item(await client.CallAsync(GetShaped(master)));
        Assert.Equal("2026-03-19T09:00:00Z", shown.Element(T + "FirstOccurrence")!.Element(T + "Start")!.Value);
        Assert.Equal("2026-04-02T08:00:00Z", shown.Element(T + "LastOccurrence")!.Element(T + "Start")!.Value);
    }

    private static string EwsXmlDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The item's children follow its types.xsd sequence (the schema check proves little here: every child is optional in any order the sequence allows).</summary>
    private static void AssertSchemaOrder(string type, XElement item)
    {
        var order = SchemaOrder.Of(type);
        var positions = item.Elements().Select(e => order.IndexOf(e.Name.LocalName)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
