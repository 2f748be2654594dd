using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// The column layouts an accounts list may have (OVH Mail Migrator's template, Exchange Online's IMAP CSV,
    /// the parameter names), and what to tell a user whose columns match none of them.
    /// </summary>
    public static class AccountLayouts
    {
        /// <summary>OVH Mail Migrator's 10-column project template, as it names its columns.</summary>
        public static readonly IReadOnlyList<string> OvhTemplate = new[]
        {
            "Source Type(IMAP/Exchange/POP)", "Source Server url", "Source Login/Mail", "Source Password", "Destination Type",
            "Destination Url(can be leaved empty if hosted by OVH)", "Destination Mail", "Destination Password",
            "Source admin mail (delegation)", "Destination Admin Mail (delegation)",
        };

        /// <summary>Exchange Online's IMAP migration CSV: destination mailbox, source login and password.</summary>
        public static readonly IReadOnlyList<string> ExchangeOnline = new[] { "EmailAddress", "UserName", "Password" };

        /// <summary>The delimiters a CSV file may use, the usual ones first.</summary>
        public static readonly IReadOnlyList<char> Delimiters = new[] { ';', ',', '\t' };

        private static readonly HashSet<string> KnownColumns = new HashSet<string>(
            AccountField.All.SelectMany(f => f.Columns), StringComparer.OrdinalIgnoreCase);

        /// <summary>The layouts Omm reads, for messages.</summary>
        public static string Expected { get; } =
            $"OVH Mail Migrator's template ({Quoted(OvhTemplate)}), Exchange Online's IMAP CSV ({Quoted(ExchangeOnline)}), " +
            $"or New-OmmMigration's parameter names ({Quoted(AccountField.All.Where(f => f.Columns[0] == f.Name).Select(f => f.Name))})";

        public static bool IsKnownColumn(string column) => KnownColumns.Contains(column.Trim());

        /// <summary>How many of <paramref name="columns"/> are columns Omm reads.</summary>
        public static int CountKnown(IEnumerable<string> columns) => columns.Count(IsKnownColumn);

        /// <summary>
        /// The delimiter the column names hold when a list was split at another one (Import-Csv without
        /// -Delimiter ';' on OVH's template gives one column named after the whole header line); null otherwise.
        /// </summary>
        public static char? DelimiterInside(IReadOnlyList<string> columns)
        {
            foreach (var delimiter in Delimiters)
            {
                if (columns.Any(c => c.IndexOf(delimiter) >= 0 && CountKnown(c.Split(delimiter)) > 0))
                    return delimiter;
            }

            return null;
        }

        /// <summary>
        /// Why rows with these columns, none of which Omm reads, cannot become migrations, and what to do: a sentence
        /// to follow "'accounts.csv' is not an accounts list: " or the like.
        /// </summary>
        /// <param name="columns">The column names found.</param>
        /// <param name="piped">The rows came through the pipeline (Import-Csv), not from -InputFile.</param>
        public static string UnknownColumnsProblem(IReadOnlyList<string> columns, bool piped)
        {
            var delimiter = DelimiterInside(columns);
            if (delimiter != null)
            {
                var shown = delimiter == '\t' ? "tabs" : $"'{delimiter}'";
                var advice = piped
                    ? $"Read it with Import-Csv -Delimiter {(delimiter == '\t' ? "\"`t\"" : $"'{delimiter}'")}."
                    : "Separate the columns with ';', ',' or tabs.";
                return $"the column {Quoted(columns.Where(c => c.IndexOf(delimiter.Value) >= 0).Take(1))} holds {shown} between names of columns Omm reads: " +
                       $"the file was read with the wrong delimiter. {advice}";
            }

            var found = columns.Count == 0 ? "no named column" : Quoted(columns);
            return $"none of its columns is one Omm reads (found: {found}). Expected the columns of {Expected}. " +
                   "The first line (or row) must be the header line; templates are in the module folder, templates/.";
        }

        private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
    }
}
