using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Endpoints
{
    /// <summary>
    /// What one side needs besides its server, security and login, by kind (a POP3 source's destination folder, ...):
    /// named text values, recorded with the migration so that every later pass reads the side the same way.
    /// </summary>
    public sealed class EndpointOptions : IEnumerable<KeyValuePair<string, string>>
    {
        public static readonly EndpointOptions None = new EndpointOptions(new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        private readonly SortedDictionary<string, string> values;

        private EndpointOptions(SortedDictionary<string, string> values)
        {
            this.values = values;
        }

        public int Count => values.Count;

        /// <summary>The value, or null when the option is not set.</summary>
        public string? this[string name] => values.TryGetValue(name, out var value) ? value : null;

        /// <summary>These options with one set (or, for a null value, removed).</summary>
        public EndpointOptions With(string name, string? value)
        {
            var copy = new SortedDictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            if (value == null)
                copy.Remove(name);
            else
                copy[name] = value;
            return new EndpointOptions(copy);
        }

        public static EndpointOptions From(IEnumerable<KeyValuePair<string, string>> values) =>
            values.Aggregate(None, (options, value) => options.With(value.Key, value.Value));

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
    }
}
