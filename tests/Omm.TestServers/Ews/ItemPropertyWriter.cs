using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// Sets the properties a request's item element carries (CreateItem, UpdateItem's SetItemField) on a stored item.
/// PR_MESSAGE_FLAGS (0x0E07) is only taken whole when the item is created: later only its read bit changes, as MAPI
/// allows. 0x0E06 and 0x0039 set DateTimeReceived and DateTimeSent. Call under the lock.
/// </summary>
internal static class ItemPropertyWriter
{
    /// <summary>Applies what the element holds; returns the first error, or null. <paramref name="flagsSet"/> tells whether 0x0E07 was given.</summary>
    public static ResponseError? Apply(EwsItem item, XElement element, bool creating, out bool flagsSet)
    {
        flagsSet = false;
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace != EwsNamespaces.T)
                return ResponseError.InvalidPropertySet;
            switch (child.Name.LocalName)
            {
                case "MimeContent":
                    break;
                case "IsRead" when item.Properties != null:
                    break;
                case "ItemClass":
                    item.ItemClass = child.Value.Trim();
                    break;
                case "Subject":
                    item.Subject = child.Value;
                    break;
                case "Sensitivity":
                    item.Sensitivity = child.Value.Trim();
                    break;
                case "Importance":
                    item.Importance = child.Value.Trim();
                    break;
                case "Categories":
                    item.Categories = child.Ts("String").Select(s => s.Value).ToList();
                    break;
                case "Flag":
                    item.FlagStatus = child.T("FlagStatus")?.Value.Trim() ?? "NotFlagged";
                    break;
                case "IsRead":
                    item.IsRead = EwsXml.ParseBool(child.Value) ?? item.IsRead;
                    break;
                case "ExtendedProperty":
                {
                    var (key, value, error) = ExtendedPropertyReader.Read(child);
                    if (error != null)
                        return error;
                    if (SetKnown(item, key!, value!, creating))
                        flagsSet |= key!.Tag == ExtendedPropertyKey.MessageFlags;
                    else
                        item.Extended[key!] = value!;
                    break;
                }

                default:
                    // A groupware item keeps its other typed properties as sent; a MIME message's other
                    // ItemType/MessageType fields (Body, recipients, reminders...) are accepted and not kept.
                    if (item.Properties != null)
                        item.Properties[child.Name.LocalName] = EwsXml.Detached(child);
                    break;
            }
        }

        return null;
    }

    private static bool SetKnown(EwsItem item, ExtendedPropertyKey key, ExtendedPropertyValue value, bool creating)
    {
        switch (key.Tag)
        {
            case ExtendedPropertyKey.MessageFlags:
                var flags = int.Parse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                item.MessageFlags = creating ? flags : (item.MessageFlags & ~EwsItem.ReadFlag) | (flags & EwsItem.ReadFlag);
                return true;
            case ExtendedPropertyKey.MessageDeliveryTime:
                item.Received = EwsXml.ParseDate(value.Value)!.Value;
                return true;
            case ExtendedPropertyKey.ClientSubmitTime:
                item.Sent = EwsXml.ParseDate(value.Value)!.Value;
                return true;
            default:
                return false;
        }
    }
}
