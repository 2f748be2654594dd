using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Runs a mail pass again, on new connections, when a connection breaks in its middle or a server says
    /// it cannot go on for the moment (NO [UNAVAILABLE], NO [INUSE]): after a delay
    /// that doubles each time (with jitter, so that many migrations cut at once do not come back at once),
    /// at most a few times; then the pass fails with the last reason. Passes resume where the state says,
    /// so a retry copies nothing twice.
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

        /// <exception cref="MigrationFailedException">The pass failed for another reason, or the connection kept breaking.</exception>
        public async Task<bool> RunAsync(Func<CancellationToken, Task<bool>> pass, CancellationToken stopToken)
        {
            var pipeline = new ResiliencePipelineBuilder<bool>()
                .AddRetry(new RetryStrategyOptions<bool>
                {
                    ShouldHandle = new PredicateBuilder<bool>().Handle<MigrationFailedException>(IsTransient),
                    MaxRetryAttempts = retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = firstDelay,
                    MaxDelay = TimeSpan.FromMinutes(2),
                    OnRetry = arguments =>
                    {
                        observer.OnWarning($"{arguments.Outcome.Exception?.Message} Connecting again in {arguments.RetryDelay.TotalSeconds:N1} s " +
                                           $"(attempt {arguments.AttemptNumber + 2} of {retries + 1}).");
                        return default;
                    },
                })
                .Build();
            try
            {
                return await pipeline.ExecuteAsync(async token => await pass(token).ConfigureAwait(false), stopToken).ConfigureAwait(false);
            }
            catch (MigrationFailedException e) when (IsTransient(e) && retries > 0)
            {
                throw new MigrationFailedException(e.Kind, $"{e.Message} Gave up after {retries + 1} attempts.", e);
            }
        }

        /// <summary>A failure that a later attempt on new connections may not meet.</summary>
        private static bool IsTransient(MigrationFailedException e) => e.Kind == FailureKind.ConnectionLost || e.Kind == FailureKind.ServerUnavailable;
    }
}
