namespace Omm.Engine.Migrations
{
    /// <summary>
    /// What a running migration tells its caller. Called from engine threads: implementations must be
    /// thread-safe and must not block for long (a cmdlet queues the calls for its pipeline thread).
    /// </summary>
    public interface IMigrationObserver
    {
        void OnProgress(MigrationProgress progress);

        /// <summary>An item was not copied (Error) or was copied with a warning.</summary>
        void OnItemProblem(ItemError problem);

        /// <summary>A step worth a line in a verbose log.</summary>
        void OnVerbose(string message);

        /// <summary>Something the user should know that is not about one item (a notification mail that could not be sent).</summary>
        void OnWarning(string message);
    }
}
