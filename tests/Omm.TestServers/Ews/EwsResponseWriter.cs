using System.Text;
using System.Xml;

namespace Omm.TestServers.Ews;

/// <summary>
/// Writes an EWS response envelope with the prefixes and namespace declarations of the Exchange 2019 CU15 recordings:
/// s:Envelope, s:Header/h:ServerVersionInfo, s:Body, m:&lt;Op&gt;Response/m:ResponseMessages/m:&lt;Op&gt;ResponseMessage.
/// </summary>
internal sealed class EwsResponseWriter : IDisposable
{
    private readonly string operation;
    private bool finished;

    private EwsResponseWriter(Stream output, string operation)
    {
        this.operation = operation;
        Xml = XmlWriter.Create(output, Settings);
    }

    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
        NamespaceHandling = NamespaceHandling.Default,
    };

    public XmlWriter Xml { get; }

    public static EwsResponseWriter Start(Stream output, string operation)
    {
        var writer = new EwsResponseWriter(output, operation);
        var xml = writer.Xml;
        xml.WriteStartDocument();
        xml.WriteStartElement("s", "Envelope", EwsNamespaces.Soap);
        WriteHeader(xml);
        xml.WriteStartElement("s", "Body", EwsNamespaces.Soap);
        xml.WriteAttributeString("xmlns", "xsi", null, EwsNamespaces.XmlSchemaInstance);
        xml.WriteAttributeString("xmlns", "xsd", null, EwsNamespaces.XmlSchema);
        xml.WriteStartElement("m", operation + "Response", EwsNamespaces.Messages);
        xml.WriteAttributeString("xmlns", "t", null, EwsNamespaces.Types);
        xml.WriteStartElement("m", "ResponseMessages", EwsNamespaces.Messages);
        return writer;
    }

    private static void WriteHeader(XmlWriter xml)
    {
        xml.WriteStartElement("s", "Header", EwsNamespaces.Soap);
        xml.WriteStartElement("h", "ServerVersionInfo", EwsNamespaces.Types);
        xml.WriteAttributeString("MajorVersion", ServerVersion.Major.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("MinorVersion", ServerVersion.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("MajorBuildNumber", ServerVersion.MajorBuild.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("MinorBuildNumber", ServerVersion.MinorBuild.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("Version", ServerVersion.SchemaVersion);
        xml.WriteAttributeString("xmlns", "h", null, EwsNamespaces.Types);
        xml.WriteAttributeString("xmlns", EwsNamespaces.Types);
        xml.WriteAttributeString("xmlns", "xsd", null, EwsNamespaces.XmlSchema);
        xml.WriteAttributeString("xmlns", "xsi", null, EwsNamespaces.XmlSchemaInstance);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Opens m:&lt;Op&gt;ResponseMessage ResponseClass="Success" with its NoError code.</summary>
    public void BeginSuccess()
    {
        Xml.WriteStartElement("m", operation + "ResponseMessage", EwsNamespaces.Messages);
        Xml.WriteAttributeString("ResponseClass", "Success");
        Xml.WriteElementString("m", "ResponseCode", EwsNamespaces.Messages, "NoError");
    }

    /// <summary>Opens an Error message: MessageText, ResponseCode, DescriptiveLinkKey 0, as every recorded error has.</summary>
    public void BeginError(ResponseError error)
    {
        Xml.WriteStartElement("m", operation + "ResponseMessage", EwsNamespaces.Messages);
        Xml.WriteAttributeString("ResponseClass", "Error");
        Xml.WriteElementString("m", "MessageText", EwsNamespaces.Messages, error.Text);
        Xml.WriteElementString("m", "ResponseCode", EwsNamespaces.Messages, error.Code);
        Xml.WriteElementString("m", "DescriptiveLinkKey", EwsNamespaces.Messages, "0");
    }

    /// <summary>A whole Error message; <paramref name="emptyContainer"/> (Folders, Items) follows as an empty element, as Exchange writes it.</summary>
    public void Error(ResponseError error, string? emptyContainer = null)
    {
        BeginError(error);
        if (emptyContainer != null)
        {
            Xml.WriteStartElement("m", emptyContainer, EwsNamespaces.Messages);
            Xml.WriteEndElement();
        }

        EndMessage();
    }

    public void EndMessage() => Xml.WriteEndElement();

    public void StartM(string name) => Xml.WriteStartElement("m", name, EwsNamespaces.Messages);

    public void StartT(string name) => Xml.WriteStartElement("t", name, EwsNamespaces.Types);

    public void End() => Xml.WriteEndElement();

    public void T(string name, string value) => Xml.WriteElementString("t", name, EwsNamespaces.Types, value);

    public void M(string name, string value) => Xml.WriteElementString("m", name, EwsNamespaces.Messages, value);

    public void Id(string element, string id, string changeKey, string prefix = "t")
    {
        Xml.WriteStartElement(prefix, element, prefix == "t" ? EwsNamespaces.Types : EwsNamespaces.Messages);
        Xml.WriteAttributeString("Id", id);
        Xml.WriteAttributeString("ChangeKey", changeKey);
        Xml.WriteEndElement();
    }

    public void Finish()
    {
        if (finished)
            return;
        finished = true;
        Xml.WriteEndDocument();
        Xml.Flush();
    }

    public void Dispose()
    {
        Finish();
        Xml.Dispose();
    }
}
