using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// The m:Data of ExportItems and t:Data of UploadItems for a contact, distribution list, calendar item or task: opaque,
/// of this server's own making like <see cref="ExportedItemBlob"/>. A magic, then the item: what every item has, its kind
/// and typed properties, its attachments (a contact's photo among them) and, of a series, its deleted occurrences and its
/// exceptions, each written the same way.
/// </summary>
internal static class ExportedGroupwareBlob
{
    private static readonly byte[] Magic = "OMMEWS\u0002\0"u8.ToArray();

    /// <summary>Call under the lock.</summary>
    public static ItemContent Write(EwsItem item)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            WriteItem(writer, item);
        }

        stream.Position = 0;
        return ItemContent.FromStream(stream);
    }

    public static bool IsOne(ItemContent blob) => blob.Head(Magic.Length).AsSpan().SequenceEqual(Magic);

    /// <summary>
    /// Sets the blob's item on <paramref name="item"/>, a new item not yet stored: its exceptions go into its
    /// <see cref="EwsItem.Exceptions"/> unstored too (<see cref="ItemCopier.CopySeries"/> stores them), its attachments get
    /// new ids of <paramref name="mailbox"/>. False when the blob is not one of ours.
    /// </summary>
    public static bool Read(ItemContent blob, EwsItem item, EwsMailbox mailbox)
    {
        using var stream = new MemoryStream(blob.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return false;
            ReadItem(reader, item, mailbox);
            return stream.Position == stream.Length;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException or XmlException)
        {
            return false;
        }
    }

    private static void WriteItem(BinaryWriter writer, EwsItem item)
    {
        ExportedItemBlob.WriteProperties(writer, item.Snapshot());
        writer.Write(item.Kind!);
        writer.Write(item.Properties!.Count);
        foreach (var (name, element) in item.Properties)
        {
            writer.Write(name);
            writer.Write(element.ToString(SaveOptions.DisableFormatting));
        }

        writer.Write(item.MeetingRequestWasSent);
        writer.Write(item.Attachments.Count);
        foreach (var attachment in item.Attachments)
        {
            writer.Write(attachment.Name);
            ExportedItemBlob.WriteOptional(writer, attachment.ContentType);
            ExportedItemBlob.WriteOptional(writer, attachment.ContentId);
            writer.Write(attachment.IsInline);
            writer.Write(attachment.IsContactPhoto);
            writer.Write(attachment.LastModified.UtcTicks);
            writer.Write(attachment.Content.Length);
            writer.Write(attachment.Content);
        }

        writer.Write(item.DeletedOccurrences.Count);
        foreach (var deleted in item.DeletedOccurrences)
            writer.Write(deleted.UtcTicks);
        writer.Write(item.Exceptions.Count);
        foreach (var exception in item.Exceptions)
        {
            writer.Write(exception.InstanceIndex);
            writer.Write(exception.OriginalStart!.Value.UtcTicks);
            WriteItem(writer, exception);
        }
    }

    private static void ReadItem(BinaryReader reader, EwsItem item, EwsMailbox mailbox)
    {
        ExportedItemBlob.ReadProperties(reader, item);
        item.Kind = reader.ReadString();
        item.Properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--)
            item.Properties[reader.ReadString()] = EwsXml.Detached(XElement.Parse(reader.ReadString()));
        item.MeetingRequestWasSent = reader.ReadBoolean();
        item.Attachments.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var name = reader.ReadString();
            var contentType = ExportedItemBlob.ReadOptional(reader);
            var contentId = ExportedItemBlob.ReadOptional(reader);
            var isInline = reader.ReadBoolean();
            var isContactPhoto = reader.ReadBoolean();
            var lastModified = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var length = reader.ReadInt32();
            var content = reader.ReadBytes(length);
            if (content.Length != length)
                throw new EndOfStreamException();
            item.Attachments.Add(new EwsAttachment(EwsIds.NewId(EwsIds.AttachmentKind, mailbox.Number), name, contentType, content)
            {
                ContentId = contentId,
                IsInline = isInline,
                IsContactPhoto = isContactPhoto,
                LastModified = lastModified,
            });
        }

        item.DeletedOccurrences.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
            item.DeletedOccurrences.Add(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
        item.Exceptions.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var exception = new EwsItem(string.Empty, item.Folder, ItemContent.Empty)
            {
                Master = item,
                InstanceIndex = reader.ReadInt32(),
                OriginalStart = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
            };
            ReadItem(reader, exception, mailbox);
            item.Exceptions.Add(exception);
        }
    }
}
