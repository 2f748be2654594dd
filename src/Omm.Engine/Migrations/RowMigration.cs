using System.Collections.Generic;
using System.Linq;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The migration a New-OmmMigration row means, recorded: a new one; or, when the latest migration between the
    /// same places of its accounts ended having copied nothing (it failed at the login, was stopped before its first
    /// item), that one, taken up with the row's settings rather than a second one. A row whose items a migration
    /// already copies is refused, unless forced: then a new migration copies them again.
    /// </summary>
    public sealed class RowMigration
    {
        private RowMigration(Migration migration, Migration? takenUp, (Migration Existing, IReadOnlyList<ItemType> Types)? doubled)
        {
            Migration = migration;
            TakenUp = takenUp;
            Doubled = doubled;
        }

        /// <summary>The migration recorded.</summary>
        public Migration Migration { get; }

        /// <summary>The earlier migration that copied nothing, as it was before it was taken up; null for a new one.</summary>
        public Migration? TakenUp { get; }

        /// <summary>Forced: the migration that already copies some of the row's items, and those the new one copies again; else null.</summary>
        public (Migration Existing, IReadOnlyList<ItemType> Types)? Doubled { get; }

        /// <param name="store">The state file.</param>
        /// <param name="request">The row's migration.</param>
        /// <param name="force">Whether a row whose items a migration already copies gets a new migration anyway (-Force).</param>
        /// <param name="row">"Line 4 of accounts.csv", or null for the command line: for the refusal's message.</param>
        /// <exception cref="MigrationExistsException">Not forced, and a migration already copies some of the row's items.</exception>
        public static RowMigration Record(StateStore store, NewMigration request, bool force, string? row)
        {
            var existing = MigrationPairs.FindAll(store, request.Connection, request.Include);
            var (copying, overlap) = existing.LastOrDefault(e => !MigrationPairs.EndedHavingCopiedNothing(e.Existing));
            if (copying != null && !force)
                throw new MigrationExistsException(row, copying, overlap, request.Include);
            if (copying != null)
                return new RowMigration(store.CreateMigration(request), null, (copying, overlap));
            if (existing.Count > 0 && !force)
            {
                var unused = existing[existing.Count - 1].Existing;
                return new RowMigration(store.TakeUp(unused.Id, request), unused, null);
            }

            return new RowMigration(store.CreateMigration(request), null, null);
        }
    }
}
