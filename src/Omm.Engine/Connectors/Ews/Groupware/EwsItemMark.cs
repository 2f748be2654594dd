using System;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// What Omm writes on every contact, calendar item and task it creates in Exchange, in a named property of its own: the
    /// source item's UID and the SHA-256 of the vCard/iCalendar it was made from. Exchange keeps typed fields, not the text,
    /// so the mark is how a later pass finds the copy of a UID (a second copy is refused) and knows a copy made by a killed
    /// pass for exactly this content (taken as made, without a warning).
    /// </summary>
    internal sealed class EwsItemMark
    {
        public const string PropertyName = "OmmItem";

        /// <summary>The hash of a copy still being made (its exceptions or photo to come): a later pass makes it again.</summary>
        public const string Incomplete = "0000000000000000000000000000000000000000000000000000000000000000";

        public EwsItemMark(string uid, string contentHash)
        {
            Uid = uid;
            ContentHash = contentHash;
        }

        public string Uid { get; }

        /// <summary>Lower-case hex SHA-256 of the UTF-8 text the copy was made from.</summary>
        public string ContentHash { get; }

        public static EwsItemMark For(string uid, string data) => new EwsItemMark(uid, HashOf(data));

        public static string HashOf(string data)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(data))).Replace("-", string.Empty).ToLowerInvariant();
        }

        public static void WriteUri(XmlWriter writer)
        {
            writer.WriteStartElement("ExtendedFieldURI", EwsNames.Types);
            writer.WriteAttributeString("PropertySetId", EwsCopyMark.PropertySetId);
            writer.WriteAttributeString("PropertyName", PropertyName);
            writer.WriteAttributeString("PropertyType", "String");
            writer.WriteEndElement();
        }

        /// <summary>The t:ExtendedProperty element that carries the mark, to go into a new item.</summary>
        public XElement ToElement() =>
            new XElement(EwsNames.T + "ExtendedProperty",
                new XElement(EwsNames.T + "ExtendedFieldURI",
                    new XAttribute("PropertySetId", EwsCopyMark.PropertySetId),
                    new XAttribute("PropertyName", PropertyName),
                    new XAttribute("PropertyType", "String")),
                new XElement(EwsNames.T + "Value", ToString()));

        /// <summary>"1;sha256-hex;uid" (the UID last, as it may hold ';').</summary>
        public override string ToString() => "1;" + ContentHash + ";" + Uid;

        /// <summary>The mark among an item's extended properties, or null when it has none Omm wrote.</summary>
        public static EwsItemMark? Of(XElement item)
        {
            foreach (var property in item.Elements(EwsNames.T + "ExtendedProperty"))
            {
                if ((string?)property.Element(EwsNames.T + "ExtendedFieldURI")?.Attribute("PropertyName") == PropertyName)
                    return Parse((string?)property.Element(EwsNames.T + "Value"));
            }

            return null;
        }

        public static EwsItemMark? Parse(string? value)
        {
            if (value == null)
                return null;
            var parts = value.Split(new[] { ';' }, 3);
            return parts.Length == 3 && parts[0] == "1" && parts[1].Length == 64 && parts[2].Length > 0 ? new EwsItemMark(parts[2], parts[1]) : null;
        }
    }
}
