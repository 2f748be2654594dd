namespace Omm.Engine.Migrations
{
    /// <summary>How a pass ended: the migration as recorded afterwards, and the failure when it failed.</summary>
    public sealed class PassResult
    {
        public PassResult(Migration migration, MigrationFailedException? failure)
        {
            Migration = migration;
            Failure = failure;
        }

        public Migration Migration { get; }

        public MigrationFailedException? Failure { get; }
    }
}
