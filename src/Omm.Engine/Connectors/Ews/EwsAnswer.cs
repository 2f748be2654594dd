using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// An EWS answer read whole: the response messages of a call, or its SOAP fault. Elements are found by namespace URI,
    /// never by prefix (Exchange 2007 writes soap11:, later versions s:, and both m:/t:).
    /// </summary>
    internal sealed class EwsAnswer
    {
        private EwsAnswer(string? operation, IReadOnlyList<EwsResponseMessage> messages, EwsException? fault, XElement? serverVersion)
        {
            Operation = operation;
            Messages = messages;
            Fault = fault;
            ServerVersion = serverVersion;
        }

        /// <summary>The response element's name without "Response" (GetItem, SyncFolderItems...), null for a fault.</summary>
        public string? Operation { get; }

        public IReadOnlyList<EwsResponseMessage> Messages { get; }

        public EwsException? Fault { get; }

        /// <summary>The ServerVersionInfo header, when the server sent one.</summary>
        public XElement? ServerVersion { get; }

        /// <exception cref="FormatException">It is not a SOAP envelope holding an EWS answer or a fault.</exception>
        public static EwsAnswer Read(Stream body)
        {
            XDocument document;
            try
            {
                using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false });
                document = XDocument.Load(reader);
            }
            catch (XmlException e)
            {
                throw new FormatException($"The answer is not XML ({e.Message}).", e);
            }

            var envelope = document.Root;
            if (envelope == null || envelope.Name != XName.Get("Envelope", EwsNames.Soap))
                throw new FormatException($"The answer is not a SOAP envelope (it begins with <{envelope?.Name.LocalName}>).");
            var version = envelope.Element(XName.Get("Header", EwsNames.Soap))?.Elements().FirstOrDefault(e => e.Name.LocalName == "ServerVersionInfo");
            var content = envelope.Element(XName.Get("Body", EwsNames.Soap))?.Elements().FirstOrDefault()
                ?? throw new FormatException("The SOAP answer has an empty body.");
            if (content.Name == XName.Get("Fault", EwsNames.Soap))
                return new EwsAnswer(null, Array.Empty<EwsResponseMessage>(), EwsFaultReader.Read(content), version);

            var name = content.Name.LocalName;
            if (!name.EndsWith("Response", StringComparison.Ordinal))
                throw new FormatException($"The SOAP answer holds <{name}>, not an EWS response.");
            var messages = content.Element(EwsNames.M + "ResponseMessages")?.Elements().Select(e => new EwsResponseMessage(e)).ToList()
                ?? throw new FormatException($"<{name}> has no ResponseMessages.");
            return new EwsAnswer(name.Substring(0, name.Length - "Response".Length), messages, null, version);
        }
    }
}
