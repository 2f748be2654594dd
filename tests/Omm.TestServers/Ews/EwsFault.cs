using System.Xml;

namespace Omm.TestServers.Ews;

/// <summary>
/// A SOAP fault as Exchange sends it with HTTP 500 (faults/ex2010sp2-...ErrorSchemaValidation-response.xml,
/// faults/exchangelib-ErrorServerBusy-fault.xml): faultcode a:ErrorXxx, faultstring xml:lang="en-US", and a detail
/// of e:ResponseCode, e:Message and t:MessageXml. No SOAP header.
/// </summary>
internal sealed class EwsFault(string code, string faultString, string message, Action<XmlWriter>? messageXml = null) : Exception(faultString)
{
    public string Code { get; } = code;

    public static EwsFault ServerBusy(TimeSpan backOff) => new(
        "ErrorServerBusy",
        "The server cannot service this request right now. Try again later.",
        "The server cannot service this request right now. Try again later.",
        xml => Value(xml, "BackOffMilliseconds", ((long)Math.Ceiling(backOff.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static EwsFault SchemaValidation(SchemaViolation violation) => new(
        "ErrorSchemaValidation",
        "The request failed schema validation: " + violation.Message,
        "The request failed schema validation.",
        xml =>
        {
            xml.WriteElementString("t", "LineNumber", EwsNamespaces.Types, violation.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteElementString("t", "LinePosition", EwsNamespaces.Types, violation.LinePosition.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteElementString("t", "Violation", EwsNamespaces.Types, violation.Message);
        });

    public static EwsFault InvalidRequest(string why) => new("ErrorInvalidRequest", "The request is invalid.", why);

    public static EwsFault ImpersonateUserDenied() => new(
        "ErrorImpersonateUserDenied",
        "The account does not have permission to impersonate the requested user.",
        "The account does not have permission to impersonate the requested user.");

    public static EwsFault NonExistentMailbox(string address) => new(
        "ErrorNonExistentMailbox",
        "The SMTP address has no mailbox associated with it.",
        "The SMTP address has no mailbox associated with it.",
        xml => Value(xml, "SmtpAddress", address));

    public static EwsFault ExceededConnectionCount() => new(
        "ErrorExceededConnectionCount",
        "You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed.",
        "You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed.");

    public void Write(Stream output)
    {
        using var xml = XmlWriter.Create(output, EwsResponseWriter.Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("s", "Envelope", EwsNamespaces.Soap);
        xml.WriteStartElement("s", "Body", EwsNamespaces.Soap);
        xml.WriteStartElement("s", "Fault", EwsNamespaces.Soap);
        xml.WriteStartElement("faultcode");
        xml.WriteAttributeString("xmlns", "a", null, EwsNamespaces.Types);
        xml.WriteString("a:" + Code);
        xml.WriteEndElement();
        xml.WriteStartElement("faultstring");
        xml.WriteAttributeString("xml", "lang", null, "en-US");
        xml.WriteString(Message);
        xml.WriteEndElement();
        xml.WriteStartElement("detail");
        xml.WriteStartElement("e", "ResponseCode", EwsNamespaces.Errors);
        xml.WriteString(Code);
        xml.WriteEndElement();
        xml.WriteStartElement("e", "Message", EwsNamespaces.Errors);
        xml.WriteString(message);
        xml.WriteEndElement();
        if (messageXml != null)
        {
            xml.WriteStartElement("t", "MessageXml", EwsNamespaces.Types);
            messageXml(xml);
            xml.WriteEndElement();
        }

        xml.WriteEndDocument();
    }

    private static void Value(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("t", "Value", EwsNamespaces.Types);
        xml.WriteAttributeString("Name", name);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
