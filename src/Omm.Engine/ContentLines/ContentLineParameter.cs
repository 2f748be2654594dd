using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.ContentLines
{
    /// <summary>
    /// One parameter of a content line: NAME=value[,value...], or a vCard 2.1 bare parameter such as the
    /// WORK of "TEL;WORK;VOICE:" (no name, one value). Values are as written, without their quotes.
    /// </summary>
    public sealed class ContentLineParameter
    {
        public ContentLineParameter(string? name, IEnumerable<string> values)
        {
            Name = name;
            Values = values.ToList();
        }

        public ContentLineParameter(string? name, params string[] values)
            : this(name, (IEnumerable<string>)values)
        {
        }

        /// <summary>The name as written; null for a vCard 2.1 bare parameter.</summary>
        public string? Name { get; }

        public IReadOnlyList<string> Values { get; }

        public bool IsBare => Name == null;

        /// <summary>The values joined with commas.</summary>
        public string Value => string.Join(",", Values);

        public bool Is(string name) => Name != null && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => ContentLineWriter.FormatParameter(this);
    }
}
