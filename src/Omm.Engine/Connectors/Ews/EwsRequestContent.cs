using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using System.Xml;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// A SOAP request written straight onto the connection as it is sent: a message's base64 MimeContent is encoded
    /// chunk by chunk from its stream, never held as one string.
    /// </summary>
    internal sealed class EwsRequestContent : HttpContent
    {
        private static readonly XmlWriterSettings Settings = new XmlWriterSettings
        {
            Async = true,
            Encoding = new UTF8Encoding(false),
            CloseOutput = false,
            Indent = false,
        };

        private readonly string? impersonatedMailbox;
        private readonly Func<XmlWriter, Task> writeBody;

        public EwsRequestContent(string? impersonatedMailbox, Func<XmlWriter, Task> writeBody)
        {
            this.impersonatedMailbox = impersonatedMailbox;
            this.writeBody = writeBody;
            Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var writer = XmlWriter.Create(stream, Settings);
            await writer.WriteStartDocumentAsync().ConfigureAwait(false);
            writer.WriteStartElement("soap", "Envelope", EwsNames.Soap);
            writer.WriteAttributeString("xmlns", "m", null, EwsNames.Messages);
            writer.WriteAttributeString("xmlns", "t", null, EwsNames.Types);
            writer.WriteStartElement("Header", EwsNames.Soap);
            writer.WriteStartElement("RequestServerVersion", EwsNames.Types);
            writer.WriteAttributeString("Version", EwsNames.RequestedVersion);
            writer.WriteEndElement();
            if (impersonatedMailbox != null)
            {
                writer.WriteStartElement("ExchangeImpersonation", EwsNames.Types);
                writer.WriteStartElement("ConnectingSID", EwsNames.Types);
                writer.WriteElementString("SmtpAddress", EwsNames.Types, impersonatedMailbox);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteStartElement("Body", EwsNames.Soap);
            await writeBody(writer).ConfigureAwait(false);
            writer.WriteEndElement();
            writer.WriteEndElement();
            await writer.WriteEndDocumentAsync().ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
