using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// A contact, distribution list, calendar item or task as it was when taken: the typed property elements as stored
/// (<see cref="Properties"/>, as the client sent them) and as the server shows them with AllProperties
/// (<see cref="Fields"/>, with what Exchange derives: DisplayName, CompleteName, CalendarItemType, FirstOccurrence...).
/// </summary>
public sealed class EwsGroupwareItemSnapshot
{
    public required string ItemId { get; init; }

    public required string ChangeKey { get; init; }

    /// <summary>Contact, DistributionList, CalendarItem or Task.</summary>
    public required string ElementName { get; init; }

    public required string ItemClass { get; init; }

    public required string FolderPath { get; init; }

    /// <summary>The stored property elements (t: namespace), by local name.</summary>
    public required IReadOnlyDictionary<string, XElement> Properties { get; init; }

    /// <summary>Every element GetItem with AllProperties writes, by local name (ItemId and extended properties aside).</summary>
    public required IReadOnlyDictionary<string, XElement> Fields { get; init; }

    public required IReadOnlyDictionary<ExtendedPropertyKey, ExtendedPropertyValue> ExtendedProperties { get; init; }

    /// <summary>Of a recurring master: its modified occurrences, by original start.</summary>
    public required IReadOnlyList<EwsGroupwareItemSnapshot> Exceptions { get; init; }

    /// <summary>Of a recurring master: the original starts of its deleted occurrences, in order.</summary>
    public required IReadOnlyList<DateTimeOffset> DeletedOccurrences { get; init; }

    public required IReadOnlyList<EwsAttachmentSnapshot> Attachments { get; init; }

    /// <summary>Single, RecurringMaster, Exception or Occurrence for a calendar item; null otherwise.</summary>
    public string? CalendarItemType => Value("CalendarItemType");

    public XElement? Field(string localName) => Fields.GetValueOrDefault(localName);

    /// <summary>The text of a field as the server shows it, or null when it has none.</summary>
    public string? Value(string localName) => Fields.GetValueOrDefault(localName)?.Value;

    public ExtendedPropertyValue? ExtendedProperty(string propertySet, string name) => ExtendedProperties.GetValueOrDefault(ExtendedPropertyKey.ForName(propertySet, name));

    public ExtendedPropertyValue? ExtendedProperty(string propertySet, int id) => ExtendedProperties.GetValueOrDefault(ExtendedPropertyKey.ForId(propertySet, id));

    public ExtendedPropertyValue? ExtendedProperty(int tag) => ExtendedProperties.GetValueOrDefault(ExtendedPropertyKey.ForTag(tag));
}
