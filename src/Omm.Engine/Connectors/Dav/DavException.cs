using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>A CalDAV/CardDAV request failed: the server could not be reached, or it refused or misunderstood the request.</summary>
    public class DavException : Exception
    {
        public DavException(string message, int? statusCode = null, string? method = null, string? href = null, string? condition = null, Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            Method = method;
            Href = href;
            Condition = condition;
        }

        /// <summary>The HTTP status, or null when no answer came (connection, TLS, timeout).</summary>
        public int? StatusCode { get; }

        public string? Method { get; }

        public string? Href { get; }

        /// <summary>The precondition the server named in its error body, e.g. "no-uid-conflict" or "valid-calendar-data".</summary>
        public string? Condition { get; }

        /// <summary>
        /// The connection broke, timed out or was refused: the same request may well work a moment later (a TLS or
        /// name resolution failure, or any answer, is not transient).
        /// </summary>
        public bool IsTransient { get; internal set; }

        /// <summary>The message ending with a full stop, for text that follows it.</summary>
        internal string Sentence => Message.EndsWith(".", StringComparison.Ordinal) ? Message : Message + ".";
    }
}
