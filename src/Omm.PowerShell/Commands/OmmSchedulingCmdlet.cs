using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Notifications;
using Omm.Engine.State;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>
    /// Cmdlets that run passes: through a scheduler (at most -ThrottleLimit at once, each copying no faster than
    /// its caps), writing each migration as it ends.
    /// </summary>
    public abstract class OmmSchedulingCmdlet : OmmConnectingCmdlet
    {
        private MigrationScheduler? scheduler;
        private BatchProgress? batch;
        private StateStore? schedulingStore;
        private int mostAtOnce;

        /// <summary>The ends not written yet, to say where each stopped should Ctrl+C leave no stream to write them to.</summary>
        private readonly ConcurrentDictionary<ScheduledEnd, bool> unwritten = new ConcurrentDictionary<ScheduledEnd, bool>();

        /// <summary>The project's notifier for this command; a terminating error when its SMTP sign-in cannot be opened.</summary>
        private protected MigrationNotifier? NotifierOf(Omm.Engine.Projects.ProjectSession session, System.Net.NetworkCredential? smtpCredential)
        {
            try
            {
                return session.Notifier(smtpCredential);
            }
            catch (Omm.Engine.Projects.ProjectPasswordException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "StoredCredentialUnreadable", ErrorCategory.SecurityError, session.Name));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "SmtpOAuthIncomplete", ErrorCategory.InvalidArgument, session.Name));
            }

            return null;
        }

        /// <summary>How many passes run at once (default: the project's, else 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <summary>
        /// The most messages per second each migration copies, all its connections together (0.5: one every 2 s; 0 lifts
        /// the cap). Stored with the migration, for this pass and later ones; without it, the cap stored holds.
        /// </summary>
        [Parameter]
        public double MaxMessagesPerSecond { get; set; }

        /// <summary>The most message bytes per second each migration copies (1MB; 0 lifts the cap). Stored like -MaxMessagesPerSecond.</summary>
        [Parameter]
        public long MaxBytesPerSecond { get; set; }

        /// <summary>-ThrottleLimit where given, else null.</summary>
        protected int? GivenThrottleLimit => MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : (int?)null;

        /// <summary>The most passes that ran at the same time, so far.</summary>
        protected int MostAtOnce => scheduler?.MostAtOnce ?? mostAtOnce;

        protected override void EndProcessing()
        {
            FinishScheduling();
            base.EndProcessing();
        }

        /// <summary>
        /// -MaxMessagesPerSecond and -MaxBytesPerSecond where given (0 lifts a cap), each null where not;
        /// stops the command with a clear error when one is not a usable cap.
        /// </summary>
        protected (double? MaxMessagesPerSecond, long? MaxBytesPerSecond) ThroughputCapParameters()
        {
            var bound = MyInvocation.BoundParameters;
            double? messages = bound.ContainsKey(nameof(MaxMessagesPerSecond)) ? MaxMessagesPerSecond : (double?)null;
            long? bytes = bound.ContainsKey(nameof(MaxBytesPerSecond)) ? MaxBytesPerSecond : (long?)null;
            var problem = messages.HasValue ? ThroughputCaps.MessagesProblem(messages.Value) : null;
            if (problem != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-MaxMessagesPerSecond: {problem}"),
                    "InvalidThroughputCap", ErrorCategory.InvalidArgument, messages));
            problem = bytes.HasValue ? ThroughputCaps.BytesProblem(bytes.Value) : null;
            if (problem != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-MaxBytesPerSecond: {problem}"),
                    "InvalidThroughputCap", ErrorCategory.InvalidArgument, bytes));
            return (messages, bytes);
        }

        /// <param name="store">The state file.</param>
        /// <param name="throttleLimit">How many passes run at once.</param>
        /// <param name="notifier">Sends notification mails, or null.</param>
        /// <param name="batchTitle">Title of the batch progress bar; null to show a single migration's bars.</param>
        /// <param name="connections">IMAP connections per side each pass may use.</param>
        protected void StartScheduling(StateStore store, int throttleLimit, MigrationNotifier? notifier, string? batchTitle,
            int connections = MigrationRunner.DefaultConnections)
        {
            schedulingStore = store;
            scheduler = new MigrationScheduler(store, throttleLimit, notifier, StopToken, connections);
            batch = batchTitle == null ? null : new BatchProgress(this, batchTitle);
        }

        /// <summary>Queues a pass; the migration is written when it ends. Writes what ended meanwhile.</summary>
        protected void Schedule(string id, AccountEndpoint source, AccountEndpoint destination)
        {
            if (scheduler == null)
                throw new InvalidOperationException("StartScheduling first.");
            scheduler.Submit(id, source, destination, new CmdletMigrationObserver(this, Pump, batch), end =>
            {
                unwritten[end] = true;
                Pump.Post(() =>
                {
                    WriteEnd(end);
                    unwritten.TryRemove(end, out _);
                });
            });
            batch?.Submitted();
            Pump.Drain();
            if (Pump.Stopped)
                FinishScheduling();
        }

        /// <summary>Waits for every queued pass, writing each migration as it ends.</summary>
        protected void FinishScheduling()
        {
            if (scheduler == null)
                return;
            var finishing = scheduler;
            scheduler = null;
            finishing.Complete();
            try
            {
                Pump.RunUntil(finishing.Completion);
                batch?.Complete();
            }
            catch (PipelineStoppedException)
            {
                SayWhereCtrlCStopped();
                throw;
            }
            finally
            {
                mostAtOnce = finishing.MostAtOnce;
                finishing.Dispose();
            }
        }

        /// <summary>
        /// After Ctrl+C, where each migration stopped, straight to the console: the pipeline takes nothing any more, so the
        /// migrations are not written and StopProcessing may not write either.
        /// </summary>
        private void SayWhereCtrlCStopped()
        {
            if (!StopToken.IsCancellationRequested)
                return;
            var notStarted = 0;
            foreach (var end in unwritten.Keys)
            {
                if (end.Result?.Migration is Migration migration && migration.Status == MigrationStatus.Stopped)
                    StopSummary.WriteToHost(this, StopSummary.Of(migration));
                else if (end.Result == null && end.Refusal == null)
                    notStarted++;
            }

            if (notStarted > 0)
                StopSummary.WriteToHost(this, $"{notStarted} more migration(s) stopped before they started; Sync-OmmMigration starts them.");
        }

        private void WriteEnd(ScheduledEnd end)
        {
            batch?.Ended();
            if (end.Refusal != null)
            {
                WriteError(new ErrorRecord(end.Refusal, "MigrationRunning", ErrorCategory.ResourceBusy, end.MigrationId));
                return;
            }

            if (end.Result == null)
            {
                WriteWarning($"Migration {end.MigrationId} was {end.Skipped}.");
                WriteObject(schedulingStore!.Find(end.MigrationId));
                return;
            }

            var result = end.Result;
            if (result.Migration.Status == MigrationStatus.Stopped)
                StopSummary.Write(this, StopSummary.Of(result.Migration));
            if (result.Failure != null)
                WriteError(new ErrorRecord(result.Failure, "MigrationFailed", ErrorCategories.Of(result.Failure.Kind), result.Migration)
                {
                    ErrorDetails = new ErrorDetails($"Migration {result.Migration.Id} failed: {result.Failure.Message}"),
                });
            WriteObject(result.Migration);
        }
    }
}
