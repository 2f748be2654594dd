using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>One pass of mail from a source into an <see cref="Omm.Engine.Connectors.IMailDestination"/>; what every kind of mail pass is given.</summary>
    internal abstract class MailPass
    {
        protected MailPass(StateStore store, string migrationId, int syncPoint, AccountEndpoint source, AccountEndpoint destination,
            IMigrationObserver observer, MessageSpool spool, FolderFilter filter)
        {
            Store = store;
            MigrationId = migrationId;
            SyncPoint = syncPoint;
            Source = source;
            Destination = destination;
            Observer = observer;
            Spool = spool;
            Filter = filter;
        }

        protected StateStore Store { get; }

        protected string MigrationId { get; }

        protected int SyncPoint { get; }

        protected AccountEndpoint Source { get; }

        protected AccountEndpoint Destination { get; }

        protected IMigrationObserver Observer { get; }

        protected MessageSpool Spool { get; }

        protected FolderFilter Filter { get; }

        /// <summary>How much goes into one FETCH and one append; smaller after connections broke with nothing copied.</summary>
        public BatchLimits Batches { get; set; } = BatchLimits.Default;

        /// <summary>Holds the pass's appends to the migration's throughput caps (shared by all its connections).</summary>
        public CopyPacer Pacer { get; set; } = CopyPacer.Unlimited;

        /// <summary>Messages given up for the rest of the pass (shared by its attempts: reconnections go on counting).</summary>
        public PoisonMessages Poison { get; set; } = new PoisonMessages(PoisonMessages.DefaultAttempts);

        /// <returns>True when every folder was gone through; false when stopped on request.</returns>
        public abstract Task<bool> RunAsync(CancellationToken stopToken);
    }
}
