using System.Collections.Generic;

namespace Omm.Engine.State
{
    /// <summary>What the state file records when a migration is created: names and servers, never secrets.</summary>
    public sealed class NewMigration
    {
        public NewMigration(string? project, ServerType sourceType, string sourceServer, string sourceAccount,
            ServerType destinationType, string destinationServer, string destinationAccount, IReadOnlyList<ItemType> include)
        {
            Project = project;
            SourceType = sourceType;
            SourceServer = sourceServer;
            SourceAccount = sourceAccount;
            DestinationType = destinationType;
            DestinationServer = destinationServer;
            DestinationAccount = destinationAccount;
            Include = include;
        }

        public string? Project { get; }

        public ServerType SourceType { get; }

        public string SourceServer { get; }

        public string SourceAccount { get; }

        public ServerType DestinationType { get; }

        public string DestinationServer { get; }

        public string DestinationAccount { get; }

        public IReadOnlyList<ItemType> Include { get; }
    }
}
