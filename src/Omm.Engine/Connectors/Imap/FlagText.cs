using System;
using System.Collections.Generic;
using System.Linq;
using MailKit;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>The flags a migration keeps on a copy, written as one comparable text ("\Flagged \Seen $Forwarded").</summary>
    internal static class FlagText
    {
        /// <summary>System flags a copy keeps; \Recent belongs to a session and cannot be set.</summary>
        public const MessageFlags Kept = MessageFlags.Seen | MessageFlags.Answered | MessageFlags.Flagged | MessageFlags.Draft | MessageFlags.Deleted;

        private static readonly (MessageFlags Flag, string Name)[] Names =
        {
            (MessageFlags.Answered, "\\Answered"),
            (MessageFlags.Deleted, "\\Deleted"),
            (MessageFlags.Draft, "\\Draft"),
            (MessageFlags.Flagged, "\\Flagged"),
            (MessageFlags.Seen, "\\Seen"),
        };

        public static string Of(MessageFlags? flags, IEnumerable<string>? keywords)
        {
            var kept = (flags ?? MessageFlags.None) & Kept;
            var parts = Names.Where(n => (kept & n.Flag) != 0).Select(n => n.Name)
                .Concat((keywords ?? Enumerable.Empty<string>()).OrderBy(k => k, StringComparer.Ordinal));
            return string.Join(" ", parts);
        }
    }
}
