using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// A new migration would copy what an existing one already copies (see <see cref="MigrationPairs"/>): it is not
    /// created unless asked for with -Force, as Exchange Online refuses a mailbox already in a migration batch.
    /// </summary>
    public sealed class MigrationExistsException : Exception
    {
        /// <param name="row">"Line 4 of accounts.csv", or null for the command line.</param>
        /// <param name="existing">The migration that already copies those items.</param>
        /// <param name="itemTypes">What both would copy.</param>
        /// <param name="include">What the new migration would copy.</param>
        public MigrationExistsException(string? row, Migration existing, IReadOnlyList<ItemType> itemTypes, IReadOnlyList<ItemType> include)
            : base(Compose(row, existing, itemTypes, include))
        {
            Migration = existing;
            ItemTypes = itemTypes;
        }

        /// <summary>The migration that already copies those items.</summary>
        public Migration Migration { get; }

        /// <summary>The item types both would copy.</summary>
        public IReadOnlyList<ItemType> ItemTypes { get; }

        /// <summary>"alice@old.example to alice@new.example already has migration k7m2q9xd (Completed, project acme)".</summary>
        public static string Names(Migration existing) =>
            $"{existing.SourceAccount} to {existing.DestinationAccount} already has migration {existing.Id} " +
            $"({existing.Status}, {(existing.Project == null ? "no project" : "project " + existing.Project)})";

        private static string Compose(string? row, Migration existing, IReadOnlyList<ItemType> itemTypes, IReadOnlyList<ItemType> include)
        {
            var others = include.Except(itemTypes).ToList();
            var copies = others.Count > 0 ? $", which copies {string.Join(", ", itemTypes)}" : string.Empty;
            var hint = others.Count > 0 ? $" To add only what it does not copy, give -Include {string.Join(",", others)}." : string.Empty;
            return $"{(row == null ? string.Empty : row + ": ")}{Names(existing)}{copies}. Use Sync-OmmMigration {existing.Id} to {SyncDoes(existing.Status)}, " +
                   $"or -Force to create another migration.{hint}";
        }

        private static string SyncDoes(MigrationStatus status)
        {
            switch (status)
            {
                case MigrationStatus.Failed:
                case MigrationStatus.Stopped:
                case MigrationStatus.Interrupted:
                    return "resume it";
                case MigrationStatus.Removed:
                    return "copy everything again";
                case MigrationStatus.Queued:
                case MigrationStatus.Running:
                    return "copy what is new once it has ended";
                default:
                    return "copy what is new";
            }
        }
    }
}
