using System;

namespace Omm.Engine.Connectors.Dav
{
    public sealed class DavWriteResult
    {
        public DavWriteResult(DavWriteOutcome outcome, string href, string? eTag, int attempts = 1)
        {
            Attempts = attempts;
            Outcome = outcome;
            Href = href ?? throw new ArgumentNullException(nameof(href));
            ETag = eTag;
        }

        public DavWriteOutcome Outcome { get; }

        public string Href { get; }

        /// <summary>The new entity tag; null when the server did not send one (then read it with GetETagAsync).</summary>
        public string? ETag { get; }

        /// <summary>
        /// How many times the PUT was sent: more than 1 when a connection broke, so that an earlier attempt may have
        /// been stored already (a <see cref="DavWriteOutcome.PreconditionFailed"/> may then be about that copy).
        /// </summary>
        public int Attempts { get; }

        public override string ToString() => $"{Outcome} {Href} {ETag}";
    }
}
