using System;
using System.Linq;
using Omm.Engine.Contacts;
using Omm.Engine.Dav;

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
        public static (string Data, string ContentType, string Extension) Prepare(SourceItem item, DavCollection destination)
        {
            if (item.Card != null)
            {
                var card = item.Card;
                var keep = card.Version == "4.0" && destination.AddressDataVersions.Contains("4.0");
                return (keep ? card.Text : card.ToVersion3(), "text/vcard; charset=utf-8", ".vcf");
            }

            var calendar = item.Calendar ?? throw new InvalidOperationException("An unreadable item has nothing to write.");
            return (item.SourceData ?? calendar.Text, "text/calendar; charset=utf-8", ".ics");
        }

        /// <summary>The same text but for line ends and folding (servers may rewrite both).</summary>
        public static bool SameContent(string a, string b) => string.Equals(Unfolded(a), Unfolded(b), StringComparison.Ordinal);

        private static string Unfolded(string text) =>
            text.Replace("\r\n", "\n").Replace("\n ", string.Empty).Replace("\n\t", string.Empty).Trim();
    }
}
