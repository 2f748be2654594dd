namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// The server could not be reached, or kept saying it cannot answer now (429, 503), for as many attempts in a
    /// row as the retry budget allows: it is down, or the way to it is.
    /// </summary>
    public sealed class DavUnavailableException : DavException
    {
        public DavUnavailableException(int attempts, DavException last)
            : base($"{last.Sentence} Gave up after {attempts} attempts without progress.", last.StatusCode, last.Method, last.Href, last.Condition, last)
        {
            Attempts = attempts;
            IsTransient = true;
        }

        public int Attempts { get; }
    }
}
