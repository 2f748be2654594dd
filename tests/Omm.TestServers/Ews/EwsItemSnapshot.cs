using System.Globalization;

namespace Omm.TestServers.Ews;

/// <summary>An item of the EWS test server as it was when taken, for tests to check (and for the server to write out).</summary>
public sealed record EwsItemSnapshot(
    string ItemId,
    string ChangeKey,
    string ParentFolderId,
    string FolderPath,
    string ItemClass,
    string? Subject,
    string? InternetMessageId,
    string? FromName,
    string? FromAddress,
    bool IsRead,
    bool IsDraft,
    int MessageFlags,
    string FlagStatus,
    IReadOnlyList<string> Categories,
    string Importance,
    string Sensitivity,
    DateTimeOffset DateTimeReceived,
    DateTimeOffset DateTimeSent,
    DateTimeOffset DateTimeCreated,
    DateTimeOffset LastModifiedTime,
    long Size,
    IReadOnlyDictionary<ExtendedPropertyKey, ExtendedPropertyValue> ExtendedProperties,
    ItemContent Content)
{
    /// <summary>For a contact, distribution list, calendar item or task: its typed properties; null for a MIME message.</summary>
    public EwsGroupwareItemSnapshot? Groupware { get; init; }

    /// <summary>The MIME bytes as stored.</summary>
    public byte[] MimeContent => Content.ToArray();

    public ExtendedPropertyValue? ExtendedProperty(int tag) => Extended(ExtendedPropertyKey.ForTag(tag));

    public ExtendedPropertyValue? ExtendedProperty(string propertySet, string name) => Extended(ExtendedPropertyKey.ForName(propertySet, name));

    public ExtendedPropertyValue? ExtendedProperty(string propertySet, int id) => Extended(ExtendedPropertyKey.ForId(propertySet, id));

    private ExtendedPropertyValue? Extended(ExtendedPropertyKey key)
    {
        if (ExtendedProperties.TryGetValue(key, out var value))
            return value;
        return key.Tag switch
        {
            ExtendedPropertyKey.MessageFlags => ExtendedPropertyValue.Single("Integer", MessageFlags.ToString(CultureInfo.InvariantCulture)),
            ExtendedPropertyKey.MessageDeliveryTime => ExtendedPropertyValue.Single("SystemTime", EwsXml.Date(DateTimeReceived)),
            ExtendedPropertyKey.ClientSubmitTime => ExtendedPropertyValue.Single("SystemTime", EwsXml.Date(DateTimeSent)),
            ExtendedPropertyKey.MessageSize => ExtendedPropertyValue.Single("Integer", Size.ToString(CultureInfo.InvariantCulture)),
            ExtendedPropertyKey.MessageClass => ExtendedPropertyValue.Single("String", ItemClass),
            ExtendedPropertyKey.SubjectTag when Subject != null => ExtendedPropertyValue.Single("String", Subject),
            _ => null,
        };
    }
}
