using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>Reading and writing the pieces of EWS items (types namespace) that every groupware mapping uses.</summary>
    internal static class EwsItemXml
    {
        public static XName T(string name) => EwsNames.T + name;

        /// <summary>An element of the types namespace; null (left out) when its value is null or empty.</summary>
        public static XElement? Text(string name, string? value) =>
            string.IsNullOrEmpty(value) ? null : new XElement(T(name), Clean(value!));

        public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public static XElement Body(string text) => new XElement(T("Body"), new XAttribute("BodyType", "Text"), Clean(text));

        public static XElement? Categories(IEnumerable<string> categories)
        {
            var list = categories.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? null : new XElement(T("Categories"), list.Select(c => new XElement(T("String"), Clean(c))));
        }

        /// <summary>The text of a child of the types namespace; null when there is none or it is empty.</summary>
        public static string? Child(XElement item, string name)
        {
            var value = item.Element(T(name))?.Value;
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public static DateTime? ChildTime(XElement item, string name)
        {
            var text = Child(item, name);
            if (text == null)
                return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Utc)
                : (DateTime?)null;
        }

        public static bool ChildIsTrue(XElement item, string name) => string.Equals(Child(item, name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        public static List<string> ChildCategories(XElement item) =>
            item.Element(T("Categories"))?.Elements(T("String")).Select(s => s.Value.Trim()).Where(s => s.Length > 0).ToList() ?? new List<string>();

        /// <summary>
        /// The item's body as plain text: a Text body as it is, an HTML one with its tags dropped (<paramref name="isHtml"/> set),
        /// which is why the shapes ask for BodyType Text.
        /// </summary>
        public static string? BodyText(XElement item, out bool isHtml)
        {
            var body = item.Element(T("Body"));
            isHtml = false;
            if (body == null || body.Value.Length == 0)
                return null;
            if (!string.Equals((string?)body.Attribute("BodyType"), "HTML", StringComparison.OrdinalIgnoreCase))
                return body.Value.Replace("\r\n", "\n");
            isHtml = true;
            var text = System.Text.RegularExpressions.Regex.Replace(body.Value, "<(br|/p|/div)[^>]*>", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", "");
            text = System.Net.WebUtility.HtmlDecode(text).Replace("\r\n", "\n");
            return text.Trim();
        }

        /// <summary>The value of an ExtendedProperty whose ExtendedFieldURI has the same attributes as <paramref name="fieldUri"/>.</summary>
        public static string? ExtendedValue(XElement item, XElement fieldUri)
        {
            foreach (var property in item.Elements(T("ExtendedProperty")))
            {
                var uri = property.Element(T("ExtendedFieldURI"));
                if (uri != null && SameField(uri, fieldUri))
                    return property.Element(T("Value"))?.Value;
            }

            return null;
        }

        /// <summary>An ExtendedProperty of a MAPI property by tag (0x3A45, String).</summary>
        public static XElement TaggedProperty(int tag, string type, string value) =>
            new XElement(T("ExtendedProperty"), TaggedField(tag, type), new XElement(T("Value"), Clean(value)));

        public static XElement TaggedField(int tag, string type) =>
            new XElement(T("ExtendedFieldURI"), new XAttribute("PropertyTag", "0x" + tag.ToString("X4", CultureInfo.InvariantCulture)), new XAttribute("PropertyType", type));

        public static XElement FieldUri(string uri) => new XElement(T("FieldURI"), new XAttribute("FieldURI", uri));

        /// <summary>Characters XML 1.0 cannot carry (most control characters) are dropped: Exchange would refuse the whole request.</summary>
        public static string Clean(string value)
        {
            var needs = false;
            foreach (var c in value)
            {
                if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
                {
                    needs = true;
                    break;
                }
            }

            if (!needs)
                return value;
            return new string(value.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
        }

        private static bool SameField(XElement a, XElement b)
        {
            var left = a.Attributes().Where(x => !x.IsNamespaceDeclaration).ToDictionary(x => x.Name.LocalName, x => NormalizeField(x.Name.LocalName, x.Value));
            var right = b.Attributes().Where(x => !x.IsNamespaceDeclaration).ToDictionary(x => x.Name.LocalName, x => NormalizeField(x.Name.LocalName, x.Value));
            return left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var other) && other == pair.Value);
        }

        /// <summary>Exchange echoes GUIDs and tags in its own case ("0x3a45", lower-case GUIDs).</summary>
        private static string NormalizeField(string name, string value) =>
            name == "PropertySetId" || name == "PropertyTag" ? value.Trim().ToUpperInvariant() : value.Trim();
    }
}
