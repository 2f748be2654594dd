using System.Xml.Linq;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>The XML namespaces and element names of WebDAV, CalDAV, CardDAV and the calendarserver/Apple extensions.</summary>
    internal static class DavNames
    {
        public static readonly XNamespace WebDav = "DAV:";
        public static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";
        public static readonly XNamespace CardDav = "urn:ietf:params:xml:ns:carddav";
        public static readonly XNamespace CalendarServer = "http://calendarserver.org/ns/";
        public static readonly XNamespace AppleIcal = "http://apple.com/ns/ical/";

        public static readonly XName Multistatus = WebDav + "multistatus";
        public static readonly XName Response = WebDav + "response";
        public static readonly XName Href = WebDav + "href";
        public static readonly XName Status = WebDav + "status";
        public static readonly XName Propstat = WebDav + "propstat";
        public static readonly XName Prop = WebDav + "prop";
        public static readonly XName Error = WebDav + "error";
        public static readonly XName ResponseDescription = WebDav + "responsedescription";
        public static readonly XName ResourceType = WebDav + "resourcetype";
        public static readonly XName Collection = WebDav + "collection";
        public static readonly XName DisplayName = WebDav + "displayname";
        public static readonly XName GetETag = WebDav + "getetag";
        public static readonly XName GetContentType = WebDav + "getcontenttype";
        public static readonly XName SyncToken = WebDav + "sync-token";
        public static readonly XName CurrentUserPrincipal = WebDav + "current-user-principal";

        public static readonly XName Calendar = CalDav + "calendar";
        public static readonly XName CalendarHomeSet = CalDav + "calendar-home-set";
        public static readonly XName CalendarDescription = CalDav + "calendar-description";
        public static readonly XName SupportedCalendarComponentSet = CalDav + "supported-calendar-component-set";
        public static readonly XName Comp = CalDav + "comp";
        public static readonly XName CalendarData = CalDav + "calendar-data";
        public static readonly XName CalendarMultiget = CalDav + "calendar-multiget";
        public static readonly XName MkCalendar = CalDav + "mkcalendar";

        public static readonly XName AddressBook = CardDav + "addressbook";
        public static readonly XName AddressBookHomeSet = CardDav + "addressbook-home-set";
        public static readonly XName AddressBookDescription = CardDav + "addressbook-description";
        public static readonly XName SupportedAddressData = CardDav + "supported-address-data";
        public static readonly XName AddressData = CardDav + "address-data";
        public static readonly XName AddressBookMultiget = CardDav + "addressbook-multiget";

        public static readonly XName GetCTag = CalendarServer + "getctag";
        public static readonly XName CalendarColor = AppleIcal + "calendar-color";
    }
}
