namespace Omm.Engine.Migrations
{
    public enum FailureKind
    {
        Authentication,
        Connection,
        Security,
        Protocol,
        Unsupported,
        InvalidSource,
        Unexpected,
    }
}
