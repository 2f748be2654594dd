using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Accounts
{
    /// <summary>One row of an accounts list (a CSV or Excel line, or an object piped in): values by column name.</summary>
    public sealed class AccountRow
    {
        private readonly Dictionary<string, string> values;

        /// <param name="number">The row's number as its user sees it.</param>
        /// <param name="origin">Where it comes from: a file name, or "the input".</param>
        /// <param name="cells">Values by column name.</param>
        /// <param name="numberName">What the number counts: "Line" in a CSV file (the header is line 1), "Row" in a workbook or the pipeline.</param>
        public AccountRow(int number, string origin, IEnumerable<KeyValuePair<string, string?>> cells, string numberName = "Row")
        {
            Number = number;
            Origin = origin;
            NumberName = numberName;
            values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var cell in cells)
            {
                var name = cell.Key?.Trim();
                if (!string.IsNullOrEmpty(name) && !values.ContainsKey(name!))
                    values[name!] = cell.Value?.Trim() ?? string.Empty;
            }
        }

        /// <summary>The row of a migration given on the command line alone: no cells, so every value comes from the parameters.</summary>
        public static AccountRow CommandLine() => new AccountRow(1, CommandLineOrigin, Array.Empty<KeyValuePair<string, string?>>());

        /// <summary>Whether this is the <see cref="CommandLine"/> row, whose problems are the parameters'.</summary>
        public bool IsCommandLine => Origin == CommandLineOrigin;

        /// <summary>The row's number as its user sees it: its line in a CSV file, its row in a sheet (the header being 1), its place in the pipeline (1 for the first object).</summary>
        public int Number { get; }

        /// <summary>"Line" or "Row".</summary>
        public string NumberName { get; }

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

        /// <summary>"Line 4 of accounts.csv".</summary>
        public string Describe() => $"{NumberName} {Number} of {Origin}";

        public string Describe(string column) => $"{Describe()}, column '{column}'";

        /// <summary>The cells with the value of every secret column (password, token, secret) replaced, to show in error records and logs.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> RedactedCells() =>
            values.Select(cell => new KeyValuePair<string, string>(cell.Key, IsSecretColumn(cell.Key) && cell.Value.Length > 0 ? HiddenValue : cell.Value)).ToList();

        private const string CommandLineOrigin = "the command line";

        /// <summary>What stands for a hidden value.</summary>
        public const string HiddenValue = "(hidden)";

        /// <summary>A column whose values must not be shown: one whose name says password, token or secret.</summary>
        public static bool IsSecretColumn(string column) =>
            column.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 || column.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0
            || column.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
