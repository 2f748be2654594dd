using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>An HTTP answer read in full: a status, the headers the client uses and the body as text.</summary>
    internal sealed class DavAnswer
    {
        public DavAnswer(string method, Uri url, int status, string reason, string body, string? eTag, string? location, string? contentType,
            TimeSpan? retryAfter = null)
        {
            RetryAfter = retryAfter;
            Method = method;
            Url = url;
            Status = status;
            Reason = reason;
            Body = body;
            ETag = eTag;
            Location = location;
            ContentType = contentType;
        }

        public string Method { get; }

        /// <summary>The URL that answered (after redirects).</summary>
        public Uri Url { get; }

        public int Status { get; }

        public string Reason { get; }

        public string Body { get; }

        public string? ETag { get; }

        public string? Location { get; }

        public string? ContentType { get; }

        /// <summary>How long the server asked to wait (Retry-After of a 429 or 503), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>How many times the request was sent to get this answer (more than 1 after failures that were retried).</summary>
        public int Attempts { get; internal set; } = 1;

        public bool IsSuccess => Status >= 200 && Status < 300;

        public bool IsXml => ContentType != null && ContentType.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
