using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Folders
{
    /// <summary>
    /// Decides where each source folder of a migration lands in the destination: INBOX to INBOX, a special
    /// folder (and its subfolders) into the destination folder with the same role whatever its name,
    /// everything else under the same path below the destination's personal namespace (its prefix, if any,
    /// and its hierarchy separator), whatever the source's prefix.
    /// Names are made safe on the way (<see cref="SafeFolderName"/>), full names are kept within
    /// <see cref="MaxNameLength"/>, and no two source folders share a destination folder: the later one
    /// gets a " (2)" suffix. A pairing recorded by an earlier pass is kept as it was, so that a sync
    /// goes on filling the same folders.
    /// </summary>
    public sealed class FolderPathMapper
    {
        /// <summary>
        /// The longest destination full name made, counted as IMAP sends it (<see cref="ImapNameLength"/>):
        /// maildir servers (Dovecot's default layout, Courier) keep a folder's full name in one directory
        /// name of at most 255 bytes, with a leading '.'.
        /// </summary>
        public const int MaxNameLength = 250;

        /// <summary>A folder whose name does not fit below its parent is shortened to no less than this, else it goes higher up.</summary>
        private const int MinLeafLength = 16;

        private readonly MailboxNamespace source;
        private readonly MailboxNamespace destination;
        private readonly IReadOnlyDictionary<string, FolderRole> sourceRoles;
        private readonly IReadOnlyDictionary<FolderRole, string> destinationRoleFolders;
        private readonly Dictionary<string, MappedFolder> mapped = new Dictionary<string, MappedFolder>(StringComparer.Ordinal);

        /// <summary>Destination folder → the source folder that goes there; case-insensitive, as many servers are.</summary>
        private readonly Dictionary<string, string> owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The source folders of the pass, when known: a renamed parent that is not among them is told with its children.</summary>
        private readonly HashSet<string>? listed;

        /// <param name="source">The source namespace.</param>
        /// <param name="destination">The destination namespace.</param>
        /// <param name="sourceRoles">Source folders that have a role, by full name.</param>
        /// <param name="destinationRoleFolders">The destination folder (full name) for each role it has.</param>
        /// <param name="earlierPairings">Destination folder by source folder, as recorded by earlier passes.</param>
        /// <param name="sourceFolders">
        /// Every source folder of the pass: those whose names need no change are placed first, so that when
        /// a changed name meets an unchanged one ("a.b" made "a_b" beside "a_b"), the changed one gives way.
        /// </param>
        public FolderPathMapper(MailboxNamespace source, MailboxNamespace destination,
            IReadOnlyDictionary<string, FolderRole> sourceRoles, IReadOnlyDictionary<FolderRole, string> destinationRoleFolders,
            IReadOnlyDictionary<string, string>? earlierPairings = null, IEnumerable<string>? sourceFolders = null)
        {
            this.source = source;
            this.destination = destination;
            this.sourceRoles = sourceRoles;
            this.destinationRoleFolders = destinationRoleFolders;

            foreach (var pairing in (earlierPairings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                mapped[pairing.Key] = new MappedFolder(pairing.Value, fromEarlierPass: true);
                if (!owners.ContainsKey(pairing.Value))
                    owners[pairing.Value] = pairing.Key;
            }

            // INBOX and the role folders go to their source counterparts before any other folder can claim them by name.
            foreach (var pair in sourceRoles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var target = pair.Value == FolderRole.Inbox ? "INBOX" : RoleFolderFor(pair.Value);
                if (target != null && !mapped.ContainsKey(pair.Key) && !owners.ContainsKey(target))
                    owners[target] = pair.Key;
            }

            if (sourceFolders == null)
                return;
            listed = new HashSet<string>(sourceFolders, StringComparer.Ordinal);
            foreach (var name in listed.OrderBy(KeepsItsName).ThenBy(n => n, StringComparer.Ordinal))
                Map(name);
        }

        public MappedFolder Map(string sourceFullName)
        {
            if (mapped.TryGetValue(sourceFullName, out var known))
                return known;

            var result = Place(sourceFullName, source.Levels(sourceFullName));
            mapped[sourceFullName] = result;
            if (!owners.ContainsKey(result.DestinationPath))
                owners[result.DestinationPath] = sourceFullName;
            return result;
        }

        private MappedFolder Place(string fullName, string[] segments)
        {
            if (sourceRoles.TryGetValue(fullName, out var role) && RoleFolderFor(role) is string roleFolder && IsOwnedBy(roleFolder, fullName))
                return new MappedFolder(roleFolder);
            if (segments.Length == 1 && MailboxNamespace.IsInbox(segments[0]) && IsOwnedBy("INBOX", fullName))
                return new MappedFolder("INBOX");

            var reasons = new List<string>();
            var leaf = SafeFolderName.Of(segments[segments.Length - 1], destination.Separator, reasons);
            var parents = ParentsOf(segments);
            if (segments.Length > 1 && listed != null)
            {
                var parentName = source.FullName(segments, segments.Length - 1);
                var parent = Map(parentName);
                if (parent.NameChanged && !listed.Contains(parentName))
                    reasons.InsertRange(0, parent.RenameReasons.Select(r => $"its parent '{SafeFolderName.Printable(parentName)}', not copied itself, became '{SafeFolderName.Printable(parent.DestinationPath)}': {r}"));
            }

            var contested = false;
            for (var n = 1; ; n++)
            {
                var path = Fit(parents, leaf, n == 1 ? string.Empty : $" ({n})", out var lengthReason);
                if (path.StartsWith("~", StringComparison.Ordinal))
                {
                    path = SafeFolderName.Replacement + path.Substring(1);
                    if (n == 1)
                        reasons.Add("a full name cannot begin with '~'");
                }

                if (owners.TryGetValue(path, out var owner) && owner != fullName)
                {
                    if (!contested)
                    {
                        contested = true;
                        reasons.Add($"another source folder, '{SafeFolderName.Printable(owner)}', goes to '{SafeFolderName.Printable(path)}'");
                    }

                    continue;
                }

                if (lengthReason != null)
                    reasons.Add(lengthReason);
                return new MappedFolder(path, reasons);
            }
        }

        /// <summary>
        /// The destination path of <paramref name="leaf"/> + <paramref name="suffix"/> below the nearest of
        /// <paramref name="parents"/> (nearest first, null for the top level) where it fits in <see cref="MaxNameLength"/>,
        /// shortened if need be.
        /// </summary>
        private string Fit(IReadOnlyList<string?> parents, string leaf, string suffix, out string? lengthReason)
        {
            lengthReason = null;
            var natural = Join(parents[0], leaf + suffix);
            if (ImapNameLength.Of(natural) <= MaxNameLength)
                return natural;

            var leafLength = ImapNameLength.Of(leaf);
            foreach (var parent in parents)
            {
                var room = MaxNameLength - ImapNameLength.Of(Join(parent, string.Empty)) - ImapNameLength.Of(suffix);
                if (room < Math.Min(leafLength, MinLeafLength))
                    continue;
                var shortened = leafLength <= room ? leaf : leaf.Substring(0, ImapNameLength.FittingPrefix(leaf, room)).TrimEnd();
                lengthReason = parent == parents[0]
                    ? $"the name was shortened to keep the full name within {MaxNameLength} characters"
                    : $"the folder is nested too deep to keep its full name within {MaxNameLength} characters, so it goes below '{SafeFolderName.Printable(parent ?? "(the top level)")}'"
                      + (shortened.Length < leaf.Length ? ", its name shortened" : string.Empty);
                return Join(parent, shortened + suffix);
            }

            throw new InvalidOperationException($"The destination prefix '{destination.Prefix}' leaves no room for folder names.");
        }

        /// <summary>The destination paths of a folder's ancestors, nearest first, then null for the top level.</summary>
        private List<string?> ParentsOf(string[] segments)
        {
            var parents = new List<string?>();
            for (var length = segments.Length - 1; length >= 1; length--)
                parents.Add(Map(source.FullName(segments, length)).DestinationPath);
            parents.Add(null);
            return parents;
        }

        /// <summary>0 when no level of the folder's name needs a change, for ordering.</summary>
        private int KeepsItsName(string sourceFullName)
        {
            var unchanged = source.Levels(sourceFullName).All(s => SafeFolderName.Of(s, destination.Separator, new List<string>()) == s)
                && ImapNameLength.Of(sourceFullName) <= MaxNameLength;
            return unchanged ? 0 : 1;
        }

        private bool IsOwnedBy(string destinationPath, string sourceFullName) =>
            !owners.TryGetValue(destinationPath, out var owner) || owner == sourceFullName;

        private string? RoleFolderFor(FolderRole role) =>
            role != FolderRole.None && role != FolderRole.Inbox && destinationRoleFolders.TryGetValue(role, out var folder) ? folder : null;

        private string Join(string? parent, string name) =>
            parent == null ? destination.Prefix + name : parent + (destination.Separator == '\0' ? '/' : destination.Separator) + name;
    }
}
