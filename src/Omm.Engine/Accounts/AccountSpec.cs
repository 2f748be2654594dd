using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Accounts
{
    /// <summary>A row turned into what a migration needs: both endpoints (with passwords, in memory only) and its project.</summary>
    public sealed class AccountSpec
    {
        public AccountSpec(AccountRow? row, AccountEndpoint source, AccountEndpoint destination, string? project, ThroughputCaps? caps = null)
        {
            Caps = caps ?? ThroughputCaps.None;
            Row = row;
            Source = source;
            Destination = destination;
            Project = project;
        }

        /// <summary>The row it comes from, or null for the command line alone.</summary>
        public AccountRow? Row { get; }

        public AccountEndpoint Source { get; }

        public AccountEndpoint Destination { get; }

        public string? Project { get; }

        /// <summary>How fast the migration may copy: the row's MaxMessagesPerSecond and MaxBytesPerSecond, else the command line's.</summary>
        public ThroughputCaps Caps { get; }
    }
}
