using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.ContentLines
{
    /// <summary>A BEGIN:NAME ... END:NAME block: its properties and nested components, in file order.</summary>
    public sealed class ContentComponent
    {
        private readonly SourceLines? _source;

        private static readonly IReadOnlyList<ContentLineProblem> NoProblems = new ContentLineProblem[0];

        public ContentComponent(string name, IEnumerable<ContentLine> properties, IEnumerable<ContentComponent>? components = null)
            : this(name, properties.ToList(), components?.ToList() ?? new List<ContentComponent>(), 0, 0, null, NoProblems, null, false)
        {
        }

        internal ContentComponent(string name, List<ContentLine> properties, List<ContentComponent> components, int lineNumber, int endLineNumber, SourceLines? source,
            IReadOnlyList<ContentLineProblem> droppedLines, ContentLineProblem? fault, bool hasUnindentedContinuations)
        {
            Name = name;
            Properties = properties;
            Components = components;
            LineNumber = lineNumber;
            EndLineNumber = endLineNumber;
            _source = source;
            DroppedLines = droppedLines;
            Fault = fault;
            HasUnindentedContinuations = hasUnindentedContinuations;
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

        /// <summary>Its own content lines that could not be read and are not in <see cref="Properties"/>, in file order.</summary>
        public IReadOnlyList<ContentLineProblem> DroppedLines { get; }

        /// <summary>
        /// Why its BEGIN and END do not pair up (no END, an END that does not match), or null. The component holds
        /// what was read up to where the reader gave it up; it may be incomplete.
        /// </summary>
        public ContentLineProblem? Fault { get; }

        /// <summary>
        /// True when one of its own values continues on lines without the leading whitespace of folding (a
        /// quoted-printable soft line break, base64 on lines of its own): its <see cref="SourceText"/> is not valid
        /// 3.0 or iCalendar as it stands.
        /// </summary>
        public bool HasUnindentedContinuations { get; }

        /// <summary>Its own <see cref="Fault"/>, else the first fault of a nested component, depth first; null when every BEGIN has its END.</summary>
        public ContentLineProblem? FirstFault()
        {
            if (Fault != null)
                return Fault;
            foreach (var child in Components)
            {
                var fault = child.FirstFault();
                if (fault != null)
                    return fault;
            }

            return null;
        }

        /// <summary>True when it and its nested components were read without dropping, repairing or stretching anything: its <see cref="SourceText"/> says what its properties say.</summary>
        public bool IsClean => DroppedLines.Count == 0 && Fault == null && !HasUnindentedContinuations && Components.All(c => c.IsClean);

        public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The first property with that name, or null.</summary>
        public ContentLine? Property(string name) => Properties.FirstOrDefault(p => p.Is(name));

        public IEnumerable<ContentLine> PropertiesNamed(string name) => Properties.Where(p => p.Is(name));

        public ContentComponent WithProperties(IEnumerable<ContentLine> properties) =>
            new ContentComponent(Name, properties.ToList(), Components.ToList(), LineNumber, EndLineNumber, _source, DroppedLines, Fault, HasUnindentedContinuations);

        public override string ToString() => $"{Name} at line {LineNumber}";
    }
}
