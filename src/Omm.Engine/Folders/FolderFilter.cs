using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Omm.Engine.Folders
{
    /// <summary>Which source folders a migration takes: wildcard patterns (* and ?) on full names, case-insensitive.</summary>
    public sealed class FolderFilter
    {
        private readonly IReadOnlyList<Regex> include;
        private readonly IReadOnlyList<Regex> exclude;
        private readonly IReadOnlyList<string> named;

        public FolderFilter(IEnumerable<string> include, IEnumerable<string> exclude)
        {
            var patterns = include.ToList();
            this.include = patterns.Select(Compile).ToList();
            this.exclude = exclude.Select(Compile).ToList();
            named = patterns.Where(p => p.IndexOfAny(new[] { '*', '?' }) < 0).ToList();
        }

        public static FolderFilter All { get; } = new FolderFilter(Array.Empty<string>(), Array.Empty<string>());

        /// <summary>A folder is taken when it matches an include pattern (or there is none) and no exclude pattern.</summary>
        public bool Takes(string fullName) =>
            (include.Count == 0 || include.Any(p => p.IsMatch(fullName))) && !exclude.Any(p => p.IsMatch(fullName));

        /// <summary>Whether an include pattern names the folder itself, without a wildcard (and no exclude pattern matches it).</summary>
        public bool Names(string fullName) =>
            named.Any(n => string.Equals(n, fullName, StringComparison.OrdinalIgnoreCase)) && !exclude.Any(p => p.IsMatch(fullName));

        private static Regex Compile(string pattern) =>
            new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
