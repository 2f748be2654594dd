using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// Writes a contact, distribution list, calendar item or task: the fields the shape asks for, in the order of its
/// types.xsd sequence (ContactItemType, DistributionListType, CalendarItemType, TaskType after ItemType). IdOnly gives
/// the ItemId and what AdditionalProperties name; Default adds a common set; AllProperties gives every field it has.
/// An IndexedFieldURI (contacts:EmailAddress with FieldIndex EmailAddress1...) gives only that entry of its dictionary.
/// </summary>
internal static class GroupwareItemXmlWriter
{
    private static readonly string[] DefaultCommon = ["Subject", "Sensitivity", "DateTimeReceived", "Size", "Importance", "IsDraft", "DateTimeSent", "DateTimeCreated", "HasAttachments"];

    private static readonly Dictionary<string, string[]> DefaultByKind = new(StringComparer.Ordinal)
    {
        ["Contact"] = ["FileAs", "DisplayName", "GivenName", "Surname", "CompanyName", "EmailAddresses", "PhysicalAddresses", "PhoneNumbers", "JobTitle"],
        ["DistributionList"] = ["DisplayName", "FileAs"],
        ["CalendarItem"] = ["UID", "Start", "End", "IsAllDayEvent", "LegacyFreeBusyStatus", "Location", "IsMeeting", "IsRecurring", "CalendarItemType", "MyResponseType", "Organizer", "Duration"],
        ["Task"] = ["DueDate", "IsComplete", "PercentComplete", "StartDate", "Status"],
    };

    /// <summary>The dictionary an IndexedFieldURI reaches into, by the FieldURI's name (contacts:PhysicalAddress:Street → PhysicalAddress).</summary>
    private static readonly Dictionary<string, string> Dictionaries = new(StringComparer.Ordinal)
    {
        ["EmailAddress"] = "EmailAddresses",
        ["PhoneNumber"] = "PhoneNumbers",
        ["ImAddress"] = "ImAddresses",
        ["PhysicalAddress"] = "PhysicalAddresses",
    };

    public static string TypeName(string element) => element switch
    {
        "Contact" => "ContactItemType",
        "DistributionList" => "DistributionListType",
        "CalendarItem" => "CalendarItemType",
        "Task" => "TaskType",
        _ => throw new ArgumentException($"{element} is not a groupware item.", nameof(element)),
    };

    /// <summary>The element name a FieldURI ("contacts:GivenName", "item:Subject") stands for.</summary>
    public static string LocalName(string fieldUri) => fieldUri[(fieldUri.IndexOf(':') + 1)..];

    /// <summary>The dictionary element and, for a physical address, the entry's child an IndexedFieldURI names.</summary>
    public static (string? Dictionary, string? Part) Indexed(string fieldUri)
    {
        var parts = LocalName(fieldUri).Split(':');
        return (Dictionaries.GetValueOrDefault(parts[0]), parts.Length > 1 ? parts[1] : null);
    }

    public static void Write(EwsResponseWriter writer, EwsItemSnapshot item, ItemShape shape)
    {
        var groupware = item.Groupware!;
        var wanted = Wanted(groupware, shape);
        writer.StartT(groupware.ElementName);
        foreach (var name in SchemaSequence.Of(TypeName(groupware.ElementName)))
        {
            switch (name)
            {
                case "MimeContent":
                    continue;
                case "ItemId":
                    writer.Id("ItemId", item.ItemId, item.ChangeKey);
                    continue;
                case "ExtendedProperty":
                    ItemXmlWriter.WriteExtended(writer, item, shape);
                    continue;
            }

            if (!groupware.Fields.TryGetValue(name, out var field))
                continue;
            if (wanted.Contains(name))
                field.WriteTo(writer.Xml);
            else if (IndexedPart(field, shape) is { } part)
                part.WriteTo(writer.Xml);
        }

        writer.End();
    }

    private static HashSet<string> Wanted(EwsGroupwareItemSnapshot item, ItemShape shape)
    {
        var wanted = shape.Fields.Select(LocalName).ToHashSet(StringComparer.Ordinal);
        if (shape.BaseShape == "AllProperties")
            wanted.UnionWith(item.Fields.Keys);
        else if (shape.BaseShape == "Default")
            wanted.UnionWith(DefaultCommon.Concat(DefaultByKind.GetValueOrDefault(item.ElementName) ?? []));
        return wanted;
    }

    /// <summary>The entries of a dictionary field that IndexedFieldURIs ask for (a physical address with only the parts asked), or null.</summary>
    private static XElement? IndexedPart(XElement dictionary, ItemShape shape)
    {
        var asked = shape.Indexed
            .Select(i => (Path: Indexed(i.FieldUri), i.FieldIndex))
            .Where(i => i.Path.Dictionary == dictionary.Name.LocalName)
            .ToList();
        if (asked.Count == 0)
            return null;
        var entries = new List<XElement>();
        foreach (var entry in dictionary.Elements())
        {
            var key = (string?)entry.Attribute("Key");
            var forEntry = asked.Where(a => a.FieldIndex == key).ToList();
            if (forEntry.Count == 0)
                continue;
            if (forEntry.Any(a => a.Path.Part == null))
            {
                entries.Add(new XElement(entry));
                continue;
            }

            var parts = entry.Elements().Where(e => forEntry.Any(a => a.Path.Part == e.Name.LocalName)).Select(e => new XElement(e)).ToList();
            if (parts.Count > 0)
                entries.Add(new XElement(entry.Name, entry.Attributes(), parts));
        }

        return entries.Count == 0 ? null : new XElement(dictionary.Name, entries);
    }
}
