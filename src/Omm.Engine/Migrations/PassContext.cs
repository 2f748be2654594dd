using System;
using System.Threading;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Endpoints;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>What every step of a pass shares: where it records, whom it tells, and both sides.</summary>
    internal sealed class PassContext
    {
        private readonly ImapMailbox? source;

        public PassContext(StateStore store, string migrationId, int syncPoint, IMigrationObserver observer, ProgressReporter progress,
            ImapMailbox? source, AccountEndpoint destinationEndpoint, IMailDestination destination, CopyLanes? lanes = null)
        {
            Lanes = lanes;
            Store = store;
            MigrationId = migrationId;
            SyncPoint = syncPoint;
            Observer = observer;
            Progress = progress;
            this.source = source;
            DestinationEndpoint = destinationEndpoint;
            Destination = destination;
        }

        public StateStore Store { get; }

        public string MigrationId { get; }

        public int SyncPoint { get; }

        public IMigrationObserver Observer { get; }

        public ProgressReporter Progress { get; }

        /// <summary>The IMAP source, or null when the source is a file.</summary>
        public ImapMailbox Source => source ?? throw new InvalidOperationException("This pass reads a file, not an IMAP account.");

        /// <summary>The destination account, to name it in failures.</summary>
        public AccountEndpoint DestinationEndpoint { get; }

        public IMailDestination Destination { get; }

        /// <summary>New messages of a folder are identified (envelope, size, date) and copied this many at a time.</summary>
        public int IdentitySlice { get; set; } = 2000;

        /// <summary>How much goes into one FETCH and one append.</summary>
        public BatchLimits Batches { get; set; } = BatchLimits.Default;

        /// <summary>Holds every append of the pass to the migration's throughput caps.</summary>
        public CopyPacer Pacer { get; set; } = CopyPacer.Unlimited;

        /// <summary>Messages that failed every time they were sent alone, given up for the rest of the pass.</summary>
        public PoisonMessages Poison { get; set; } = new PoisonMessages(PoisonMessages.DefaultAttempts);

        /// <summary>More connections to share a folder's copying with; null when the pass has only its own.</summary>
        public CopyLanes? Lanes { get; }

        public static ItemError Problem(ItemErrorType type, string folder, string itemName, string message) =>
            new ItemError(type, ItemType.Mail, folder, itemName, message, DateTimeOffset.UtcNow);

        private int problems;

        /// <summary>Item errors and warnings recorded so far in this pass.</summary>
        public int Problems => Volatile.Read(ref problems);

        /// <summary>Records an item error or warning and tells the observer.</summary>
        public void Record(ItemErrorType type, string folder, string itemName, string message)
        {
            // Copy lanes record from several threads.
            Interlocked.Increment(ref problems);
            var problem = Problem(type, folder, itemName, message);
            Store.RecordItemError(MigrationId, SyncPoint, problem);
            Observer.OnItemProblem(problem);
        }

        /// <summary>Records the missing parents the destination created for a folder, which Remove deletes again once empty.</summary>
        public void RecordCreatedParents(EnsuredFolder ensured)
        {
            foreach (var parent in ensured.CreatedParents)
            {
                Store.RecordCreatedParent(MigrationId, parent, SyncPoint);
                Observer.OnVerbose($"Created '{parent}' on the destination as the parent of '{ensured.Folder.Path}'.");
            }
        }
    }
}
