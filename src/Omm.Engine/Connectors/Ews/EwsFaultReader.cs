using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>Reads a SOAP fault of Exchange (HTTP 500): its EWS code, text and back-off.</summary>
    internal static class EwsFaultReader
    {
        public static EwsException Read(XElement fault)
        {
            var detail = fault.Element("detail");
            var code = ((string?)detail?.Element(XName.Get("ResponseCode", EwsNames.Errors)))?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                // Exchange 2007 and some faults say it only in faultcode: "a:ErrorSchemaValidation", "soap11:Client".
                var faultCode = ((string?)fault.Element("faultcode"))?.Trim() ?? "Fault";
                code = faultCode.Substring(faultCode.IndexOf(':') + 1);
            }

            var message = ((string?)detail?.Element(XName.Get("Message", EwsNames.Errors)))?.Trim();
            if (string.IsNullOrEmpty(message))
                message = ((string?)fault.Element("faultstring"))?.Trim();
            return new EwsException(code!, string.IsNullOrEmpty(message) ? code! : message!, BackOffOf(fault));
        }

        /// <summary>The BackOffMilliseconds value anywhere in the element (a fault's MessageXml or a ResponseMessage's), or null.</summary>
        public static TimeSpan? BackOffOf(XElement element)
        {
            var value = element.Descendants(EwsNames.T + "Value")
                .FirstOrDefault(v => (string?)v.Attribute("Name") == "BackOffMilliseconds");
            return value != null && long.TryParse(value.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0
                ? TimeSpan.FromMilliseconds(milliseconds)
                : (TimeSpan?)null;
        }
    }
}
