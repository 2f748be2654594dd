using System;
using System.Collections.Generic;
using System.Linq;
using Omm.Engine.Accounts;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The recorded migrations an account row (piped into Sync-OmmMigration) or the command line names without
    /// ids: the latest migration from the source login to the destination login they give; else, with a project,
    /// every migration of the project.
    /// </summary>
    public sealed class RowTargets
    {
        private RowTargets(IReadOnlyList<Migration> migrations, (string Source, string Destination)? logins)
        {
            Migrations = migrations;
            Logins = logins;
        }

        /// <summary>The migrations named; none when the logins match no migration.</summary>
        public IReadOnlyList<Migration> Migrations { get; }

        /// <summary>The logins that name the migration; null when the project names them.</summary>
        public (string Source, string Destination)? Logins { get; }

        /// <summary>
        /// What the row (or, without one, the command line) names, in <paramref name="project"/> if given: a side's login
        /// is the row's cell, else -Login, else -Credential's; null when neither both logins nor a project name anything.
        /// </summary>
        public static RowTargets? Find(StateStore store, AccountRow? row, AccountDefaults given, string? project)
        {
            var source = CredentialChoice.Login(row, SideFields.Source, given.Source);
            var destination = CredentialChoice.Login(row, SideFields.Destination, given.Destination);
            if (!string.IsNullOrEmpty(source) && !string.IsNullOrEmpty(destination))
            {
                var match = store.List(project).LastOrDefault(m =>
                    string.Equals(m.SourceAccount, source, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(m.DestinationAccount, destination, StringComparison.OrdinalIgnoreCase));
                return new RowTargets(match == null ? Array.Empty<Migration>() : new[] { match }, (source!, destination!));
            }

            return project == null ? null : new RowTargets(store.List(project), null);
        }
    }
}
