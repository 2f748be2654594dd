using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Runs a mail pass again, on new connections, when a connection breaks in its middle or a server says
    /// it cannot go on for the moment (NO [UNAVAILABLE], NO [INUSE]): after a delay that doubles each time
    /// (with jitter, so that many migrations cut at once do not come back at once). The budget counts
    /// attempts in a row that copied nothing: a long migration over a flaky network goes on as long as it
    /// moves forward, and a dead server fails the pass after a few attempts with the last reason. Passes
    /// resume where the state says, so a retry copies nothing twice.
    /// </summary>
    internal sealed class ConnectionRetry
    {
        private readonly int retries;
        private readonly TimeSpan firstDelay;
        private readonly IMigrationObserver observer;

        public ConnectionRetry(int retries, TimeSpan firstDelay, IMigrationObserver observer)
        {
            this.retries = retries;
            this.firstDelay = firstDelay;
            this.observer = observer;
        }

        /// <summary>
        /// Asked after each failed attempt that is run again: true when the pass gave up an item that failed
        /// every attempt in a row (see <see cref="PoisonMessages"/>), so that the next attempt moves past it.
        /// That counts as progress, as an item copied would.
        /// </summary>
        public Func<bool>? GiveUpStuckItems { get; set; }

        /// <param name="pass">
        /// Runs the pass, reporting to the observer it is given (which sees whether it moves forward); also given
        /// how many attempts in a row have broken off without progress so far.
        /// </param>
        /// <exception cref="MigrationFailedException">The pass failed for another reason, or the connection kept breaking.</exception>
        public async Task<bool> RunAsync(Func<IMigrationObserver, int, CancellationToken, Task<bool>> pass, CancellationToken stopToken)
        {
            var watch = new ProgressWatch(observer);
            var fruitless = 0;
            var random = new Random();
            var pipeline = new ResiliencePipelineBuilder<bool>()
                .AddRetry(new RetryStrategyOptions<bool>
                {
                    ShouldHandle = arguments =>
                    {
                        if (!(arguments.Outcome.Exception is MigrationFailedException e) || !IsRetried(e, arguments.AttemptNumber))
                            return new ValueTask<bool>(false);
                        var movedOn = watch.TakeProgress();
                        if (GiveUpStuckItems?.Invoke() == true)
                            movedOn = true;
                        fruitless = movedOn ? 1 : fruitless + 1;
                        return new ValueTask<bool>(fruitless <= retries);
                    },
                    MaxRetryAttempts = int.MaxValue,
                    DelayGenerator = _ => new ValueTask<TimeSpan?>(RetryBackoff.Delay(firstDelay, fruitless, random)),
                    OnRetry = arguments =>
                    {
                        observer.OnWarning($"{arguments.Outcome.Exception?.Message} Connecting again in {arguments.RetryDelay.TotalSeconds:N1} s " +
                                           $"(attempt {fruitless + 1} of {retries + 1} without progress).");
                        return default;
                    },
                })
                .Build();
            try
            {
                return await pipeline.ExecuteAsync(async token => await pass(watch, fruitless, token).ConfigureAwait(false), stopToken).ConfigureAwait(false);
            }
            catch (MigrationFailedException e) when (retries > 0 && fruitless > retries)
            {
                throw new MigrationFailedException(e.Kind, $"{e.Message} Gave up after {retries + 1} attempts without progress.", e);
            }
        }

        // A server that refuses connections after it broke one is probably restarting: that is retried
        // too; at the first attempt it is more likely a wrong address, which fails at once.
        private static bool IsRetried(MigrationFailedException e, int attemptNumber) =>
            e.Kind == FailureKind.ConnectionLost || e.Kind == FailureKind.ServerUnavailable || (e.Kind == FailureKind.Connection && attemptNumber > 0);

        /// <summary>Passes reports on, and remembers whether items got done since it was last asked.</summary>
        private sealed class ProgressWatch : IMigrationObserver
        {
            private readonly IMigrationObserver inner;
            private long mostDone;
            private long mostDoneAsked;

            public ProgressWatch(IMigrationObserver inner)
            {
                this.inner = inner;
            }

            public bool TakeProgress()
            {
                var done = Interlocked.Read(ref mostDone);
                var moved = done > mostDoneAsked;
                mostDoneAsked = done;
                return moved;
            }

            public void OnProgress(MigrationProgress progress)
            {
                // Each attempt counts again from the items found already copied, so only a new maximum is progress.
                long seen;
                while (progress.ItemsDone > (seen = Interlocked.Read(ref mostDone)) && Interlocked.CompareExchange(ref mostDone, progress.ItemsDone, seen) != seen)
                {
                }
                inner.OnProgress(progress);
            }

            public void OnItemProblem(ItemError problem) => inner.OnItemProblem(problem);

            public void OnVerbose(string message) => inner.OnVerbose(message);

            public void OnWarning(string message) => inner.OnWarning(message);
        }
    }
}
