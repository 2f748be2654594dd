using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace Omm.TestServers.Ews;

/// <summary>
/// The child element names of a types.xsd complex type in the order its sequence declares them (a derived type's base
/// elements first), read from the compiled schema so that what the server writes follows it exactly.
/// </summary>
internal static class SchemaSequence
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Of(string typeName) => Cache.GetOrAdd(typeName, Read);

    /// <summary>The position of a child element in that type's sequence, or -1 when the type has no such child.</summary>
    public static int IndexOf(string typeName, string element)
    {
        var names = Of(typeName);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == element)
                return i;
        }

        return -1;
    }

    private static IReadOnlyList<string> Read(string typeName)
    {
        var type = EwsSchema.Set.GlobalTypes[new XmlQualifiedName(typeName, EwsNamespaces.Types)] as XmlSchemaComplexType
            ?? throw new ArgumentException($"types.xsd has no complex type {typeName}.", nameof(typeName));
        var names = new List<string>();
        Collect(type.ContentTypeParticle, names);
        return names;
    }

    private static void Collect(XmlSchemaParticle particle, List<string> names)
    {
        switch (particle)
        {
            case XmlSchemaElement element:
                if (!names.Contains(element.QualifiedName.Name))
                    names.Add(element.QualifiedName.Name);
                break;
            case XmlSchemaGroupBase group:
                foreach (var item in group.Items.OfType<XmlSchemaParticle>())
                    Collect(item, names);
                break;
        }
    }
}
