using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Folders
{
    /// <summary>Finds the role of each folder of an account: SPECIAL-USE when the server gives it, else well-known names.</summary>
    public static class FolderRoles
    {
        /// <param name="folders">Every folder: full name and the role the server advertised (None if none).</param>
        /// <param name="ns">The account's personal namespace.</param>
        /// <returns>The role of every folder that has one, by full name.</returns>
        public static Dictionary<string, FolderRole> Assign(IEnumerable<(string FullName, FolderRole Advertised)> folders, MailboxNamespace ns)
        {
            var list = folders.ToList();
            var roles = new Dictionary<string, FolderRole>(StringComparer.Ordinal);
            foreach (var (name, advertised) in list)
            {
                if (MailboxNamespace.IsInbox(name))
                    roles[name] = FolderRole.Inbox;
                else if (advertised != FolderRole.None)
                    roles[name] = advertised;
            }

            // Guess only the roles the server advertised for no folder.
            var advertisedRoles = new HashSet<FolderRole>(roles.Values);
            foreach (var role in WellKnownFolderNames.Roles.Where(r => !advertisedRoles.Contains(r)))
            {
                var best = list
                    .Where(f => !roles.ContainsKey(f.FullName))
                    .Select(f => (f.FullName, Leaf: TopLevelName(f.FullName, ns)))
                    .Where(f => f.Leaf != null)
                    .Select(f => (f.FullName, Role: WellKnownFolderNames.Guess(f.Leaf!, out var rank), Rank: rank))
                    .Where(f => f.Role == role)
                    .OrderBy(f => f.Rank)
                    .FirstOrDefault();
                if (best.FullName != null)
                    roles[best.FullName] = role;
            }

            return roles;
        }

        /// <summary>For each role, the folder that has it.</summary>
        public static Dictionary<FolderRole, string> FoldersByRole(IReadOnlyDictionary<string, FolderRole> roles)
        {
            var byRole = new Dictionary<FolderRole, string>();
            foreach (var pair in roles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!byRole.ContainsKey(pair.Value))
                    byRole[pair.Value] = pair.Key;
            }

            return byRole;
        }

        /// <summary>The name of a top-level folder (or of a child of INBOX, as Courier-style servers nest them); null for deeper folders.</summary>
        private static string? TopLevelName(string fullName, MailboxNamespace ns)
        {
            var parts = ns.Levels(fullName);
            if (parts.Length == 1)
                return parts[0];
            if (parts.Length == 2 && MailboxNamespace.IsInbox(parts[0]))
                return parts[1];
            return null;
        }
    }
}
