using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Folders
{
    /// <summary>
    /// Decides where a source folder lands in the destination: INBOX to INBOX, a special folder (and
    /// its subfolders) into the destination folder with the same role whatever its name, everything
    /// else under the same names with the destination's prefix and hierarchy separator.
    /// </summary>
    public sealed class FolderPathMapper
    {
        /// <summary>Replaces the destination separator where it appears inside a source folder name.</summary>
        public const char SeparatorReplacement = '_';

        private readonly MailboxNamespace source;
        private readonly MailboxNamespace destination;
        private readonly IReadOnlyDictionary<string, FolderRole> sourceRoles;
        private readonly IReadOnlyDictionary<FolderRole, string> destinationRoleFolders;

        /// <param name="source">The source namespace.</param>
        /// <param name="destination">The destination namespace.</param>
        /// <param name="sourceRoles">Source folders that have a role, by full name.</param>
        /// <param name="destinationRoleFolders">The destination folder (full name) for each role it has.</param>
        public FolderPathMapper(MailboxNamespace source, MailboxNamespace destination,
            IReadOnlyDictionary<string, FolderRole> sourceRoles, IReadOnlyDictionary<FolderRole, string> destinationRoleFolders)
        {
            this.source = source;
            this.destination = destination;
            this.sourceRoles = sourceRoles;
            this.destinationRoleFolders = destinationRoleFolders;
        }

        public MappedFolder Map(string sourceFullName)
        {
            var segments = SourceSegments(sourceFullName);

            for (var length = segments.Length; length >= 1; length--)
            {
                var ancestor = JoinSource(segments, length);
                if (sourceRoles.TryGetValue(ancestor, out var role) && role != FolderRole.None && role != FolderRole.Inbox
                    && destinationRoleFolders.TryGetValue(role, out var roleFolder))
                    return Below(roleFolder, segments.Skip(length));
            }

            if (MailboxNamespace.IsInbox(segments[0]))
                return Below("INBOX", segments.Skip(1));

            return Below(null, segments);
        }

        private string[] SourceSegments(string fullName)
        {
            var relative = !MailboxNamespace.IsInbox(fullName) && source.Prefix.Length > 0 && fullName.StartsWith(source.Prefix, StringComparison.Ordinal)
                ? fullName.Substring(source.Prefix.Length)
                : fullName;
            return source.Separator == '\0' ? new[] { relative } : relative.Split(source.Separator);
        }

        private string JoinSource(string[] segments, int length)
        {
            var joined = string.Join(source.Separator == '\0' ? string.Empty : source.Separator.ToString(), segments, 0, length);
            return length == 1 && MailboxNamespace.IsInbox(joined) ? joined : source.Prefix + joined;
        }

        private MappedFolder Below(string? parent, IEnumerable<string> children)
        {
            var renamed = false;
            var separator = destination.Separator == '\0' ? '/' : destination.Separator;
            var names = children.Select(name =>
            {
                if (destination.Separator != '\0' && name.IndexOf(destination.Separator) >= 0)
                {
                    renamed = true;
                    return name.Replace(destination.Separator, SeparatorReplacement);
                }

                return name;
            }).ToList();

            string path;
            if (parent == null)
                path = destination.Prefix + string.Join(separator.ToString(), names);
            else if (names.Count == 0)
                path = parent;
            else
                path = parent + separator + string.Join(separator.ToString(), names);
            return new MappedFolder(path, renamed);
        }
    }
}
