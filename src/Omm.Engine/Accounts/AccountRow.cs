using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Accounts
{
    /// <summary>One row of an accounts list (a CSV or Excel line, or an object piped in): values by column name.</summary>
    public sealed class AccountRow
    {
        private readonly Dictionary<string, string> values;

        public AccountRow(int number, string origin, IEnumerable<KeyValuePair<string, string?>> cells)
        {
            Number = number;
            Origin = origin;
            values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var cell in cells)
            {
                var name = cell.Key?.Trim();
                if (!string.IsNullOrEmpty(name) && !values.ContainsKey(name!))
                    values[name!] = cell.Value?.Trim() ?? string.Empty;
            }
        }

        /// <summary>1 for the first data row.</summary>
        public int Number { get; }

        /// <summary>Where the row comes from: a file name, or "the input".</summary>
        public string Origin { get; }

        /// <summary>The column names, in a list of their own: the key collection would lead to the values (its SyncRoot) and so to the passwords.</summary>
        public IReadOnlyList<string> Columns => values.Keys.ToList();

        /// <summary>The first of <paramref name="columns"/> this row has, and its value (maybe empty); null when it has none.</summary>
        public (string Column, string Value)? Find(IEnumerable<string> columns)
        {
            foreach (var column in columns)
            {
                if (values.TryGetValue(column, out var value))
                    return (values.Keys.First(k => string.Equals(k, column, StringComparison.OrdinalIgnoreCase)), value);
            }

            return null;
        }

        public string Describe(string column) => $"Row {Number} of {Origin}, column '{column}'";
    }
}
