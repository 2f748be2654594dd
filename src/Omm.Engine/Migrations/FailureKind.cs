namespace Omm.Engine.Migrations
{
    public enum FailureKind
    {
        Authentication,
        Connection,

        /// <summary>A connection broke in the middle of a pass; the pass is run again (new connections) a few times before it fails.</summary>
        ConnectionLost,
        Security,
        Protocol,
        Unsupported,
        InvalidSource,
        Unexpected,
    }
}
