using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// Reading Autodiscover XML: without DTDs, and by local name, because prefixes and even namespaces vary between
    /// servers and versions (a POX error comes in the 2006 namespace, settings in 2006a).
    /// </summary>
    internal static class AutodiscoverXml
    {
        public static XDocument? TryParse(string text)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            try
            {
                using (var reader = XmlReader.Create(new StringReader(text), settings))
                    return XDocument.Load(reader);
            }
            catch (XmlException)
            {
                return null;
            }
        }

        public static XElement? Child(this XElement? parent, string localName) =>
            parent?.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, localName, System.StringComparison.OrdinalIgnoreCase));

        public static string? ChildText(this XElement? parent, string localName)
        {
            var value = parent.Child(localName)?.Value.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>The first characters of an answer that is not what was expected, to quote it in a message.</summary>
        public static string Excerpt(string text)
        {
            var flat = string.Join(" ", text.Split(new[] { '\r', '\n', '\t', ' ' }, System.StringSplitOptions.RemoveEmptyEntries));
            return flat.Length <= 80 ? flat : flat.Substring(0, 80) + "...";
        }
    }
}
