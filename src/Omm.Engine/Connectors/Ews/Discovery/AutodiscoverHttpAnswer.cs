using System;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>An HTTP answer read in full, or why there was none.</summary>
    internal sealed class AutodiscoverHttpAnswer
    {
        public AutodiscoverHttpAnswer(int status, string reason, string body, Uri? location, string challenges)
        {
            Status = status;
            Reason = reason;
            Body = body;
            Location = location;
            Challenges = challenges;
        }

        private AutodiscoverHttpAnswer(string failure)
            : this(0, string.Empty, string.Empty, null, string.Empty)
        {
            Failure = failure;
        }

        public int Status { get; }

        public string Reason { get; }

        public string Body { get; }

        public Uri? Location { get; }

        /// <summary>The WWW-Authenticate schemes of a 401, e.g. "Basic, NTLM".</summary>
        public string Challenges { get; }

        /// <summary>Why no answer came (refused, timed out, certificate), or null.</summary>
        public string? Failure { get; }

        public bool IsRedirect => Status == 301 || Status == 302 || Status == 303 || Status == 307 || Status == 308;

        public static AutodiscoverHttpAnswer Failed(string failure) => new(failure);

        public string StatusLine => $"HTTP {Status} {Reason}".TrimEnd();
    }
}
