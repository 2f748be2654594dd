using System.Linq;
using System;
using Omm.Engine.Connectors;
using Omm.Engine.Contacts;

namespace Omm.Engine.Groupware
{
    /// <summary>
    /// What is written for an item: vCards as 3.0, which every CardDAV server takes (RFC 6352 §5.1),
    /// unless the card is 4.0 and the address book says it takes 4.0 (a 3.0 card keeps its bytes unless
    /// its values break 3.0's escaping, see <see cref="VCard.ToVersion3"/>); calendar resources as the source
    /// holds them, or rebuilt without METHOD and with one UID per resource (RFC 4791 §4.1).
    /// </summary>
    internal static class DestinationFormat
    {
        public static (string Data, string ContentType) Prepare(SourceItem item, DestinationCollection destination)
        {
            if (item.Card != null)
            {
                var card = item.Card;
                var keep = card.Version == "4.0" && destination.ContactVersions.Contains("4.0");
                return (keep ? card.Text : card.ToVersion3(), "text/vcard; charset=utf-8");
            }

            var calendar = item.Calendar ?? throw new InvalidOperationException("An unreadable item has nothing to write.");
            return (item.SourceData ?? calendar.Text, "text/calendar; charset=utf-8");
        }

        /// <summary>
        /// The item as <paramref name="sent"/> (what <see cref="Prepare"/> gave), repaired for a server that refused it: a
        /// vCard 4.0 goes as 3.0, and what servers were seen to refuse is rewritten (<see cref="VCardRepair"/>,
        /// <see cref="CalendarRepair"/>). Null when nothing could be repaired.
        /// </summary>
        public static RepairedItem? Repair(SourceItem item, string sent)
        {
            if (item.Card == null)
                return CalendarRepair.Repair(sent);
            if (!IsVersion4(sent))
                return VCardRepair.Repair(sent, Array.Empty<string>());
            return VCardRepair.Repair(item.Card.ToVersion3(), new[] { "sent it as vCard 3.0 instead of 4.0" });
        }

        private static bool IsVersion4(string card) =>
            card.Replace("\r\n", "\n").Split('\n').Any(l => l.Trim().Equals("VERSION:4.0", StringComparison.OrdinalIgnoreCase));

        /// <summary>The same text but for line ends and folding (servers may rewrite both).</summary>
        public static bool SameContent(string a, string b) => string.Equals(Unfolded(a), Unfolded(b), StringComparison.Ordinal);

        private static string Unfolded(string text) =>
            text.Replace("\r\n", "\n").Replace("\n ", string.Empty).Replace("\n\t", string.Empty).Trim();
    }
}
