using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.ContentLines
{
    /// <summary>A BEGIN:NAME ... END:NAME block: its properties and nested components, in file order.</summary>
    public sealed class ContentComponent
    {
        private readonly SourceLines? _source;

        public ContentComponent(string name, IEnumerable<ContentLine> properties, IEnumerable<ContentComponent>? components = null)
            : this(name, properties.ToList(), components?.ToList() ?? new List<ContentComponent>(), 0, 0, null)
        {
        }

        internal ContentComponent(string name, List<ContentLine> properties, List<ContentComponent> components, int lineNumber, int endLineNumber, SourceLines? source)
        {
            Name = name;
            Properties = properties;
            Components = components;
            LineNumber = lineNumber;
            EndLineNumber = endLineNumber;
            _source = source;
        }

        /// <summary>The component name as written after BEGIN: ("VCARD", "vCard", "VEVENT").</summary>
        public string Name { get; }

        /// <summary>Its own properties, without BEGIN/END and without those of nested components.</summary>
        public IReadOnlyList<ContentLine> Properties { get; }

        public IReadOnlyList<ContentComponent> Components { get; }

        /// <summary>Physical line of BEGIN (1-based); 0 when built in code.</summary>
        public int LineNumber { get; }

        /// <summary>Physical line of END (1-based); 0 when built in code.</summary>
        public int EndLineNumber { get; }

        /// <summary>The physical lines from BEGIN to END as read, with CRLF line ends; null when built in code.</summary>
        public string? SourceText => _source?.Join(LineNumber, EndLineNumber);

        public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The first property with that name, or null.</summary>
        public ContentLine? Property(string name) => Properties.FirstOrDefault(p => p.Is(name));

        public IEnumerable<ContentLine> PropertiesNamed(string name) => Properties.Where(p => p.Is(name));

        public ContentComponent WithProperties(IEnumerable<ContentLine> properties) => new ContentComponent(Name, properties.ToList(), Components.ToList(), LineNumber, EndLineNumber, _source);

        public override string ToString() => $"{Name} at line {LineNumber}";
    }
}
