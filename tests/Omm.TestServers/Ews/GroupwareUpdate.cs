using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// UpdateItem's changes to a contact, distribution list, calendar item or task: SetItemField, AppendToItemField and
/// DeleteItemField on any field of its type (by FieldURI), on one entry of a dictionary (IndexedFieldURI
/// contacts:EmailAddress, contacts:PhoneNumber, contacts:ImAddress, contacts:PhysicalAddress:Street... with FieldIndex)
/// and on extended properties. Read-only fields are ErrorInvalidPropertySet; only Body, attendees and members take an
/// append. Changing a master's Recurrence, Start or End drops its exceptions and deleted occurrences, as Outlook does.
/// Call under the lock.
/// </summary>
internal static class GroupwareUpdate
{
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
    {
        "ItemId", "ParentFolderId", "DateTimeReceived", "Size", "IsSubmitted", "IsDraft", "IsFromMe", "IsResend", "IsUnmodified",
        "DateTimeSent", "DateTimeCreated", "HasAttachments", "Attachments", "DisplayTo", "DisplayCc", "EffectiveRights",
        "LastModifiedName", "LastModifiedTime", "IsAssociated", "ConversationId", "IsRecurring", "CalendarItemType",
        "FirstOccurrence", "LastOccurrence", "ModifiedOccurrences", "DeletedOccurrences", "OriginalStart", "IsMeeting",
        "MeetingRequestWasSent", "Duration", "CompleteName", "HasPicture", "IsComplete",
    };

    private static readonly HashSet<string> Appendable = new(StringComparer.Ordinal) { "Body", "RequiredAttendees", "OptionalAttendees", "Resources", "Members" };

    private static readonly HashSet<string> SeriesShaping = new(StringComparer.Ordinal) { "Recurrence", "Start", "End", "StartTimeZone", "StartTimeZoneId" };

    public static ResponseError? Apply(EwsItem item, XElement? updates)
    {
        var type = GroupwareItemXmlWriter.TypeName(item.Kind!);
        foreach (var update in updates?.Elements() ?? [])
        {
            var path = update.Elements().First();
            var source = update.Elements().Skip(1).FirstOrDefault();
            var error = path.Name.LocalName switch
            {
                "ExtendedFieldURI" => Extended(item, update.Name.LocalName, path, source),
                "IndexedFieldURI" => Indexed(item, update.Name.LocalName, path, source),
                _ => Field(item, type, update.Name.LocalName, GroupwareItemXmlWriter.LocalName((string)path.Attribute("FieldURI")!), source),
            };
            if (error != null)
                return error;
        }

        return null;
    }

    private static ResponseError? Extended(EwsItem item, string change, XElement path, XElement? source)
    {
        if (change == "DeleteItemField")
        {
            if (ExtendedPropertyKey.FromUri(path) is { } key)
                item.Extended.Remove(key);
            return null;
        }

        return change == "SetItemField" && source != null ? ItemPropertyWriter.Apply(item, source, creating: false, out _) : ResponseError.InvalidPropertyAppend;
    }

    private static ResponseError? Field(EwsItem item, string type, string change, string name, XElement? source)
    {
        if (SchemaSequence.IndexOf(type, name) < 0 || ReadOnly.Contains(name) || (name == "Recurrence" && item.Master != null))
            return ResponseError.InvalidPropertySet;
        var properties = item.Properties!;
        if (item.Master == null && SeriesShaping.Contains(name))
        {
            item.Exceptions.Clear();
            item.DeletedOccurrences.Clear();
        }

        switch (change)
        {
            case "SetItemField":
            {
                var value = source?.T(name);
                if (value == null)
                    return ResponseError.InvalidPropertySet;
                return ItemPropertyWriter.Apply(item, new XElement(source!.Name, value), creating: false, out _);
            }

            case "AppendToItemField":
            {
                var value = source?.T(name);
                if (value == null || !Appendable.Contains(name))
                    return ResponseError.InvalidPropertyAppend;
                if (!properties.TryGetValue(name, out var existing))
                    properties[name] = EwsXml.Detached(value);
                else if (name == "Body")
                    existing.Value += value.Value;
                else
                    existing.Add(value.Elements().Select(EwsXml.Detached));
                return null;
            }

            default:
                switch (name)
                {
                    case "Subject":
                        item.Subject = null;
                        break;
                    case "Categories":
                        item.Categories = [];
                        break;
                    case "Sensitivity":
                        item.Sensitivity = "Normal";
                        break;
                    case "Importance":
                        item.Importance = "Normal";
                        break;
                    case "Start" or "End" or "UID" or "ItemClass":
                        return ResponseError.InvalidPropertyDelete;
                    default:
                        properties.Remove(name);
                        break;
                }

                return null;
        }
    }

    /// <summary>One entry of EmailAddresses, PhoneNumbers, ImAddresses or PhysicalAddresses, or one part of a physical address.</summary>
    private static ResponseError? Indexed(EwsItem item, string change, XElement path, XElement? source)
    {
        var (dictionaryName, part) = GroupwareItemXmlWriter.Indexed((string)path.Attribute("FieldURI")!);
        var key = ((string?)path.Attribute("FieldIndex"))?.Trim();
        if (dictionaryName == null || item.Kind != "Contact")
            return ResponseError.InvalidPropertySet;
        var properties = item.Properties!;
        var dictionary = properties.GetValueOrDefault(dictionaryName);
        var entry = dictionary?.Elements().FirstOrDefault(e => (string?)e.Attribute("Key") == key);
        if (change == "AppendToItemField")
            return ResponseError.InvalidPropertyAppend;
        if (change == "DeleteItemField")
        {
            if (part == null)
                entry?.Remove();
            else
                entry?.Element(EwsNamespaces.T + part)?.Remove();
            if (entry is { HasElements: false } && part != null)
                entry.Remove();
            if (dictionary is { HasElements: false })
                properties.Remove(dictionaryName);
            return null;
        }

        var given = source?.T(dictionaryName)?.Elements().FirstOrDefault(e => (string?)e.Attribute("Key") == key);
        if (given == null)
            return ResponseError.InvalidPropertySet;
        if (dictionary == null)
            properties[dictionaryName] = dictionary = EwsXml.TElement(dictionaryName);
        if (part == null || entry == null)
        {
            var replacement = EwsXml.Detached(given);
            if (entry != null)
                entry.ReplaceWith(replacement);
            else
                dictionary.Add(replacement);
            return null;
        }

        if (given.Element(EwsNamespaces.T + part) is not { } value)
            return ResponseError.InvalidPropertySet;
        entry.Element(EwsNamespaces.T + part)?.Remove();
        var position = SchemaSequence.IndexOf("PhysicalAddressDictionaryEntryType", part);
        var before = entry.Elements().FirstOrDefault(e => SchemaSequence.IndexOf("PhysicalAddressDictionaryEntryType", e.Name.LocalName) > position);
        if (before != null)
            before.AddBeforeSelf(EwsXml.Detached(value));
        else
            entry.Add(EwsXml.Detached(value));
        return null;
    }
}
