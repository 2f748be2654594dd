using System;
using System.Collections.Generic;

namespace Omm.Engine.Folders
{
    /// <summary>
    /// The personal namespace of an account: the prefix its folder names start with and its hierarchy
    /// separator. Folder paths are relative to it: "INBOX.Lists" under the prefix "INBOX." is the
    /// top-level folder "Lists", as "Lists" is where there is no prefix.
    /// </summary>
    public sealed class MailboxNamespace
    {
        /// <param name="prefix">
        /// The prefix, with or without its trailing separator: servers send "INBOX." (Courier, Cyrus), and
        /// MailKit reports it as "INBOX".
        /// </param>
        /// <param name="separator">The hierarchy separator, or '\0' when the server has none.</param>
        public MailboxNamespace(string? prefix, char separator)
        {
            prefix ??= string.Empty;
            Separator = separator;
            Prefix = prefix.Length > 0 && separator != '\0' && prefix[prefix.Length - 1] != separator ? prefix + separator : prefix;
        }

        /// <summary>The prefix, ending with the separator when it is not empty ("INBOX.").</summary>
        public string Prefix { get; }

        /// <summary>The hierarchy separator, or '\0' when the server has no hierarchy.</summary>
        public char Separator { get; }

        public static bool IsInbox(string name) => string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase);

        /// <summary>A folder's path below the namespace: its full name without the prefix; INBOX, and a name outside the prefix, as they are.</summary>
        public string Relative(string fullName) =>
            !IsInbox(fullName) && Prefix.Length > 0 && fullName.StartsWith(Prefix, StringComparison.Ordinal)
                ? fullName.Substring(Prefix.Length)
                : fullName;

        /// <summary>The levels of a folder's path below the namespace ("INBOX.a.b" under "INBOX." is a, b).</summary>
        public string[] Levels(string fullName)
        {
            var relative = Relative(fullName);
            return Separator == '\0' ? new[] { relative } : relative.Split(Separator);
        }

        /// <summary>The full name of the folder made of the first <paramref name="count"/> levels; a lone INBOX stays INBOX.</summary>
        public string FullName(IReadOnlyList<string> levels, int count)
        {
            var parts = new string[count];
            for (var i = 0; i < count; i++)
                parts[i] = levels[i];
            var joined = string.Join(Separator == '\0' ? string.Empty : Separator.ToString(), parts);
            return count == 1 && IsInbox(joined) ? joined : Prefix + joined;
        }

        /// <summary>The full name of a folder's parent, or null for a folder at the top of the namespace (and for INBOX).</summary>
        public string? ParentOf(string fullName)
        {
            var levels = Levels(fullName);
            return levels.Length > 1 ? FullName(levels, levels.Length - 1) : null;
        }

        /// <summary>A folder's own name, its last level.</summary>
        public string LeafOf(string fullName)
        {
            var levels = Levels(fullName);
            return levels[levels.Length - 1];
        }
    }
}
