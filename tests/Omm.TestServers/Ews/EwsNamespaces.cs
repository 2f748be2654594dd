using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>The namespace URIs of EWS over SOAP 1.1 (always http://, whatever some Microsoft pages print).</summary>
internal static class EwsNamespaces
{
    public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Messages = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public const string Types = "http://schemas.microsoft.com/exchange/services/2006/types";
    public const string Errors = "http://schemas.microsoft.com/exchange/services/2006/errors";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";

    public static readonly XNamespace M = Messages;
    public static readonly XNamespace T = Types;
    public static readonly XNamespace S = Soap;
}
