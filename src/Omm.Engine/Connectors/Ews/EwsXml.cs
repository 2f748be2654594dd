using System;
using System.Globalization;
using System.Xml;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>Small pieces of EWS requests written more than once.</summary>
    internal static class EwsXml
    {
        public static void FieldUri(XmlWriter writer, string fieldUri)
        {
            writer.WriteStartElement("FieldURI", EwsNames.Types);
            writer.WriteAttributeString("FieldURI", fieldUri);
            writer.WriteEndElement();
        }

        /// <summary>A folder by id, or by distinguished name when <paramref name="id"/> is one ("inbox", "msgfolderroot").</summary>
        public static void FolderId(XmlWriter writer, string id)
        {
            if (EwsDistinguishedFolders.IsName(id))
            {
                writer.WriteStartElement("DistinguishedFolderId", EwsNames.Types);
                writer.WriteAttributeString("Id", id);
            }
            else
            {
                writer.WriteStartElement("FolderId", EwsNames.Types);
                writer.WriteAttributeString("Id", id);
            }

            writer.WriteEndElement();
        }

        public static void ItemId(XmlWriter writer, string id)
        {
            writer.WriteStartElement("ItemId", EwsNames.Types);
            writer.WriteAttributeString("Id", id);
            writer.WriteEndElement();
        }

        /// <summary>An ExtendedFieldURI of a MAPI property by tag (0x0E07 and its type, Integer, SystemTime...).</summary>
        public static void PropertyTag(XmlWriter writer, int tag, string type)
        {
            writer.WriteStartElement("ExtendedFieldURI", EwsNames.Types);
            writer.WriteAttributeString("PropertyTag", "0x" + tag.ToString("X4", CultureInfo.InvariantCulture));
            writer.WriteAttributeString("PropertyType", type);
            writer.WriteEndElement();
        }

        public static void ExtendedValue(XmlWriter writer, Action<XmlWriter> uri, string value)
        {
            writer.WriteStartElement("ExtendedProperty", EwsNames.Types);
            uri(writer);
            writer.WriteElementString("Value", EwsNames.Types, value);
            writer.WriteEndElement();
        }

        public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
