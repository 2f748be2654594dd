using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailKit.Net.Imap;
using Omm.Engine.Endpoints;
using Omm.Engine.Connectors.Imap;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// Messages that cannot get through: each of several attempts in a row failed (a broken connection, or
    /// "not now" from the server: UNAVAILABLE, INUSE) while the message was being read or appended alone, in a
    /// command of its own. Such a message is given up for the rest of the pass, an item error, so that the pass
    /// goes on with the rest instead of failing. A server that is down never gets that far: it fails before
    /// any message is in flight (connection, login, SELECT). Lives as long as one pass, reconnections
    /// included, so a later pass tries the message again. See docs/poison-items.md.
    /// </summary>
    internal sealed class PoisonMessages
    {
        /// <summary>Failed attempts in a row, each with the message alone in flight, after which it is given up.</summary>
        public const int DefaultAttempts = 4;

        private readonly int attempts;
        private readonly object gate = new object();
        private readonly Dictionary<(string Folder, string Key), Suspect> failedThisAttempt = new Dictionary<(string, string), Suspect>();
        private Dictionary<(string Folder, string Key), Suspect> suspects = new Dictionary<(string, string), Suspect>();
        private readonly Dictionary<(string Folder, string Key), Suspect> givenUp = new Dictionary<(string, string), Suspect>();

        /// <param name="attempts">Failed attempts in a row after which a message is given up.</param>
        public PoisonMessages(int attempts)
        {
            this.attempts = Math.Max(1, attempts);
        }

        /// <summary>
        /// A command that carried this message alone (a FETCH from the source, an APPEND to the destination)
        /// failed in a way the pass is run again for. Other failures are not about the message and are ignored.
        /// </summary>
        /// <param name="folder">The source folder, as the pass knows it.</param>
        public void NoteFailure(AccountEndpoint side, string folder, string sourceKey, string itemName, long size, MigrationFailedException failure)
        {
            var refused = failure.Kind == FailureKind.ServerUnavailable;
            if (!refused && failure.Kind != FailureKind.ConnectionLost)
                return;
            var refusal = refused && failure.InnerException is ImapCommandException e ? ImapFailures.Refusal(side, e) : null;
            var key = (folder, sourceKey);
            lock (gate)
            {
                if (!failedThisAttempt.ContainsKey(key))
                    failedThisAttempt[key] = suspects.TryGetValue(key, out var known) ? known : new Suspect(itemName, size);
                failedThisAttempt[key].Add(side.Role, refused, refusal);
            }
        }

        /// <summary>
        /// Called after each attempt that failed and is run again: a message that failed this attempt once
        /// more counts one more attempt in a row, one that did not starts again from none, and one that has
        /// failed <see cref="DefaultAttempts"/> (or the number given) in a row is given up.
        /// </summary>
        /// <returns>True when a message was given up now: the next attempt moves past it.</returns>
        public bool GiveUpRepeatedFailures()
        {
            lock (gate)
            {
                var gaveUp = false;
                foreach (var failed in failedThisAttempt)
                {
                    if (++failed.Value.AttemptsInARow < attempts)
                        continue;
                    givenUp[failed.Key] = failed.Value;
                    gaveUp = true;
                }

                suspects = failedThisAttempt.Where(f => !givenUp.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => f.Value);
                failedThisAttempt.Clear();
                return gaveUp;
            }
        }

        /// <summary>
        /// Whether the pass leaves this message out, given up earlier in the pass; the first time, its item
        /// error is recorded. Ask only once copies an earlier attempt made without recording them have been
        /// looked for: the last failed APPEND may have been stored after all.
        /// </summary>
        /// <param name="beforeReading">
        /// Asked before the message is read from the source: only a message given up for failing to be read is left
        /// out then (one given up at the destination is asked about after its unrecorded copies were looked for).
        /// </param>
        public bool LeavesOut(PassContext pass, string folder, string sourceKey, bool beforeReading = false)
        {
            Suspect given;
            lock (gate)
            {
                if (givenUp.Count == 0 || !givenUp.TryGetValue((folder, sourceKey), out given!) || (beforeReading && !given.OnlyWhileReading))
                    return false;
                if (given.Reported)
                    return true;
                given.Reported = true;
            }

            pass.Record(ItemErrorType.Error, folder, given.ItemName, given.Problem());
            return true;
        }

        /// <summary>One message's failed attempts in a row, by side and kind.</summary>
        private sealed class Suspect
        {
            private readonly long size;
            private readonly Dictionary<(EndpointRole Side, bool Refused), int> failures = new Dictionary<(EndpointRole, bool), int>();
            private readonly Dictionary<EndpointRole, string> refusals = new Dictionary<EndpointRole, string>();

            public Suspect(string itemName, long size)
            {
                ItemName = itemName;
                this.size = size;
            }

            public string ItemName { get; }

            public int AttemptsInARow { get; set; }

            public bool Reported { get; set; }

            /// <summary>Every failure was on the source side: the message was never read whole, so it cannot have been copied.</summary>
            public bool OnlyWhileReading => failures.Keys.All(k => k.Side == EndpointRole.Source);

            public void Add(EndpointRole side, bool refused, string? refusal)
            {
                failures[(side, refused)] = failures.TryGetValue((side, refused), out var count) ? count + 1 : 1;
                if (refusal != null)
                    refusals[side] = refusal;
            }

            /// <summary>"The connection to the destination broke 4 times while this 25.0 MB message was appended; it was not copied. ..."</summary>
            public string Problem()
            {
                var what = failures.OrderBy(f => f.Key.Side).ThenBy(f => f.Key.Refused).Select(f =>
                {
                    var side = f.Key.Side == EndpointRole.Source ? "source" : "destination";
                    return f.Key.Refused
                        ? $"the {side} refused for the moment {Times(f.Value)}" + (refusals.TryGetValue(f.Key.Side, out var reply) ? $" ({reply})" : string.Empty)
                        : $"the connection to the {side} broke {Times(f.Value)}";
                }).ToList();
                var sides = failures.Keys.Select(k => k.Side).Distinct().ToList();
                var done = sides.Count > 1 ? "read and appended" : sides[0] == EndpointRole.Source ? "read" : "appended";
                var text = string.Join(" and ", what);
                return char.ToUpperInvariant(text[0]) + text.Substring(1) +
                       $" while this {(size > 0 ? Size(size) + " " : string.Empty)}message was {done}; it was not copied. A later Sync-OmmMigration tries it again.";
            }

            private static string Times(int count) => count == 1 ? "once" : count == 2 ? "twice" : $"{count} times";

            private static string Size(long bytes) => bytes >= 1024 * 1024
                ? (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MB"
                : Math.Max(1, (bytes + 512) / 1024).ToString("N0", CultureInfo.InvariantCulture) + " KB";
        }
    }
}
