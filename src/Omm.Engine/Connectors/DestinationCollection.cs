using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors
{
    /// <summary>An address book, calendar or task list of an <see cref="ICollectionDestination"/>.</summary>
    internal sealed class DestinationCollection
    {
        public DestinationCollection(string key, DavCollectionKind kind, string name, IReadOnlyList<string>? components = null,
            IReadOnlyList<string>? contactVersions = null)
        {
            Key = key;
            Kind = kind;
            Name = name;
            Components = components ?? Array.Empty<string>();
            ContactVersions = contactVersions ?? Array.Empty<string>();
        }

        /// <summary>Identifies it on the destination from one pass to the next (recorded in the state).</summary>
        public string Key { get; }

        public DavCollectionKind Kind { get; }

        /// <summary>What a person calls it: its display name, else what the destination names it by.</summary>
        public string Name { get; }

        /// <summary>Calendars: the component types it takes ("VEVENT", "VTODO"); empty means any.</summary>
        public IReadOnlyList<string> Components { get; }

        /// <summary>Address books: the vCard versions it takes ("3.0", "4.0"); empty means unknown.</summary>
        public IReadOnlyList<string> ContactVersions { get; }

        public override string ToString() => $"{Kind} {Key} ({Name})";
    }
}
