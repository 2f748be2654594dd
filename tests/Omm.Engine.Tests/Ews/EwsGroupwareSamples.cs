using System.Xml.Linq;
using static Omm.Engine.Tests.Ews.EwsSoapClient;

namespace Omm.Engine.Tests.Ews;

/// <summary>Requests for contacts, lists, calendar items and tasks that the EWS test server's groupware tests send.</summary>
internal static class EwsGroupwareSamples
{
    public const string Contact = """
        <t:Contact><t:Subject>Min Test</t:Subject><t:Body BodyType="Text">Met at the fair.</t:Body>
        <t:ExtendedProperty><t:ExtendedFieldURI PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="omm-key" PropertyType="String"/><t:Value>vcard:1</t:Value></t:ExtendedProperty>
        <t:GivenName>Min</t:GivenName><t:CompanyName>Example Ltd</t:CompanyName>
        <t:EmailAddresses><t:Entry Key="EmailAddress1">min@example.net</t:Entry><t:Entry Key="EmailAddress2">min.test@example.org</t:Entry></t:EmailAddresses>
        <t:PhysicalAddresses><t:Entry Key="Business"><t:Street>1 Main St</t:Street><t:City>Lyon</t:City><t:PostalCode>69001</t:PostalCode></t:Entry></t:PhysicalAddresses>
        <t:PhoneNumbers><t:Entry Key="MobilePhone">+33 6 00 00 00 01</t:Entry></t:PhoneNumbers>
        <t:Surname>Test</t:Surname></t:Contact>
        """;

    public static string CreateGroupware(string folder, string items, string attributes = "") =>
        $"""<m:CreateItem {attributes}><m:SavedItemFolderId>{folder}</m:SavedItemFolderId><m:Items>{items}</m:Items></m:CreateItem>""";

    public static string GetShaped(string id, string baseShape = "AllProperties", string properties = "", string idElement = "") =>
        $"""<m:GetItem><m:ItemShape><t:BaseShape>{baseShape}</t:BaseShape>{(properties.Length == 0 ? "" : $"<t:AdditionalProperties>{properties}</t:AdditionalProperties>")}</m:ItemShape><m:ItemIds>{(idElement.Length > 0 ? idElement : $"""<t:ItemId Id="{id}"/>""")}</m:ItemIds></m:GetItem>""";

    public static string Occurrence(string masterId, int index) => $"""<t:OccurrenceItemId RecurringMasterId="{masterId}" InstanceIndex="{index}"/>""";

    public static string UpdateItem(string idElement, string updates, string attributes = "") =>
        $"""<m:UpdateItem ConflictResolution="AlwaysOverwrite" {attributes}><m:ItemChanges><t:ItemChange>{idElement}<t:Updates>{updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""";

    public static string DeleteItem(string idElement, string attributes = "") =>
        $"""<m:DeleteItem DeleteType="HardDelete" {attributes}><m:ItemIds>{idElement}</m:ItemIds></m:DeleteItem>""";

    public static string ItemIdOf(string id) => $"""<t:ItemId Id="{id}"/>""";

    /// <summary>A weekly series on Thursdays at 10:00 in Paris time, four times from 19 March 2026: across the change to summer time on 29 March.</summary>
    public const string WeeklySeries = """
        <t:CalendarItem><t:Subject>Standup</t:Subject>
        <t:Start>2026-03-19T10:00:00</t:Start><t:End>2026-03-19T10:30:00</t:End><t:Location>Room 1</t:Location>
        <t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Thursday</t:DaysOfWeek></t:WeeklyRecurrence>
        <t:NumberedRecurrence><t:StartDate>2026-03-19</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>
        <t:StartTimeZone Id="W. Europe Standard Time"/></t:CalendarItem>
        """;

    public static string Attendees(string address) =>
        $"""<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>{address}</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>""";

    public static string Meeting(string subject, string attendees = "") =>
        $"""<t:CalendarItem><t:Subject>{subject}</t:Subject><t:Start>2026-05-04T09:00:00Z</t:Start><t:End>2026-05-04T10:00:00Z</t:End>{attendees}</t:CalendarItem>""";

    public static async Task<string> CreateAsync(EwsSoapClient client, string folder, string items, string attributes = "")
    {
        var created = await client.CallAsync(CreateGroupware(folder, items, attributes));
        Assert.True(Code(created[0]) == "NoError", created[0].ToString());
        return (string)created[0].Descendants(T + "ItemId").Single().Attribute("Id")!;
    }

    /// <summary>The single item of a GetItem's first response message.</summary>
    public static XElement Item(List<XElement> messages)
    {
        Assert.True(Code(messages[0]) == "NoError", messages[0].ToString());
        return messages[0].Element(M + "Items")!.Elements().Single();
    }
}
