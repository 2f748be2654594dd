using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors;
using Omm.Engine.Connectors.Dav;
using Omm.Engine.Endpoints;
using Omm.Engine.Folders;
using Omm.Engine.Groupware;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>Runs passes of a recorded migration and records how each ended.</summary>
    public sealed class MigrationRunner
    {
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

        /// <summary>How often a running pass looks for a Stop-OmmMigration request from another process.</summary>
        public static readonly TimeSpan StopPollInterval = TimeSpan.FromSeconds(1);

        /// <summary>Connections per side a pass opens unless told otherwise.</summary>
        public const int DefaultConnections = 2;

        private readonly StateStore store;
        private readonly string spoolDirectory;

        /// <summary>
        /// IMAP connections per side a pass may use (1 keeps the source order of messages in each
        /// destination folder; more copy a folder's batches side by side).
        /// </summary>
        public int Connections { get; set; } = DefaultConnections;

        /// <summary>How many times a mail pass is run again when a connection breaks in its middle.</summary>
        public int ConnectionRetries { get; set; } = 5;

        /// <summary>The wait before the first of those retries; it doubles each time.</summary>
        public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The clock that paces copying under throughput caps (tests use a fake one).</summary>
        internal TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>Bytes of fetched messages a pass holds in memory at most; null: enough for its connections' batches. Tests make it small.</summary>
        internal long? MessageMemoryBudget { get; set; }

        /// <summary>Tests make this small to go through many slices of a folder with few messages.</summary>
        internal int? IdentitySlice { get; set; }

        /// <summary>Opens the source of a pass read message by message (tests give an in-memory one).</summary>
        internal Func<AccountEndpoint, IMailSource> OpenMailSource { get; set; } = MailSources.Open;

        /// <summary>Opens a session on the destination of a mail pass (tests put an in-memory one here).</summary>
        internal Func<AccountEndpoint, MessageSpool, IMailDestination> OpenMailDestination { get; set; } = MailDestinations.Open;

        public MigrationRunner(StateStore store, string? spoolDirectory = null)
        {
            this.store = store;
            this.spoolDirectory = spoolDirectory ?? MessageSpool.DefaultDirectory;
        }

        /// <summary>
        /// Runs one pass (a new sync point) until it ends, <paramref name="stopToken"/> asks it to stop, or
        /// Stop-OmmMigration does from any process; the item in hand is finished and recorded first. A
        /// pass that cannot go on does not throw: the returned record has status Failed and says why.
        /// </summary>
        /// <exception cref="MigrationBusyException">A live process already runs a pass of this migration.</exception>
        public async Task<PassResult> RunPassAsync(string id, AccountEndpoint source, AccountEndpoint destination,
            IMigrationObserver observer, CancellationToken stopToken)
        {
            var migration = store.Find(id) ?? throw new ArgumentException($"There is no migration '{id}' in '{store.Path}'.", nameof(id));
            var syncPoint = store.BeginPass(migration.Id, RunnerIdentity.Current);
            observer.OnVerbose($"Migration {migration.Id}: pass {syncPoint} started.");

            var status = MigrationStatus.Failed;
            MigrationFailedException? failure = null;
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(stopToken))
            using (new Timer(_ => Beat(migration.Id, observer), null, HeartbeatInterval, HeartbeatInterval))
            using (new Timer(_ => PollStopRequest(migration.Id, stop), null, StopPollInterval, StopPollInterval))
            {
                try
                {
                    var completed = true;
                    // One pacer for the whole pass, reconnections and groupware included: the caps hold across them.
                    var pacer = Pacer(migration, observer);
                    var filter = new FolderFilter(migration.IncludeFolder, migration.ExcludeFolder);
                    if (source.Type == ServerType.File)
                        LeftOutItems.Record(store, migration.Id, syncPoint, source.Server, destination, filter, observer);
                    if (migration.Include.Any(ItemSupport.IsGroupware))
                    {
                        // before any mail is copied, not after
                        CollectionSources.EnsureLoginIsProtected(source);
                        CollectionSources.EnsureLoginIsProtected(destination);
                    }

                    if (migration.Include.Contains(ItemType.Mail))
                    {
                        // Memory for messages in flight is the pass's own, and goes with it.
                        var spool = new MessageSpool(spoolDirectory, MessageMemoryBudget is long budget
                            ? new MessageMemory(budget)
                            : MessageMemory.ForPass(Connections, BatchLimits.Default.Bytes));
                        // Given up once a message failed as often in a row as the pass may fail in a row, if that is fewer.
                        var poison = new PoisonMessages(Math.Min(PoisonMessages.DefaultAttempts, ConnectionRetries + 1));
                        var retry = new ConnectionRetry(ConnectionRetries, FirstRetryDelay, observer) { GiveUpStuckItems = poison.GiveUpRepeatedFailures };
                        completed = await retry.RunAsync((watched, fruitless, token) => source.Type == ServerType.Imap
                            ? new ImapMailPass(store, migration.Id, syncPoint, source, destination, watched, spool, filter, Math.Max(1, Connections), () => OpenMailDestination(destination, spool))
                                { IdentitySlice = IdentitySlice, Pacer = pacer, Poison = poison, Batches = BatchLimits.After(fruitless) }
                                .RunAsync(token)
                            : new MailSourcePass(store, migration.Id, syncPoint, source, destination, watched, spool, filter, () => OpenMailSource(source), () => OpenMailDestination(destination, spool))
                                { Pacer = pacer, Poison = poison, Batches = BatchLimits.After(fruitless) }.RunAsync(token), stop.Token).ConfigureAwait(false);
                        if (spool.Memory.MostBytesTaken > 0)
                            observer.OnVerbose($"Messages waited between read and append in at most {spool.Memory.MostBytesTaken / 1048576.0:N1} MB of memory " +
                                $"(budget {spool.Memory.BudgetBytes / 1048576.0:N0} MB; {spool.Memory.Refused} found it full and waited in a temporary file).");
                    }

                    if (completed && migration.Include.Any(ItemSupport.IsGroupware))
                    {
                        // DAV requests are sent again one by one (DavRetry); an EWS call that breaks off runs the pass again, which
                        // finds what it made by Omm's marks.
                        completed = source.Type == ServerType.Exchange || destination.Type == ServerType.Exchange
                            ? await new ConnectionRetry(ConnectionRetries, FirstRetryDelay, observer).RunAsync((watched, _, token) =>
                                RunGroupwarePassAsync(migration, syncPoint, source, destination, watched, pacer, token), stop.Token).ConfigureAwait(false)
                            : await RunGroupwarePassAsync(migration, syncPoint, source, destination, observer, pacer, stop.Token).ConfigureAwait(false);
                    }
                    status = !completed
                        ? MigrationStatus.Stopped
                        : store.CountErrors(migration.Id, syncPoint) > 0 ? MigrationStatus.CompletedWithErrors : MigrationStatus.Completed;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
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
            }

            store.EndPass(migration.Id, status, failure?.Message);
            observer.OnVerbose($"Migration {migration.Id}: pass {syncPoint} ended {status}.");
            return new PassResult(store.Find(migration.Id)!, failure);
        }

        private CopyPacer Pacer(Migration migration, IMigrationObserver observer)
        {
            var caps = new ThroughputCaps(migration.MaxMessagesPerSecond, migration.MaxBytesPerSecond);
            if (!caps.IsCapped)
                return CopyPacer.Unlimited;
            observer.OnVerbose($"Copying {(migration.Include.Contains(ItemType.Mail) ? "mail" : "contacts, calendars and tasks")} {caps}, all connections together.");
            return new CopyPacer(caps, Time);
        }

        /// <summary>
        /// Contacts, calendars and tasks, after the mail. DAV requests that fail for a moment are sent again one by one
        /// (HTTP needs no new session), with the same budget and waits as a mail pass's reconnections.
        /// </summary>
        private async Task<bool> RunGroupwarePassAsync(Migration migration, int syncPoint, AccountEndpoint source, AccountEndpoint destination,
            IMigrationObserver observer, CopyPacer pacer, CancellationToken stopToken)
        {
            using var from = CollectionSources.Open(source, new DavRetry(ConnectionRetries, FirstRetryDelay, observer.OnWarning));
            using var to = CollectionDestinations.Open(destination, new DavRetry(ConnectionRetries, FirstRetryDelay, observer.OnWarning));
            var include = migration.Include.Where(ItemSupport.IsGroupware).ToList();
            var described = CollectionDestinations.Describe(destination);
            return await new GroupwarePass(store, migration.Id, syncPoint, from, to, include, observer, described, described + " " + destination.Account, pacer)
                .RunAsync(stopToken).ConfigureAwait(false);
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

        private void PollStopRequest(string id, CancellationTokenSource stop)
        {
            try
            {
                if (!stop.IsCancellationRequested && store.IsStopRequested(id))
                    stop.Cancel();
            }
            catch (Exception e) when (e is StateFileException || e is Microsoft.Data.Sqlite.SqliteException || e is ObjectDisposedException)
            {
                // The next poll tries again.
            }
        }
    }
}
