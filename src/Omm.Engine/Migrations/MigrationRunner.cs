using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Imap;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>Runs passes of a recorded migration and records how each ended.</summary>
    public sealed class MigrationRunner
    {
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

        private readonly StateStore store;
        private readonly MessageSpool spool;

        public MigrationRunner(StateStore store, string? spoolDirectory = null)
        {
            this.store = store;
            spool = new MessageSpool(spoolDirectory);
        }

        /// <summary>
        /// Runs one pass (a new sync point) until it ends or <paramref name="stopToken"/> asks it to stop;
        /// the item in hand is finished and recorded first. A pass that cannot go on does not throw: the
        /// returned record has status Failed and says why.
        /// </summary>
        public async Task<PassResult> RunPassAsync(string id, MailEndpoint source, MailEndpoint destination,
            IMigrationObserver observer, CancellationToken stopToken)
        {
            var migration = store.Find(id) ?? throw new ArgumentException($"There is no migration '{id}' in '{store.Path}'.", nameof(id));
            var syncPoint = store.BeginPass(migration.Id);
            observer.OnVerbose($"Migration {migration.Id}: pass {syncPoint} started.");

            var status = MigrationStatus.Failed;
            string? reason = null;
            MigrationFailedException? failure = null;
            using (new Timer(_ => Beat(migration.Id, observer), null, HeartbeatInterval, HeartbeatInterval))
            {
                try
                {
                    var completed = true;
                    if (migration.Include.Contains(ItemType.Mail))
                        completed = await new ImapMailPass(store, migration.Id, syncPoint, source, destination, observer, spool)
                            .RunAsync(stopToken).ConfigureAwait(false);
                    status = !completed
                        ? MigrationStatus.Stopped
                        : store.CountErrors(migration.Id, syncPoint) > 0 ? MigrationStatus.CompletedWithErrors : MigrationStatus.Completed;
                }
                catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                {
                    status = MigrationStatus.Stopped;
                }
                catch (MigrationFailedException e)
                {
                    failure = e;
                }
                catch (Exception e)
                {
                    failure = new MigrationFailedException(FailureKind.Unexpected, $"Unexpected error ({e.GetType().Name}): {e.Message}", e);
                    observer.OnVerbose(e.ToString());
                }

                if (failure != null)
                    reason = failure.Message;
            }

            store.EndPass(migration.Id, status, reason);
            observer.OnVerbose($"Migration {migration.Id}: pass {syncPoint} ended {status}.");
            return new PassResult(store.Find(migration.Id)!, failure);
        }

        private void Beat(string id, IMigrationObserver observer)
        {
            try
            {
                store.Heartbeat(id);
            }
            catch (Exception e)
            {
                observer.OnVerbose($"Could not record the heartbeat of {id}: {e.Message}");
            }
        }
    }
}
