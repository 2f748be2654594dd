using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// A SOAP message read and checked against the EWS schema: the envelope as a tree, except that base64 payloads
/// (t:MimeContent, t:Data, m:Data) are decoded into <see cref="ItemContent"/> annotations on their empty elements.
/// </summary>
internal sealed class SoapDocument(XElement envelope, SchemaViolation? violation)
{
    public XElement Envelope { get; } = envelope;

    /// <summary>The first schema violation, or null when the message is valid.</summary>
    public SchemaViolation? Violation { get; } = violation;

    public XElement? Header => Envelope.Element(EwsNamespaces.S + "Header");

    public XElement? Body => Envelope.Element(EwsNamespaces.S + "Body");

    /// <summary>The operation element: the body's first child.</summary>
    public XElement? Operation => Body?.Elements().FirstOrDefault();

    public static ItemContent? Payload(XElement? element) => element?.Annotation<ItemContent>();
}
