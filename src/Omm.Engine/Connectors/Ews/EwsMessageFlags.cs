using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using MailKit;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// IMAP flags and keywords as Exchange keeps them: \Seen is IsRead, \Flagged a follow-up flag, \Answered and $Forwarded
    /// the last verb executed (and the icon Outlook shows), keywords categories. \Deleted has no place in Exchange.
    /// </summary>
    internal static class EwsMessageFlags
    {
        /// <summary>PR_ICON_INDEX: 261 replied, 262 forwarded.</summary>
        public const int IconIndexTag = 0x1080;

        /// <summary>PR_MESSAGE_FLAGS, which Exchange reads only when a message is created.</summary>
        public const int MessageFlagsTag = 0x0E07;

        /// <summary>PR_MESSAGE_DELIVERY_TIME: when it was received.</summary>
        public const int DeliveryTimeTag = 0x0E06;

        /// <summary>PR_CLIENT_SUBMIT_TIME: when it was sent.</summary>
        public const int SubmitTimeTag = 0x0039;

        private const int Read = 0x1;
        private const int Unsent = 0x8;

        /// <summary>PR_MESSAGE_FLAGS for a new message: read or not; unsent (a draft) only for a draft.</summary>
        public static int MessageFlagsOf(MessageFlags flags) =>
            ((flags & MessageFlags.Seen) != 0 ? Read : 0) | ((flags & MessageFlags.Draft) != 0 ? Unsent : 0);

        /// <summary>102 for an answered message, 104 for a forwarded one, null for neither.</summary>
        public static int? LastVerb(MessageFlags flags, IReadOnlyCollection<string> keywords) =>
            (flags & MessageFlags.Answered) != 0 ? 102 : keywords.Contains("$Forwarded") ? 104 : (int?)null;

        public static int IconOf(int lastVerb) => lastVerb == 104 ? 262 : 261;

        /// <summary>The keywords kept as categories: all but $Forwarded, which the last verb says.</summary>
        public static IReadOnlyList<string> Categories(IReadOnlyCollection<string> keywords) =>
            keywords.Where(k => !string.Equals(k, "$Forwarded", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>What a copy cannot keep, for an item warning; null when it keeps everything.</summary>
        public static string? Lost(MessageFlags flags) =>
            (flags & MessageFlags.Deleted) != 0 ? "The flag \\Deleted was not kept: Exchange has no such state (the message is copied as it is)." : null;

        public static void WriteCategories(XmlWriter writer, IReadOnlyList<string> categories)
        {
            writer.WriteStartElement("Categories", EwsNames.Types);
            foreach (var category in categories)
                writer.WriteElementString("String", EwsNames.Types, category);
            writer.WriteEndElement();
        }

        public static void WriteFlag(XmlWriter writer, bool flagged)
        {
            writer.WriteStartElement("Flag", EwsNames.Types);
            writer.WriteElementString("FlagStatus", EwsNames.Types, flagged ? "Flagged" : "NotFlagged");
            writer.WriteEndElement();
        }
    }
}
