using Omm.Engine.State;

namespace Omm.Engine.Migrations
{
    /// <summary>How a scheduled migration ended: it ran a pass, was skipped (stopped while it waited), or was refused (running elsewhere).</summary>
    public sealed class ScheduledEnd
    {
        private ScheduledEnd(string migrationId, PassResult? result, string? skipped, MigrationBusyException? refusal)
        {
            MigrationId = migrationId;
            Result = result;
            Skipped = skipped;
            Refusal = refusal;
        }

        public string MigrationId { get; }

        public PassResult? Result { get; }

        /// <summary>Why no pass ran, when it was skipped.</summary>
        public string? Skipped { get; }

        public MigrationBusyException? Refusal { get; }

        public static ScheduledEnd Ran(PassResult result) => new ScheduledEnd(result.Migration.Id, result, null, null);

        public static ScheduledEnd Skip(string id, string reason) => new ScheduledEnd(id, null, reason, null);

        public static ScheduledEnd Refused(string id, MigrationBusyException refusal) => new ScheduledEnd(id, null, null, refusal);
    }
}
