using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>An address book or a calendar on a CardDAV/CalDAV server, as the server described it.</summary>
    public sealed class DavCollection
    {
        public DavCollection(
            string href,
            DavCollectionKind kind,
            string? displayName = null,
            string? color = null,
            string? description = null,
            IReadOnlyList<string>? components = null,
            IReadOnlyList<string>? addressDataVersions = null,
            string? cTag = null,
            string? syncToken = null)
        {
            Href = href ?? throw new ArgumentNullException(nameof(href));
            Kind = kind;
            DisplayName = displayName;
            Color = color;
            Description = description;
            Components = components ?? Array.Empty<string>();
            AddressDataVersions = addressDataVersions ?? Array.Empty<string>();
            CTag = cTag;
            SyncToken = syncToken;
        }

        /// <summary>The absolute path on the server (canonical percent-encoding, see <see cref="DavHref"/>); ends with '/'.</summary>
        public string Href { get; }

        public DavCollectionKind Kind { get; }

        public string? DisplayName { get; }

        /// <summary>The display name, else the last segment of the href (decoded): what a person calls it.</summary>
        public string Name
        {
            get
            {
                if (!string.IsNullOrWhiteSpace(DisplayName))
                    return DisplayName!;
                var segments = Href.TrimEnd('/').Split('/');
                return Uri.UnescapeDataString(segments[segments.Length - 1]);
            }
        }

        /// <summary>apple:calendar-color as the server keeps it, e.g. "#FF8800" or "#FF8800FF".</summary>
        public string? Color { get; }

        public string? Description { get; }

        /// <summary>Calendars: the component names the server accepts ("VEVENT", "VTODO", ...); empty means any.</summary>
        public IReadOnlyList<string> Components { get; }

        /// <summary>Address books: the vCard versions the server accepts ("3.0", "4.0"); empty means unknown.</summary>
        public IReadOnlyList<string> AddressDataVersions { get; }

        /// <summary>cs:getctag, exactly as the server sent it; changes whenever a member changes.</summary>
        public string? CTag { get; }

        /// <summary>DAV:sync-token (RFC 6578), exactly as the server sent it.</summary>
        public string? SyncToken { get; }

        /// <summary>True when a calendar accepts the component (say "VTODO"); a calendar that lists none accepts any.</summary>
        public bool Accepts(string component) =>
            Kind == DavCollectionKind.Calendar
            && (Components.Count == 0 || Components.Any(c => string.Equals(c, component, StringComparison.OrdinalIgnoreCase)));

        public override string ToString() => $"{Kind} {Href} ({DisplayName})";
    }
}
