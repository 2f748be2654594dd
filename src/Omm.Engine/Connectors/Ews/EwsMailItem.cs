using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using MailKit;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>A message of an Exchange folder as listed (FindItem, SyncFolderItems, GetItem without its MIME).</summary>
    internal sealed class EwsMailItem
    {
        /// <summary>PR_LAST_VERB_EXECUTED: what was last done with the message (102 reply, 103 reply all, 104 forward).</summary>
        public const int LastVerbTag = 0x1081;

        /// <summary>The properties asked for each message listed.</summary>
        public static readonly string[] Fields =
        {
            "item:Subject", "item:DateTimeReceived", "item:Size", "item:Categories", "item:IsDraft", "item:ItemClass", "item:Flag",
            "message:IsRead", "message:InternetMessageId",
        };

        public EwsMailItem(string id, string? subject, DateTimeOffset? received, long? size, bool isRead, bool isDraft, bool flagged, int? lastVerb,
            IReadOnlyList<string> categories, string? messageId, EwsCopyMark? mark)
        {
            Id = id;
            Subject = subject;
            Received = received;
            Size = size;
            IsRead = isRead;
            IsDraft = isDraft;
            Flagged = flagged;
            LastVerb = lastVerb;
            Categories = categories;
            MessageId = messageId;
            Mark = mark;
        }

        public string Id { get; }

        public string? Subject { get; }

        public DateTimeOffset? Received { get; }

        public long? Size { get; }

        public bool IsRead { get; }

        public bool IsDraft { get; }

        public bool Flagged { get; }

        public int? LastVerb { get; }

        public IReadOnlyList<string> Categories { get; }

        /// <summary>The Message-ID without its angle brackets.</summary>
        public string? MessageId { get; }

        /// <summary>Omm's mark when Omm made this message.</summary>
        public EwsCopyMark? Mark { get; }

        /// <summary>The message's state as IMAP flags: read, flagged for follow-up, draft, answered (its last verb a reply).</summary>
        public MessageFlags Flags =>
            (IsRead ? MessageFlags.Seen : MessageFlags.None)
            | (Flagged ? MessageFlags.Flagged : MessageFlags.None)
            | (IsDraft ? MessageFlags.Draft : MessageFlags.None)
            | (LastVerb == 102 || LastVerb == 103 ? MessageFlags.Answered : MessageFlags.None);

        /// <summary>Categories, and $Forwarded when the message was last forwarded.</summary>
        public IReadOnlyCollection<string> Keywords =>
            LastVerb == 104 && !Categories.Contains("$Forwarded") ? Categories.Concat(new[] { "$Forwarded" }).ToList() : Categories;

        /// <summary>Writes what <see cref="Parse"/> reads, besides <see cref="Fields"/>: the last verb and Omm's mark.</summary>
        public static void WriteShape(XmlWriter writer, string element = "ItemShape")
        {
            writer.WriteStartElement(element, EwsNames.Messages);
            writer.WriteElementString("BaseShape", EwsNames.Types, "IdOnly");
            writer.WriteStartElement("AdditionalProperties", EwsNames.Types);
            foreach (var field in Fields)
                EwsXml.FieldUri(writer, field);
            EwsXml.PropertyTag(writer, LastVerbTag, "Integer");
            EwsCopyMark.WriteUri(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        /// <summary>Reads an item element (t:Message, t:MeetingRequest...).</summary>
        public static EwsMailItem Parse(XElement item)
        {
            var id = (string?)item.Element(EwsNames.T + "ItemId")?.Attribute("Id") ?? throw new FormatException($"A <{item.Name.LocalName}> has no ItemId.");
            int? verb = null;
            string? mark = null;
            foreach (var property in item.Elements(EwsNames.T + "ExtendedProperty"))
            {
                var uri = property.Element(EwsNames.T + "ExtendedFieldURI");
                var value = (string?)property.Element(EwsNames.T + "Value");
                if ((string?)uri?.Attribute("PropertyName") == EwsCopyMark.PropertyName)
                    mark = value;
                else if (TagOf(uri) == LastVerbTag && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                    verb = parsed;
            }

            var messageId = ((string?)item.Element(EwsNames.T + "InternetMessageId"))?.Trim();
            if (messageId != null && messageId.StartsWith("<", StringComparison.Ordinal) && messageId.EndsWith(">", StringComparison.Ordinal))
                messageId = messageId.Substring(1, messageId.Length - 2);
            return new EwsMailItem(
                id,
                (string?)item.Element(EwsNames.T + "Subject"),
                Date((string?)item.Element(EwsNames.T + "DateTimeReceived")),
                long.TryParse((string?)item.Element(EwsNames.T + "Size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : (long?)null,
                Bool(item.Element(EwsNames.T + "IsRead")),
                Bool(item.Element(EwsNames.T + "IsDraft")),
                (string?)item.Element(EwsNames.T + "Flag")?.Element(EwsNames.T + "FlagStatus") == "Flagged",
                verb,
                item.Element(EwsNames.T + "Categories")?.Elements(EwsNames.T + "String").Select(s => s.Value).Where(s => s.Length > 0).ToList() ?? new List<string>(),
                string.IsNullOrEmpty(messageId) ? null : messageId,
                EwsCopyMark.Parse(mark));
        }

        private static int? TagOf(XElement? uri)
        {
            var tag = (string?)uri?.Attribute("PropertyTag");
            if (tag == null)
                return null;
            return tag.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? int.TryParse(tag.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : (int?)null
                : int.TryParse(tag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
        }

        private static bool Bool(XElement? element) => element != null && string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static DateTimeOffset? Date(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : (DateTimeOffset?)null;
    }
}
