using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>What discovery found: the user's principal and where their calendars and address books live.</summary>
    public sealed class DavAccount
    {
        public DavAccount(string principal, IReadOnlyList<string> calendarHomes, IReadOnlyList<string> addressBookHomes)
        {
            Principal = principal ?? throw new ArgumentNullException(nameof(principal));
            CalendarHomes = calendarHomes ?? throw new ArgumentNullException(nameof(calendarHomes));
            AddressBookHomes = addressBookHomes ?? throw new ArgumentNullException(nameof(addressBookHomes));
        }

        /// <summary>The principal's href (DAV:current-user-principal), e.g. "/alice/".</summary>
        public string Principal { get; }

        /// <summary>caldav:calendar-home-set hrefs; empty when the server offers no CalDAV.</summary>
        public IReadOnlyList<string> CalendarHomes { get; }

        /// <summary>carddav:addressbook-home-set hrefs; empty when the server offers no CardDAV.</summary>
        public IReadOnlyList<string> AddressBookHomes { get; }

        public override string ToString() =>
            $"{Principal} calendars: {string.Join(", ", CalendarHomes)}; address books: {string.Join(", ", AddressBookHomes)}";
    }
}
