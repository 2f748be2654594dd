using System;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.Endpoints;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Whether the earlier import of a file into the same account takes a new import's pass: yes when the destination
    /// is the same, or gives a side the earlier lacked (a DAV URL, a mail server), which the migration then gets; a
    /// destination that changes or drops a side is refused, as the earlier copies are where the earlier import put them.
    /// </summary>
    public sealed class EarlierImport
    {
        private EarlierImport(string? refusal, string? widening)
        {
            Refusal = refusal;
            Widening = widening;
        }

        /// <summary>Why the earlier import cannot take this one; null when it takes it.</summary>
        public string? Refusal { get; }

        /// <summary>What the earlier migration was given ("now goes into the DAV URL ... too, and copies Mail, Contacts."); null when nothing.</summary>
        public string? Widening { get; }

        /// <summary>Decides, and gives the earlier migration the sides and item types the new import adds.</summary>
        /// <param name="store">The state file.</param>
        /// <param name="earlier">The earlier import of the same file into the same account.</param>
        /// <param name="file">The file, as the refusal names it.</param>
        /// <param name="destination">The new import's destination.</param>
        /// <param name="include">What the new import copies.</param>
        public static EarlierImport Take(StateStore store, Migration earlier, string file, AccountEndpoint destination, IReadOnlyList<ItemType> include)
        {
            var davUrl = destination.DavUrl?.AbsoluteUri;
            var types = earlier.Include.Union(include).ToList();
            // A side matters only for the items that go there: a .vcf imported again without the mail server is the same import.
            var mailMatters = types.Contains(ItemType.Mail);
            var davMatters = types.Any(ItemSupport.IsGroupware);
            var earlierHasMail = TakesMail(earlier.DestinationType);
            var keepsMail = !mailMatters || !earlierHasMail
                            || (destination.Type == earlier.DestinationType && string.Equals(earlier.DestinationServer, destination.Server, StringComparison.OrdinalIgnoreCase));
            var keepsDav = !davMatters || earlier.DestinationDavUrl == null || string.Equals(earlier.DestinationDavUrl, davUrl, StringComparison.OrdinalIgnoreCase);
            if (!keepsDav || !keepsMail)
            {
                var before = earlierHasMail
                    ? $"with the mail server {earlier.DestinationServer} and {(earlier.DestinationDavUrl == null ? "no DAV URL" : "the DAV URL " + earlier.DestinationDavUrl)}"
                    : $"with the DAV URL {earlier.DestinationDavUrl} alone";
                return new EarlierImport(
                    $"'{file}' was imported into {destination.Account} before (migration {earlier.Id}) {before}; " +
                    "import it again with the same destination (adding a DAV URL or a mail server it lacked), or into another account.", null);
            }

            var addsMail = mailMatters && !earlierHasMail && TakesMail(destination.Type);
            var addsDav = davMatters && earlier.DestinationDavUrl == null && davUrl != null;
            if (!addsMail && !addsDav && types.Count <= earlier.Include.Count)
                return new EarlierImport(null, null);

            var stored = store.GetConnectionSettings(earlier.Id);
            store.WidenDestination(earlier.Id,
                addsMail ? destination.Type : stored.Destination.Type, addsMail ? destination.Server : stored.Destination.Server,
                addsMail ? destination.Security : stored.Destination.Security, addsDav ? davUrl : stored.Destination.DavUrl, types);
            var added = new[] { addsMail ? "the mail server " + destination.Server : null, addsDav ? "the DAV URL " + davUrl : null }.Where(a => a != null).ToList();
            return new EarlierImport(null,
                "now " + (added.Count > 0 ? $"goes into {string.Join(" and ", added)} too, and " : string.Empty) + $"copies {string.Join(", ", types)}.");
        }

        private static bool TakesMail(ServerType type) => type == ServerType.Imap || type == ServerType.Exchange;
    }
}
