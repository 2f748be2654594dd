using System;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Endpoints;
using Omm.Engine.Notifications;
using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Runs passes of many migrations, at most <c>throttleLimit</c> at once, as they are submitted. A
    /// submitted migration waits as Queued; one stopped while it waits (Stop-OmmMigration -Project) is
    /// skipped. Each end is reported through the callback given at submission.
    /// </summary>
    public sealed class MigrationScheduler : IDisposable
    {
        private readonly StateStore store;
        private readonly MigrationNotifier? notifier;
        private readonly CancellationToken stopToken;
        private readonly SemaphoreSlim slots;
        private readonly MigrationRunner runner;
        private readonly TaskCompletionSource<bool> completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int pending;
        private int running;
        private int mostAtOnce;
        private bool complete;

        /// <param name="connections">IMAP connections per side each pass may use (<see cref="MigrationRunner.Connections"/>).</param>
        public MigrationScheduler(StateStore store, int throttleLimit, MigrationNotifier? notifier, CancellationToken stopToken,
            int connections = MigrationRunner.DefaultConnections)
        {
            if (throttleLimit < 1)
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "At least one migration must be able to run.");
            this.store = store;
            this.notifier = notifier;
            this.stopToken = stopToken;
            slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            runner = new MigrationRunner(store) { Connections = connections };
        }

        /// <summary>Completes once <see cref="Complete"/> was called and every submitted migration ended.</summary>
        public Task Completion => completion.Task;

        /// <summary>The most passes that ran at the same time.</summary>
        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public int Running => Volatile.Read(ref running);

        public void Submit(string id, AccountEndpoint source, AccountEndpoint destination, IMigrationObserver observer, Action<ScheduledEnd> ended)
        {
            if (complete)
                throw new InvalidOperationException("The scheduler takes no more migrations.");
            Interlocked.Increment(ref pending);
            var queued = store.MarkQueued(id);
            Task.Run(() => RunAsync(id, queued, source, destination, observer, ended));
        }

        /// <summary>No more submissions: <see cref="Completion"/> completes when the submitted ones end.</summary>
        public void Complete()
        {
            complete = true;
            if (Volatile.Read(ref pending) == 0)
                completion.TrySetResult(true);
        }

        public void Dispose() => slots.Dispose();

        private async Task RunAsync(string id, bool queued, AccountEndpoint source, AccountEndpoint destination, IMigrationObserver observer, Action<ScheduledEnd> ended)
        {
            ScheduledEnd end;
            try
            {
                end = await RunInSlotAsync(id, queued, source, destination, observer).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                end = ScheduledEnd.Skip(id, $"Unexpected error ({e.GetType().Name}): {e.Message}");
            }

            try
            {
                ended(end);
            }
            finally
            {
                if (Interlocked.Decrement(ref pending) == 0 && complete)
                    completion.TrySetResult(true);
            }
        }

        private async Task<ScheduledEnd> RunInSlotAsync(string id, bool queued, AccountEndpoint source, AccountEndpoint destination, IMigrationObserver observer)
        {
            try
            {
                await slots.WaitAsync(stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                store.RequestStop(id);
                return ScheduledEnd.Skip(id, "stopped before it started");
            }

            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            try
            {
                var migration = store.Find(id)!;
                if (queued && migration.Status == MigrationStatus.Stopped)
                    return ScheduledEnd.Skip(id, "stopped before it started");
                if (stopToken.IsCancellationRequested)
                {
                    store.RequestStop(id);
                    return ScheduledEnd.Skip(id, "stopped before it started");
                }

                if (notifier != null)
                    await notifier.MigrationStartedAsync(migration, observer).ConfigureAwait(false);
                var result = await runner.RunPassAsync(id, source, destination, observer, stopToken).ConfigureAwait(false);
                if (notifier != null)
                    await notifier.MigrationEndedAsync(result.Migration, observer).ConfigureAwait(false);
                return ScheduledEnd.Ran(result);
            }
            catch (MigrationBusyException e)
            {
                return ScheduledEnd.Refused(id, e);
            }
            finally
            {
                Interlocked.Decrement(ref running);
                slots.Release();
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
