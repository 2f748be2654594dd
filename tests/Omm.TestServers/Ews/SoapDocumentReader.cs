using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Omm.TestServers.Ews;

/// <summary>
/// Reads a SOAP message in one pass while an <see cref="XmlSchemaValidator"/> checks it against the EWS schema.
/// The validator is driven by hand because a validating XmlReader keeps the text of each simple-typed element
/// to check it, which for a 50 MB t:MimeContent would be a 67-million-character string: base64 payloads are
/// decoded straight into chunks instead, and the validator sees a stand-in for their text.
/// </summary>
internal static class SoapDocumentReader
{
    private const string PayloadStandIn = "AA==";

    /// <param name="keepPayloads">False to check a document without keeping its base64 payloads (a response being checked).</param>
    public static SoapDocument Read(Stream input, bool keepPayloads = true)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(input, settings);
        var lines = (IXmlLineInfo)reader;
        SchemaViolation? violation = null;
        var validator = new XmlSchemaValidator(reader.NameTable, EwsSchema.Set, (IXmlNamespaceResolver)reader, XmlSchemaValidationFlags.None)
        {
            LineInfoProvider = lines,
        };
        validator.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
                violation ??= new SchemaViolation(e.Exception.LineNumber, e.Exception.LinePosition, e.Message);
        };
        validator.Initialize();
        var info = new XmlSchemaInfo();
        var open = new Stack<XElement>();
        XElement? root = null;
        try
        {
            var more = reader.Read();
            while (more)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        var element = StartElement(reader, validator, info);
                        if (root == null)
                            root = element;
                        else
                            open.Peek().Add(element);
                        if (reader.IsEmptyElement)
                        {
                            validator.ValidateEndElement(info);
                        }
                        else if (IsPayload(element.Name))
                        {
                            if (keepPayloads)
                                element.AddAnnotation(ItemContent.FromBase64Element(reader));
                            else
                                SkipBase64(reader);
                            validator.ValidateText(PayloadStandIn);
                            validator.ValidateEndElement(info);
                            more = !reader.EOF;
                            continue;
                        }
                        else
                        {
                            open.Push(element);
                        }

                        break;
                    }

                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        validator.ValidateText(reader.Value);
                        open.Peek().Add(new XText(reader.Value));
                        break;
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        validator.ValidateWhitespace(reader.Value);
                        break;
                    case XmlNodeType.EndElement:
                        validator.ValidateEndElement(info);
                        open.Pop();
                        break;
                }

                more = reader.Read();
            }

            validator.EndValidation();
        }
        catch (XmlException e)
        {
            violation ??= new SchemaViolation(e.LineNumber, e.LinePosition, e.Message);
        }
        catch (FormatException e)
        {
            violation ??= new SchemaViolation(lines.LineNumber, lines.LinePosition, e.Message);
        }

        return new SoapDocument(root ?? new XElement(EwsNamespaces.S + "Envelope"), violation);
    }

    private static void SkipBase64(XmlReader reader)
    {
        var buffer = new byte[64 * 1024];
        while (reader.ReadElementContentAsBase64(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    private static bool IsPayload(XName name) =>
        (name.LocalName == "MimeContent" && name.NamespaceName == EwsNamespaces.Types)
        || (name.LocalName == "Data" && name.NamespaceName is EwsNamespaces.Types or EwsNamespaces.Messages);

    private static XElement StartElement(XmlReader reader, XmlSchemaValidator validator, XmlSchemaInfo info)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        string? xsiType = null;
        string? xsiNil = null;
        var attributes = new List<(string Local, string Namespace, string Value)>();
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                    continue;
                if (reader.NamespaceURI == EwsNamespaces.XmlSchemaInstance)
                {
                    if (reader.LocalName == "type")
                        xsiType = reader.Value;
                    else if (reader.LocalName == "nil")
                        xsiNil = reader.Value;
                    continue;
                }

                attributes.Add((reader.LocalName, reader.NamespaceURI, reader.Value));
                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        validator.ValidateElement(reader.LocalName, reader.NamespaceURI, info, xsiType, xsiNil, null, null);
        foreach (var (local, ns, value) in attributes)
            validator.ValidateAttribute(local, ns, value, info);
        validator.ValidateEndOfAttributes(info);
        return element;
    }
}
