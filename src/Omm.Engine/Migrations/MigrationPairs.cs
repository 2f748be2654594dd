using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Whether a new migration would copy what an existing one copies: the same items from the same place of the
    /// same source account into the same place of the same destination account. A place is where items of a type
    /// live: mail on the IMAP server (host:port), contacts, calendars and tasks at the DAV URL, everything of a file
    /// in the file. Logins, hosts and URLs compare without regard to case, as mail systems treat them; file paths
    /// as the system does.
    /// </summary>
    public static class MigrationPairs
    {
        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? StringComparison.OrdinalIgnoreCase
                : StringComparison.Ordinal;

        /// <summary>The latest migration that already copies some of what the candidate would, and those item types; null when none does.</summary>
        public static (Migration Existing, IReadOnlyList<ItemType> Types)? FindExisting(StateStore store, ConnectionSettings candidate, IReadOnlyList<ItemType> include) =>
            FindAll(store, candidate, include).LastOrDefault() is { Existing: not null } latest ? latest : ((Migration, IReadOnlyList<ItemType>)?)null;

        /// <summary>Every migration that already copies some of what the candidate would, with those item types, oldest first.</summary>
        public static IReadOnlyList<(Migration Existing, IReadOnlyList<ItemType> Types)> FindAll(StateStore store, ConnectionSettings candidate, IReadOnlyList<ItemType> include) =>
            store.MigrationsBetween(candidate.Source.Account, candidate.Destination.Account)
                .Select(existing => (existing, Overlap(existing, candidate, include)))
                .Where(found => found.Item2.Count > 0)
                .ToList();

        /// <summary>
        /// A migration that has ended without copying anything (it failed at the login, was stopped before its first
        /// item): a new one for the same accounts doubles nothing, so it may be taken up again with new settings.
        /// </summary>
        public static bool EndedHavingCopiedNothing(Migration migration) =>
            (migration.Status == MigrationStatus.Failed || migration.Status == MigrationStatus.Stopped || migration.Status == MigrationStatus.Interrupted)
            && migration.Progress.All(p => p.Migrated == 0);

        /// <summary>The item types of <paramref name="include"/> that <paramref name="existing"/> copies between the same places as the candidate would.</summary>
        public static IReadOnlyList<ItemType> Overlap(Migration existing, ConnectionSettings candidate, IEnumerable<ItemType> include)
        {
            if (!string.Equals(existing.SourceAccount, candidate.Source.Account, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(existing.DestinationAccount, candidate.Destination.Account, StringComparison.OrdinalIgnoreCase))
                return Array.Empty<ItemType>();
            return include.Where(type => existing.Include.Contains(type)
                && SamePlace(existing.SourceType, existing.SourceServer, existing.SourceDavUrl, candidate.Source.Type, candidate.Source.Server, candidate.Source.DavUrl, type)
                && SamePlace(existing.DestinationType, existing.DestinationServer, existing.DestinationDavUrl,
                    candidate.Destination.Type, candidate.Destination.Server, candidate.Destination.DavUrl, type)).ToList();
        }

        private static bool SamePlace(ServerType type, string server, string? davUrl, ServerType otherType, string otherServer, string? otherDavUrl, ItemType item)
        {
            if (type == ServerType.File || otherType == ServerType.File)
                return type == otherType && string.Equals(server, otherServer, PathComparison);
            var place = Place(type, server, davUrl, item);
            return place != null && string.Equals(place, Place(otherType, otherServer, otherDavUrl, item), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Where an account keeps items of a type: its IMAP server for mail, its DAV URL (without a final '/') for the others;
        /// an Exchange account keeps all of them on its EWS URL.
        /// </summary>
        private static string? Place(ServerType type, string server, string? davUrl, ItemType item)
        {
            if (type == ServerType.Exchange)
                return server;
            if (item == ItemType.Mail)
                return type == ServerType.Imap || type == ServerType.Exchange ? server : null;
            var url = davUrl ?? (type == ServerType.Dav ? server : null);
            return url?.TrimEnd('/');
        }
    }
}
