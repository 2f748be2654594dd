using System.Security.Cryptography;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// Makes a contact, distribution list, calendar item or task from a request's t:Contact, t:DistributionList,
/// t:CalendarItem or t:Task: its typed properties kept as sent, ItemClass IPM.Contact, IPM.DistList, IPM.Appointment or
/// IPM.Task unless given. As Exchange: a calendar item gets a UID when it has none and the mailbox as Organizer, and is
/// not a draft; the others are drafts (IsDraft true in the recordings). Call under the lock.
/// </summary>
internal static class GroupwareItemFactory
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "Contact", "DistributionList", "CalendarItem", "Task" };

    /// <summary>The distinguished folder an item of that kind goes to without SavedItemFolderId.</summary>
    public static string DefaultFolder(string kind) => kind switch
    {
        "Contact" or "DistributionList" => "contacts",
        "CalendarItem" => "calendar",
        _ => "tasks",
    };

    public static (EwsItem? Item, ResponseError? Error) Create(EwsTestServer server, EwsMailbox mailbox, EwsFolder folder, XElement element)
    {
        var now = server.Now;
        var kind = element.Name.LocalName;
        var item = mailbox.NewItem(folder, ItemContent.Empty);
        item.Kind = kind;
        item.Properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        item.ItemClass = kind switch
        {
            "Contact" => "IPM.Contact",
            "DistributionList" => "IPM.DistList",
            "CalendarItem" => "IPM.Appointment",
            _ => "IPM.Task",
        };
        item.Received = item.Sent = item.Created = item.LastModified = now;
        item.MessageFlags = kind == "CalendarItem" ? EwsItem.ReadFlag : EwsItem.ReadFlag | EwsItem.UnsentFlag;
        var error = ItemPropertyWriter.Apply(item, element, creating: true, out _);
        if (error != null)
        {
            mailbox.Remove(item);
            return (null, error);
        }

        if (kind == "CalendarItem")
        {
            if (!item.Properties.ContainsKey("UID"))
                item.Properties["UID"] = EwsXml.TElement("UID", NewUid(now));
            if (!item.Properties.ContainsKey("Organizer"))
                item.Properties["Organizer"] = Organizer(mailbox);
        }

        item.ChangeNumber = server.NextChangeNumber();
        return (item, null);
    }

    /// <summary>A Global Object Id in hex as Exchange makes them: class id, no instance date, creation FILETIME, reserved, and 16 random bytes.</summary>
    private static string NewUid(DateTimeOffset now) =>
        "040000008200E00074C5B7101A82E008" + "00000000" + Convert.ToHexString(BitConverter.GetBytes(now.ToFileTime())) + "0000000000000000" + "10000000"
        + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static XElement Organizer(EwsMailbox mailbox) => EwsXml.TElement(
        "Organizer",
        EwsXml.TElement(
            "Mailbox",
            EwsXml.TElement("Name", mailbox.SmtpAddress.Split('@')[0]),
            EwsXml.TElement("EmailAddress", mailbox.SmtpAddress),
            EwsXml.TElement("RoutingType", "SMTP"),
            EwsXml.TElement("MailboxType", "Mailbox")));
}
