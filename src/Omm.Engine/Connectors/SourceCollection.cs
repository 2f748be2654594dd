using System.Collections.Generic;
using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Connectors
{
    /// <summary>An address book, calendar or task list of a source: a DAV collection, a file, or a PST folder.</summary>
    internal sealed class SourceCollection
    {
        public SourceCollection(string key, DavCollectionKind kind, string displayName, IReadOnlyList<string> components,
            string? color = null, string? description = null, string? changeState = null, bool isDefault = false)
        {
            Key = key;
            Kind = kind;
            DisplayName = displayName;
            Components = components;
            Color = color;
            Description = description;
            ChangeState = changeState;
            IsDefault = isDefault;
        }

        /// <summary>Stable for the same source: the href on a DAV server, a fixed name in a file, the folder path in a PST.</summary>
        public string Key { get; }

        public DavCollectionKind Kind { get; }

        public string DisplayName { get; }

        /// <summary>For calendars, the component types it holds ("VEVENT", "VTODO"); empty for any.</summary>
        public IReadOnlyList<string> Components { get; }

        public string? Color { get; }

        public string? Description { get; }

        /// <summary>A sync-token or CTag: when it has not moved since a pass that dealt with every item, nothing changed.</summary>
        public string? ChangeState { get; }

        /// <summary>
        /// The source's main address book, calendar or task list (a .vcf or .ics file, a PST's Contacts,
        /// Calendar and Tasks folders): it goes into the destination's own when no collection has its name.
        /// </summary>
        public bool IsDefault { get; }

        public bool HoldsOnlyTasks => Components.Count == 1 && Components[0] == "VTODO";

        public override string ToString() => DisplayName;
    }
}
