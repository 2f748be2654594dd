using System.Xml.Linq;
using Omm.TestServers;

namespace Omm.Engine.Tests.Ews;

/// <summary>The child element order of a types.xsd complex type (base type's first), read from the schema file on its own.</summary>
internal static class SchemaOrder
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
    private static readonly Lazy<XDocument> Types = new(() => XDocument.Load(Path.Combine(RepositoryPaths.SharedFixtures, "ews", "schema", "types.xsd")));

    public static List<string> Of(string type)
    {
        var definition = Types.Value.Root!.Elements(Xs + "complexType").Single(t => (string?)t.Attribute("name") == type);
        var extension = definition.Element(Xs + "complexContent")?.Element(Xs + "extension");
        var names = extension == null ? [] : Of(((string)extension.Attribute("base")!).Split(':')[1]);
        names.AddRange((extension ?? definition).Descendants(Xs + "element").Select(e => (string)e.Attribute("name")!));
        return names;
    }
}
