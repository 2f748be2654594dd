using System.Xml;
using System.Xml.Schema;

namespace Omm.TestServers.Ews;

/// <summary>
/// The EWS schema as Microsoft ships it (../shared/fixtures/ews/schema, version Exchange2013_SP1), plus a small SOAP 1.1
/// envelope schema of our own, compiled once. Two changes are made in memory, never to the files: that schema pins
/// RequestServerVersion/@Version to "Exchange2013_SP1" and knows no later versions, while real Exchange 2016/2019
/// answer requests of any version from Exchange2007 to V2017_07_11 (the ex2019cu15 recordings echo V2017_07_11).
/// </summary>
internal static class EwsSchema
{
    private static readonly Lazy<XmlSchemaSet> Compiled = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Request versions a 2016/2019 server takes, oldest first.</summary>
    public static readonly string[] AcceptedVersions =
    [
        "Exchange2007", "Exchange2007_SP1", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2013", "Exchange2013_SP1",
        "Exchange2015", "Exchange2016", "V2015_10_05", "V2016_01_06", "V2016_04_13", "V2016_07_13", "V2016_10_10", "V2017_01_07",
        "V2017_04_14", "V2017_07_11",
    ];

    public static XmlSchemaSet Set => Compiled.Value;

    public static string Directory => Path.Combine(RepositoryPaths.SharedFixtures, "ews", "schema");

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        Add(set, XmlNamespaceSchema);
        var types = Read("types.xsd");
        AcceptLaterVersions(types);
        set.Add(types);
        set.Add(Read("messages.xsd"));
        Add(set, EnvelopeSchema);
        set.Compile();
        return set;
    }

    private static void Add(XmlSchemaSet set, string schema)
    {
        using var reader = XmlReader.Create(new StringReader(schema));
        set.Add(XmlSchema.Read(reader, null)!);
    }

    private static XmlSchema Read(string file)
    {
        using var reader = XmlReader.Create(Path.Combine(Directory, file), new XmlReaderSettings { XmlResolver = null, DtdProcessing = DtdProcessing.Prohibit });
        return XmlSchema.Read(reader, null) ?? throw new InvalidOperationException($"Cannot read {file}.");
    }

    private static void AcceptLaterVersions(XmlSchema types)
    {
        foreach (var item in types.Items)
        {
            if (item is XmlSchemaSimpleType { Name: "ExchangeVersionType", Content: XmlSchemaSimpleTypeRestriction restriction })
            {
                var known = restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Select(f => f.Value).ToHashSet();
                foreach (var version in AcceptedVersions.Where(v => !known.Contains(v)))
                    restriction.Facets.Add(new XmlSchemaEnumerationFacet { Value = version });
            }
            else if (item is XmlSchemaElement { Name: "RequestServerVersion", SchemaType: XmlSchemaComplexType type })
            {
                foreach (var attribute in type.Attributes.OfType<XmlSchemaAttribute>().Where(a => a.Name == "Version"))
                    attribute.FixedValue = null;
            }
        }
    }

    /// <summary>types.xsd imports the xml: namespace without a location; all it uses of it is xml:lang.</summary>
    private const string XmlNamespaceSchema = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
          <xs:attribute name="lang" type="xs:language"/>
        </xs:schema>
        """;

    /// <summary>SOAP 1.1 as EWS uses it: header and body content validated wherever the EWS schema declares it.</summary>
    private const string EnvelopeSchema = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/"
                   elementFormDefault="qualified">
          <xs:complexType name="Open">
            <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
            <xs:anyAttribute namespace="##any" processContents="lax"/>
          </xs:complexType>
          <xs:element name="Envelope">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Header" type="s:Open" minOccurs="0" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>
                <xs:element name="Body" type="s:Open" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>
              </xs:sequence>
              <xs:anyAttribute namespace="##any" processContents="lax"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="Fault">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
                <xs:element name="faultstring" form="unqualified">
                  <xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:anyAttribute namespace="##any" processContents="lax"/></xs:extension></xs:simpleContent></xs:complexType>
                </xs:element>
                <xs:element name="faultactor" type="xs:anyURI" form="unqualified" minOccurs="0"/>
                <xs:element name="detail" form="unqualified" minOccurs="0">
                  <xs:complexType>
                    <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                    <xs:anyAttribute namespace="##any" processContents="lax"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;
}
