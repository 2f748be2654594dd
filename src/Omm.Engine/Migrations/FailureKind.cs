namespace Omm.Engine.Migrations
{
    public enum FailureKind
    {
        Authentication,
        Connection,

        /// <summary>A connection broke in the middle of a pass; the pass is run again (new connections) a few times before it fails.</summary>
        ConnectionLost,

        /// <summary>A server answered that it cannot do it now (RFC 5530 UNAVAILABLE, INUSE); retried like <see cref="ConnectionLost"/>.</summary>
        ServerUnavailable,

        /// <summary>The destination mailbox is full (RFC 5530 OVERQUOTA): retrying will not help until space is freed or the quota raised.</summary>
        OverQuota,
        Security,
        Protocol,
        Unsupported,
        InvalidSource,
        Unexpected,
    }
}
