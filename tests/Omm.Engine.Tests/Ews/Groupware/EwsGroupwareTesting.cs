using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Ews.Groupware;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>The shared fixtures, the EWS schema, and the requests the connector will wrap the mappings' elements in.</summary>
internal static class EwsGroupwareTesting
{
    private static readonly Lazy<XmlSchemaSet> Schema = new(LoadSchema, LazyThreadSafetyMode.ExecutionAndPublication);

    public static readonly XNamespace T = EwsNames.Types;
    public static readonly XNamespace M = EwsNames.Messages;

    /// <summary>The caller's extended property for UIDs in these tests: a named property of PS_PUBLIC_STRINGS.</summary>
    public static XElement UidField => new(T + "ExtendedFieldURI", new XAttribute("DistinguishedPropertySetId", "PublicStrings"), new XAttribute("PropertyName", "OmmUid"),
        new XAttribute("PropertyType", "String"));

    public static XElement UidProperty(string uid) => new(T + "ExtendedProperty", UidField, new XElement(T + "Value", uid));

    public static string Fixture(string folder, string name) => Path.Combine(RepositoryPaths.SharedFixtures, folder, name);

    public static IEnumerable<string> Fixtures(string folder, string pattern) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.SharedFixtures, folder), pattern).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>The first item (t:Contact, t:CalendarItem...) of a recorded response.</summary>
    public static XElement RecordedItem(string file, string localName) =>
        XDocument.Load(Fixture(Path.Combine("ews", "items"), file)).Descendants(T + localName).First();

    /// <summary>Validates a CreateItem holding the items; returns the schema's complaints (none when valid).</summary>
    public static List<string> ValidateCreate(params XElement[] items)
    {
        var request = new XElement(M + "CreateItem", new XAttribute("SendMeetingInvitations", "SendToNone"),
            new XElement(M + "SavedItemFolderId", new XElement(T + "DistinguishedFolderId", new XAttribute("Id", "calendar"))),
            new XElement(M + "Items", items.Select(i => new XElement(i))));
        return Validate(request);
    }

    /// <summary>Validates an UpdateItem of one occurrence with the changes.</summary>
    public static List<string> ValidateOccurrenceUpdate(EwsOccurrenceChange change)
    {
        var request = new XElement(M + "UpdateItem", new XAttribute("ConflictResolution", "AlwaysOverwrite"), new XAttribute("SendMeetingInvitationsOrCancellations", "SendToNone"),
            new XElement(M + "ItemChanges", new XElement(T + "ItemChange",
                new XElement(T + "OccurrenceItemId", new XAttribute("RecurringMasterId", "AAMkAD"), new XAttribute("InstanceIndex", change.InstanceIndex)),
                new XElement(T + "Updates", change.Changes.Select(c => new XElement(c))))));
        return Validate(request);
    }

    public static List<string> ValidateGetItem(XElement additionalProperties)
    {
        var request = new XElement(M + "GetItem",
            new XElement(M + "ItemShape", new XElement(T + "BaseShape", "IdOnly"), new XElement(T + "BodyType", "Text"), additionalProperties),
            new XElement(M + "ItemIds", new XElement(T + "ItemId", new XAttribute("Id", "AAMkAD"))));
        return Validate(request);
    }

    private static List<string> Validate(XElement request)
    {
        var problems = new List<string>();
        new XDocument(request).Validate(Schema.Value, (_, e) => problems.Add(e.Message));
        return problems;
    }

    private static XmlSchemaSet LoadSchema()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        const string xmlNamespace = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
              <xs:attribute name="lang" type="xs:language"/>
            </xs:schema>
            """;
        using (var reader = XmlReader.Create(new StringReader(xmlNamespace)))
            set.Add(XmlSchema.Read(reader, null)!);
        foreach (var file in new[] { "types.xsd", "messages.xsd" })
        {
            using var reader = XmlReader.Create(Fixture(Path.Combine("ews", "schema"), file), new XmlReaderSettings { XmlResolver = null, DtdProcessing = DtdProcessing.Prohibit });
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }
}
