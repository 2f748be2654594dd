namespace Omm
{
    /// <summary>Where a migration stands.</summary>
    public enum MigrationStatus
    {
        /// <summary>Created, not started yet.</summary>
        Queued,

        /// <summary>A pass is copying items now.</summary>
        Running,

        /// <summary>The last pass copied every item.</summary>
        Completed,

        /// <summary>The last pass ended, but some items could not be copied (see Errors).</summary>
        CompletedWithErrors,

        /// <summary>The last pass could not go on (see FailureReason); what was copied stays.</summary>
        Failed,

        /// <summary>Stopped on request; what was copied stays.</summary>
        Stopped,

        /// <summary>The process running the migration went away without recording an end.</summary>
        Interrupted,

        /// <summary>
        /// Remove-OmmMigratedItem took everything the migration had copied off the destination; a Sync-OmmMigration copies it all again.
        /// </summary>
        Removed,
    }
}
