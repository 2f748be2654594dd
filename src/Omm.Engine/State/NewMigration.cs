using System.Collections.Generic;

namespace Omm.Engine.State
{
    /// <summary>What the state file records when a migration is created: names and servers, never secrets.</summary>
    public sealed class NewMigration
    {
        public NewMigration(string? project, ConnectionSettings connection, IReadOnlyList<ItemType> include)
        {
            Project = project;
            Connection = connection;
            Include = include;
        }

        public string? Project { get; }

        public ConnectionSettings Connection { get; }

        public IReadOnlyList<ItemType> Include { get; }
    }
}
