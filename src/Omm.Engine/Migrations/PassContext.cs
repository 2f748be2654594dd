using System;
using Omm.Engine.Imap;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>What every step of a pass shares: where it records, whom it tells, and both sides.</summary>
    internal sealed class PassContext
    {
        public PassContext(StateStore store, string migrationId, int syncPoint, IMigrationObserver observer, ProgressReporter progress,
            ImapMailbox source, ImapMailbox destination)
        {
            Store = store;
            MigrationId = migrationId;
            SyncPoint = syncPoint;
            Observer = observer;
            Progress = progress;
            Source = source;
            Destination = destination;
        }

        public StateStore Store { get; }

        public string MigrationId { get; }

        public int SyncPoint { get; }

        public IMigrationObserver Observer { get; }

        public ProgressReporter Progress { get; }

        public ImapMailbox Source { get; }

        public ImapMailbox Destination { get; }

        public static ItemError Problem(ItemErrorType type, string folder, string itemName, string message) =>
            new ItemError(type, ItemType.Mail, folder, itemName, message, DateTimeOffset.UtcNow);

        /// <summary>Records an item error or warning and tells the observer.</summary>
        public void Record(ItemErrorType type, string folder, string itemName, string message)
        {
            var problem = Problem(type, folder, itemName, message);
            Store.RecordItemError(MigrationId, SyncPoint, problem);
            Observer.OnItemProblem(problem);
        }
    }
}
