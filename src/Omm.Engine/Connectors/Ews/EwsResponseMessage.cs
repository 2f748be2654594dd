using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>One ResponseMessage of an EWS answer: its class, code and text, and the element itself for what it holds.</summary>
    internal sealed class EwsResponseMessage
    {
        public EwsResponseMessage(XElement element)
        {
            Element = element;
            Class = (string?)element.Attribute("ResponseClass") ?? "Success";
            Code = ((string?)element.Element(EwsNames.M + "ResponseCode"))?.Trim() ?? "NoError";
            Text = ((string?)element.Element(EwsNames.M + "MessageText"))?.Trim();
        }

        public XElement Element { get; }

        /// <summary>Success, Warning or Error.</summary>
        public string Class { get; }

        public string Code { get; }

        public string? Text { get; }

        public bool IsError => Class == "Error";

        /// <summary>The error as an exception, with the back-off Exchange asked for if it did.</summary>
        public EwsException ToException() => new EwsException(Code, Text ?? Code, EwsFaultReader.BackOffOf(Element));
    }
}
