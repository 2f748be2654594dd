using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using static Omm.Engine.Connectors.Dav.DavNames;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>The XML bodies of the PROPFIND, PROPPATCH, REPORT, MKCOL and MKCALENDAR requests the client sends.</summary>
    internal static class DavRequestBodies
    {
        public static string PropFind(params XName[] properties) =>
            Serialize(new XElement(WebDav + "propfind", new XElement(Prop, properties.Select(p => new XElement(p)))));

        public static readonly XName[] CollectionProperties =
        {
            ResourceType, DisplayName, CalendarColor, CalendarDescription, AddressBookDescription,
            SupportedCalendarComponentSet, SupportedAddressData, GetCTag, SyncToken,
        };

        public static string NewCalendar(string displayName, string? color, string? description, IReadOnlyList<string> components) =>
            Serialize(new XElement(MkCalendar, new XElement(WebDav + "set", new XElement(Prop,
                CalendarProperties(displayName, color, description),
                components.Count == 0
                    ? null
                    : new XElement(SupportedCalendarComponentSet, components.Select(c => new XElement(Comp, new XAttribute("name", c))))))));

        public static string NewAddressBook(string displayName, string? description) =>
            Serialize(new XElement(WebDav + "mkcol", new XElement(WebDav + "set", new XElement(Prop,
                new XElement(ResourceType, new XElement(Collection), new XElement(AddressBook)),
                new XElement(DisplayName, displayName),
                description == null ? null : new XElement(AddressBookDescription, description)))));

        public static string PropertyUpdate(IEnumerable<XElement> properties) =>
            Serialize(new XElement(WebDav + "propertyupdate", new XElement(WebDav + "set", new XElement(Prop, properties))));

        public static string Multiget(DavCollectionKind kind, IEnumerable<string> hrefs)
        {
            var (report, data) = kind == DavCollectionKind.Calendar
                ? (CalendarMultiget, CalendarData)
                : (AddressBookMultiget, AddressData);
            return Serialize(new XElement(report,
                new XElement(Prop, new XElement(GetETag), new XElement(data)),
                hrefs.Select(h => new XElement(Href, h))));
        }

        public static string SyncCollection(string? syncToken) =>
            Serialize(new XElement(WebDav + "sync-collection",
                new XElement(SyncToken, syncToken ?? string.Empty),
                new XElement(WebDav + "sync-level", "1"),
                new XElement(Prop, new XElement(GetETag), new XElement(GetContentType))));

        private static IEnumerable<XElement> CalendarProperties(string displayName, string? color, string? description)
        {
            yield return new XElement(DisplayName, displayName);
            if (color != null)
                yield return new XElement(CalendarColor, color);
            if (description != null)
                yield return new XElement(CalendarDescription, description);
        }

        // Fixed prefixes keep the bodies short and readable in traces.
        private static string Serialize(XElement root)
        {
            root.SetAttributeValue(XNamespace.Xmlns + "d", WebDav.NamespaceName);
            root.SetAttributeValue(XNamespace.Xmlns + "c", CalDav.NamespaceName);
            root.SetAttributeValue(XNamespace.Xmlns + "card", CardDav.NamespaceName);
            root.SetAttributeValue(XNamespace.Xmlns + "cs", CalendarServer.NamespaceName);
            root.SetAttributeValue(XNamespace.Xmlns + "ical", AppleIcal.NamespaceName);
            return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + root.ToString(SaveOptions.DisableFormatting);
        }
    }
}
