using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// Sends a DAV request again when it fails for a moment: the connection broke, timed out or was refused, or the
    /// server answered 429, 502, 503 or 504. A 429 or 503 waits what its Retry-After asks (at most
    /// <see cref="RetryBackoff.MaxDelay"/>); other failures wait as IMAP reconnections do (<see cref="RetryBackoff"/>).
    /// <para>
    /// After a broken connection or a gateway failure a cheap request (OPTIONS) asks whether the server answers at
    /// all. If it does, the failure is this request's own (an item that breaks a proxy, say): it is tried
    /// <see cref="AttemptsPerRequest"/> times, then given up with a <see cref="DavRequestBrokeException"/> so that the
    /// caller can skip it. If the server does not answer, or says it is busy, the attempt counts against the budget
    /// shared by all requests of the client: <c>retries</c> attempts in a row without a useful answer, after which a
    /// <see cref="DavUnavailableException"/> ends the work. Before anything has answered at that address, a failure is
    /// not retried: a wrong address should fail at once.
    /// </para>
    /// </summary>
    internal sealed class DavRetry
    {
        /// <summary>How many times one request is sent while the server answers others, before it is given up.</summary>
        public const int AttemptsPerRequest = 4;

        private readonly int retries;
        private readonly TimeSpan firstDelay;
        private readonly Action<string> warn;
        private readonly object gate = new object();
        private readonly Random random = new Random();
        private int fruitless;
        private bool answered;

        /// <param name="retries">Attempts in a row without any answer that are tried again (0: none).</param>
        /// <param name="firstDelay">The wait before the first of them; it doubles each time.</param>
        /// <param name="warn">Told about each retry, with the reason and the wait.</param>
        public DavRetry(int retries, TimeSpan firstDelay, Action<string> warn)
        {
            this.retries = Math.Max(0, retries);
            this.firstDelay = firstDelay;
            this.warn = warn;
        }

        /// <summary>The answer to <paramref name="send"/>, sent as often as the rules above allow.</summary>
        /// <param name="probe">A request that shows whether the server answers at all.</param>
        public async Task<DavAnswer> SendAsync(Func<CancellationToken, Task<DavAnswer>> send, Func<CancellationToken, Task<DavAnswer>> probe,
            CancellationToken cancellationToken)
        {
            var broken = 0;
            for (var attempts = 1; ; attempts++)
            {
                DavException failure;
                TimeSpan? retryAfter = null;
                var busy = false;
                try
                {
                    var answer = await send(cancellationToken).ConfigureAwait(false);
                    if (!IsPassing(answer.Status))
                    {
                        Answered();
                        answer.Attempts = attempts;
                        return answer;
                    }

                    lock (gate)
                        answered = true;
                    busy = answer.Status == 429 || answer.Status == 503;
                    retryAfter = answer.RetryAfter;
                    failure = Failure(answer);
                }
                catch (DavException e) when (e.IsTransient)
                {
                    failure = e;
                }

                TimeSpan delay;
                if (!busy && await AnswersAsync(probe, cancellationToken).ConfigureAwait(false))
                {
                    broken++;
                    if (broken >= AttemptsPerRequest)
                        throw new DavRequestBrokeException(broken, failure);
                    delay = Delay(broken);
                    warn($"{failure.Sentence} The server answers other requests: sending it again in {Seconds(delay)} s (attempt {broken + 1} of {AttemptsPerRequest} for this request).");
                }
                else
                {
                    int count;
                    lock (gate)
                    {
                        if (!answered)
                            throw failure;
                        count = ++fruitless;
                    }

                    if (count > retries)
                        throw retries == 0 ? failure : new DavUnavailableException(count, failure);
                    delay = retryAfter is TimeSpan asked ? (asked < RetryBackoff.MaxDelay ? asked : RetryBackoff.MaxDelay) : Delay(count);
                    warn($"{failure.Sentence} Trying again in {Seconds(delay)} s (attempt {count + 1} of {retries + 1} without progress).");
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>429 and 503 (the server is busy), 502 and 504 (a gateway in front of it failed): worth another try.</summary>
        private static bool IsPassing(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        private static DavException Failure(DavAnswer answer) =>
            new DavException($"The server at {answer.Url.GetLeftPart(UriPartial.Authority)}/ answered {answer.Method} {answer.Url.AbsolutePath} with {answer.Status} {answer.Reason}.",
                answer.Status, answer.Method, answer.Url.AbsolutePath) { IsTransient = true };

        private async Task<bool> AnswersAsync(Func<CancellationToken, Task<DavAnswer>> probe, CancellationToken cancellationToken)
        {
            try
            {
                var answer = await probe(cancellationToken).ConfigureAwait(false);
                if (IsPassing(answer.Status))
                    return false;
                Answered();
                return true;
            }
            catch (DavException e) when (e.IsTransient)
            {
                return false;
            }
        }

        private void Answered()
        {
            lock (gate)
            {
                answered = true;
                fruitless = 0;
            }
        }

        private TimeSpan Delay(int attempt)
        {
            lock (gate)
                return RetryBackoff.Delay(firstDelay, attempt, random);
        }

        private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture);
    }
}
