namespace Omm.Engine.Connectors.Dav
{
    public enum DavWriteOutcome
    {
        Created,
        Updated,

        /// <summary>If-None-Match or If-Match did not hold: the resource exists already, or changed since it was read.</summary>
        PreconditionFailed,
    }
}
