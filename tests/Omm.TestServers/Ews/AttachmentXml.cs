using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>A t:FileAttachment as Exchange writes it: without Content in an item's Attachments, with it from GetAttachment.</summary>
internal static class AttachmentXml
{
    public static XElement Summary(EwsAttachment attachment) => Element(attachment, withContent: false);

    public static XElement Full(EwsAttachment attachment) => Element(attachment, withContent: true);

    private static XElement Element(EwsAttachment attachment, bool withContent) => EwsXml.TElement(
        "FileAttachment",
        EwsXml.TElement("AttachmentId", new XAttribute("Id", attachment.Id)),
        EwsXml.TElement("Name", attachment.Name),
        attachment.ContentType == null ? null : EwsXml.TElement("ContentType", attachment.ContentType),
        attachment.ContentId == null ? null : EwsXml.TElement("ContentId", attachment.ContentId),
        EwsXml.TElement("Size", attachment.Content.Length.ToString(CultureInfo.InvariantCulture)),
        EwsXml.TElement("LastModifiedTime", EwsXml.Date(attachment.LastModified)),
        EwsXml.TElement("IsInline", EwsXml.Bool(attachment.IsInline)),
        EwsXml.TElement("IsContactPhoto", EwsXml.Bool(attachment.IsContactPhoto)),
        withContent ? EwsXml.TElement("Content", Convert.ToBase64String(attachment.Content)) : null);
}
