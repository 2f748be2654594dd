using System.Text;

namespace Omm.TestServers.Ews;

/// <summary>
/// The m:Data of ExportItems and t:Data of UploadItems for a message: an opaque blob of this server's own making
/// (Exchange's is a FastTransfer stream; clients must not read either). A magic, every property of the item, then the
/// MIME bytes. Contacts, calendar items and tasks have their own (<see cref="ExportedGroupwareBlob"/>).
/// </summary>
internal static class ExportedItemBlob
{
    private static readonly byte[] Magic = "OMMEWS\u0001\0"u8.ToArray();

    public static ItemContent Write(EwsItemSnapshot item)
    {
        using var head = new MemoryStream();
        using (var writer = new BinaryWriter(head, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            WriteProperties(writer, item);
            writer.Write(item.Content.Length);
        }

        using var whole = new MemoryStream();
        head.Position = 0;
        head.CopyTo(whole);
        item.Content.CopyTo(whole);
        whole.Position = 0;
        return ItemContent.FromStream(whole);
    }

    /// <summary>Sets the blob's properties on a new item and returns its MIME; null when the blob is not one of ours.</summary>
    public static ItemContent? Read(ItemContent blob, EwsItem item)
    {
        using var stream = new MemoryStream(blob.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return null;
            ReadProperties(reader, item);
            var length = reader.ReadInt64();
            if (length != stream.Length - stream.Position)
                return null;
            return ItemContent.FromStream(stream);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>What every item has (class, subject, flags, categories, dates, extended properties), for this blob and the groupware one.</summary>
    internal static void WriteProperties(BinaryWriter writer, EwsItemSnapshot item)
    {
        writer.Write(item.ItemClass);
        WriteOptional(writer, item.Subject);
        WriteOptional(writer, item.InternetMessageId);
        WriteOptional(writer, item.FromName);
        WriteOptional(writer, item.FromAddress);
        writer.Write(item.MessageFlags);
        writer.Write(item.FlagStatus);
        writer.Write(item.Categories.Count);
        foreach (var category in item.Categories)
            writer.Write(category);
        writer.Write(item.Importance);
        writer.Write(item.Sensitivity);
        foreach (var date in new[] { item.DateTimeReceived, item.DateTimeSent, item.DateTimeCreated, item.LastModifiedTime })
            writer.Write(date.UtcTicks);
        writer.Write(item.ExtendedProperties.Count);
        foreach (var (key, value) in item.ExtendedProperties)
        {
            writer.Write(key.Tag ?? -1);
            WriteOptional(writer, key.PropertySet);
            WriteOptional(writer, key.Name);
            writer.Write(key.Id ?? -1);
            writer.Write(value.Type);
            writer.Write(value.Values.Count);
            foreach (var single in value.Values)
                writer.Write(single);
        }
    }

    /// <summary>Sets what <see cref="WriteProperties"/> wrote on an item.</summary>
    /// <exception cref="EndOfStreamException">The blob is cut short.</exception>
    internal static void ReadProperties(BinaryReader reader, EwsItem item)
    {
        item.ItemClass = reader.ReadString();
        item.Subject = ReadOptional(reader);
        item.InternetMessageId = ReadOptional(reader);
        item.FromName = ReadOptional(reader);
        item.FromAddress = ReadOptional(reader);
        item.MessageFlags = reader.ReadInt32();
        item.FlagStatus = reader.ReadString();
        item.Categories = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToList();
        item.Importance = reader.ReadString();
        item.Sensitivity = reader.ReadString();
        item.Received = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        item.Sent = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        item.Created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        item.LastModified = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        item.Extended.Clear();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var tag = reader.ReadInt32();
            var set = ReadOptional(reader);
            var name = ReadOptional(reader);
            var id = reader.ReadInt32();
            var type = reader.ReadString();
            var values = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToList();
            var key = tag >= 0 ? ExtendedPropertyKey.ForTag(tag) : name != null ? ExtendedPropertyKey.ForName(set!, name) : ExtendedPropertyKey.ForId(set!, id);
            item.Extended[key] = new ExtendedPropertyValue(type, values);
        }
    }

    internal static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value != null);
        if (value != null)
            writer.Write(value);
    }

    internal static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
