using System.Globalization;

namespace Omm.TestServers.Ews;

/// <summary>
/// Writes an item as t:Message, t:CalendarItem, t:Contact, t:Task, t:PostItem or t:Item (by its ItemClass) with the
/// fields a shape asks for, in the order of ItemType then MessageType in types.xsd (MimeContent first).
/// </summary>
internal static class ItemXmlWriter
{
    /// <summary>The element an item is written as: a groupware item's own kind, else by its ItemClass.</summary>
    public static string ElementName(EwsItem item) => item.Kind ?? ElementName(item.ItemClass);

    public static string ElementName(string itemClass) => itemClass switch
    {
        _ when IsClass(itemClass, "IPM.Appointment") => "CalendarItem",
        _ when IsClass(itemClass, "IPM.Contact") => "Contact",
        _ when IsClass(itemClass, "IPM.DistList") => "DistributionList",
        _ when IsClass(itemClass, "IPM.Task") => "Task",
        _ when IsClass(itemClass, "IPM.Post") => "PostItem",
        _ when IsClass(itemClass, "IPM.StickyNote") || IsClass(itemClass, "IPM.Activity") => "Item",
        _ => "Message",
    };

    private static bool IsClass(string itemClass, string root) =>
        itemClass.Equals(root, StringComparison.OrdinalIgnoreCase) || itemClass.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase);

    public static void Write(EwsResponseWriter writer, EwsItemSnapshot item, ItemShape shape)
    {
        if (item.Groupware != null)
        {
            GroupwareItemXmlWriter.Write(writer, item, shape);
            return;
        }

        var element = ElementName(item.ItemClass);
        var fields = shape.Fields;
        var xml = writer.Xml;
        writer.StartT(element);
        if (shape.IncludeMimeContent)
        {
            writer.StartT("MimeContent");
            xml.WriteAttributeString("CharacterSet", "UTF-8");
            item.Content.WriteBase64(xml);
            writer.End();
        }

        writer.Id("ItemId", item.ItemId, item.ChangeKey);
        if (fields.Contains("item:ParentFolderId"))
            writer.Id("ParentFolderId", item.ParentFolderId, "AQAAAA==");
        if (fields.Contains("item:ItemClass"))
            writer.T("ItemClass", item.ItemClass);
        if (fields.Contains("item:Subject") && item.Subject != null)
            writer.T("Subject", item.Subject);
        if (fields.Contains("item:Sensitivity"))
            writer.T("Sensitivity", item.Sensitivity);
        if (fields.Contains("item:DateTimeReceived"))
            writer.T("DateTimeReceived", EwsXml.Date(item.DateTimeReceived));
        if (fields.Contains("item:Size"))
            writer.T("Size", item.Size.ToString(CultureInfo.InvariantCulture));
        if (fields.Contains("item:Categories") && item.Categories.Count > 0)
        {
            writer.StartT("Categories");
            foreach (var category in item.Categories)
                writer.T("String", category);
            writer.End();
        }

        if (fields.Contains("item:Importance"))
            writer.T("Importance", item.Importance);
        if (fields.Contains("item:IsDraft"))
            writer.T("IsDraft", EwsXml.Bool(item.IsDraft));
        if (fields.Contains("item:DateTimeSent"))
            writer.T("DateTimeSent", EwsXml.Date(item.DateTimeSent));
        if (fields.Contains("item:DateTimeCreated"))
            writer.T("DateTimeCreated", EwsXml.Date(item.DateTimeCreated));
        WriteExtended(writer, item, shape);
        if (fields.Contains("item:LastModifiedTime"))
            writer.T("LastModifiedTime", EwsXml.Date(item.LastModifiedTime));
        if (fields.Contains("item:Flag"))
        {
            writer.StartT("Flag");
            writer.T("FlagStatus", item.FlagStatus);
            writer.End();
        }

        if (element == "Message")
        {
            if (fields.Contains("message:From") && item.FromAddress != null)
            {
                writer.StartT("From");
                writer.StartT("Mailbox");
                if (item.FromName != null)
                    writer.T("Name", item.FromName);
                writer.T("EmailAddress", item.FromAddress);
                writer.T("RoutingType", "SMTP");
                writer.T("MailboxType", "OneOff");
                writer.End();
                writer.End();
            }

            if (fields.Contains("message:InternetMessageId") && item.InternetMessageId != null)
                writer.T("InternetMessageId", item.InternetMessageId);
            if (fields.Contains("message:IsRead"))
                writer.T("IsRead", EwsXml.Bool(item.IsRead));
        }

        writer.End();
    }

    /// <summary>The extended properties a shape asks for that the item has, each with its ExtendedFieldURI as asked.</summary>
    public static void WriteExtended(EwsResponseWriter writer, EwsItemSnapshot item, ItemShape shape)
    {
        var xml = writer.Xml;
        foreach (var (key, uri) in shape.Extended)
        {
            if ((key.Tag is { } tag ? item.ExtendedProperty(tag) : item.ExtendedProperties.GetValueOrDefault(key)) is not { } value)
                continue;
            writer.StartT("ExtendedProperty");
            writer.StartT("ExtendedFieldURI");
            foreach (var attribute in uri.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.NamespaceName.Length == 0))
                xml.WriteAttributeString(attribute.Name.LocalName, attribute.Value);
            writer.End();
            if (value.IsMultiValued)
            {
                writer.StartT("Values");
                foreach (var single in value.Values)
                    writer.T("Value", single);
                writer.End();
            }
            else
            {
                writer.T("Value", value.Value);
            }

            writer.End();
        }
    }
}
