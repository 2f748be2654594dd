using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// Which MAPI property a t:ExtendedFieldURI names: a tag (0x0E07), or a named property (property set + name or id).
/// The type is not part of the identity; it travels with the value.
/// </summary>
public sealed record ExtendedPropertyKey
{
    private ExtendedPropertyKey(int? tag, string? propertySet, string? name, int? id)
    {
        Tag = tag;
        PropertySet = propertySet;
        Name = name;
        Id = id;
    }

    public int? Tag { get; }

    /// <summary>A property set GUID in lower case, or a DistinguishedPropertySetId such as PublicStrings.</summary>
    public string? PropertySet { get; }

    public string? Name { get; }

    public int? Id { get; }

    public static ExtendedPropertyKey ForTag(int tag) => new(tag, null, null, null);

    public static ExtendedPropertyKey ForName(string propertySet, string name) => new(null, NormalizeSet(propertySet), name, null);

    public static ExtendedPropertyKey ForId(string propertySet, int id) => new(null, NormalizeSet(propertySet), null, id);

    public const int MessageFlags = 0x0E07;
    public const int MessageDeliveryTime = 0x0E06;
    public const int ClientSubmitTime = 0x0039;
    public const int MessageSize = 0x0E08;
    public const int MessageClass = 0x001A;
    public const int SubjectTag = 0x0037;

    /// <summary>Reads a t:ExtendedFieldURI; null when it names no property a client could mean.</summary>
    internal static ExtendedPropertyKey? FromUri(XElement uri)
    {
        var tag = (string?)uri.Attribute("PropertyTag");
        if (tag != null)
            return ParseNumber(tag) is { } number ? ForTag(number) : null;
        var set = (string?)uri.Attribute("PropertySetId") ?? (string?)uri.Attribute("DistinguishedPropertySetId");
        if (set == null)
            return null;
        var name = (string?)uri.Attribute("PropertyName");
        if (name != null)
            return ForName(set, name);
        var id = (string?)uri.Attribute("PropertyId");
        return id != null && ParseNumber(id) is { } propertyId ? ForId(set, propertyId) : null;
    }

    internal static int? ParseNumber(string text)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static string NormalizeSet(string set) => Guid.TryParse(set, out var guid) ? guid.ToString("D") : set;

    public override string ToString() =>
        Tag is { } tag ? $"0x{tag:X4}" : $"{PropertySet}/{Name ?? Id?.ToString(CultureInfo.InvariantCulture)}";
}
