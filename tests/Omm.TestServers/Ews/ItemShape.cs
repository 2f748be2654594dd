using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>What a client asked to see of each item: m:ItemShape's BaseShape, IncludeMimeContent and AdditionalProperties.</summary>
internal sealed class ItemShape
{
    private static readonly string[] DefaultFields =
    [
        "item:Subject", "item:Sensitivity", "item:DateTimeReceived", "item:Size", "item:Importance", "item:IsDraft",
        "item:DateTimeSent", "item:DateTimeCreated", "message:From", "message:IsRead",
    ];

    private static readonly string[] AllFields =
    [
        "item:ParentFolderId", "item:ItemClass", "item:Subject", "item:Sensitivity", "item:DateTimeReceived", "item:Size",
        "item:Categories", "item:Importance", "item:IsDraft", "item:DateTimeSent", "item:DateTimeCreated", "item:LastModifiedTime",
        "item:Flag", "message:From", "message:InternetMessageId", "message:IsRead",
    ];

    private ItemShape(string baseShape, bool includeMime, IReadOnlySet<string> fields, IReadOnlyList<(string FieldUri, string FieldIndex)> indexed, IReadOnlyList<(ExtendedPropertyKey Key, XElement Uri)> extended)
    {
        BaseShape = baseShape;
        IncludeMimeContent = includeMime;
        Fields = fields;
        Indexed = indexed;
        Extended = extended;
    }

    /// <summary>IdOnly, Default or AllProperties.</summary>
    public string BaseShape { get; }

    public bool IncludeMimeContent { get; }

    /// <summary>FieldURIs to write (beyond the ItemId, always written).</summary>
    public IReadOnlySet<string> Fields { get; }

    /// <summary>IndexedFieldURIs asked for: contacts:EmailAddress, contacts:PhysicalAddress:Street... with their FieldIndex.</summary>
    public IReadOnlyList<(string FieldUri, string FieldIndex)> Indexed { get; }

    /// <summary>Extended properties asked for, with the t:ExtendedFieldURI as asked, to echo it back.</summary>
    public IReadOnlyList<(ExtendedPropertyKey Key, XElement Uri)> Extended { get; }

    public static ItemShape Parse(XElement? shape)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var baseShape = shape?.T("BaseShape")?.Value.Trim() ?? "IdOnly";
        if (baseShape == "Default")
            fields.UnionWith(DefaultFields);
        else if (baseShape == "AllProperties")
            fields.UnionWith(AllFields);
        var extended = new List<(ExtendedPropertyKey, XElement)>();
        var indexed = new List<(string, string)>();
        foreach (var path in shape?.T("AdditionalProperties")?.Elements() ?? [])
        {
            if (path.Name == EwsNamespaces.T + "FieldURI" && (string?)path.Attribute("FieldURI") is { } uri)
                fields.Add(uri);
            else if (path.Name == EwsNamespaces.T + "IndexedFieldURI" && (string?)path.Attribute("FieldURI") is { } dictionary)
                indexed.Add((dictionary, ((string?)path.Attribute("FieldIndex"))?.Trim() ?? ""));
            else if (path.Name == EwsNamespaces.T + "ExtendedFieldURI" && ExtendedPropertyKey.FromUri(path) is { } key)
                extended.Add((key, path));
        }

        var mime = EwsXml.ParseBool(shape?.T("IncludeMimeContent")?.Value) == true;
        return new ItemShape(baseShape, mime, fields, indexed, extended);
    }
}
