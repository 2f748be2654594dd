using System.Collections.Generic;
using Omm.Engine.Migrations;

namespace Omm.Engine.State
{
    /// <summary>What the state file records when a migration is created: names and servers, never secrets.</summary>
    public sealed class NewMigration
    {
        public NewMigration(string? project, ConnectionSettings connection, IReadOnlyList<ItemType> include,
            IReadOnlyList<string>? includeFolders = null, IReadOnlyList<string>? excludeFolders = null, ThroughputCaps? caps = null)
        {
            Caps = caps ?? ThroughputCaps.None;
            Project = project;
            Connection = connection;
            Include = include;
            IncludeFolders = includeFolders ?? new string[0];
            ExcludeFolders = excludeFolders ?? new string[0];
        }

        public string? Project { get; }

        public ConnectionSettings Connection { get; }

        public IReadOnlyList<ItemType> Include { get; }

        public IReadOnlyList<string> IncludeFolders { get; }

        public IReadOnlyList<string> ExcludeFolders { get; }

        /// <summary>How fast its passes may copy (providers with quotas).</summary>
        public ThroughputCaps Caps { get; }
    }
}
