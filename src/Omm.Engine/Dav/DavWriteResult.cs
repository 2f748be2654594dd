using System;

namespace Omm.Engine.Dav
{
    public sealed class DavWriteResult
    {
        public DavWriteResult(DavWriteOutcome outcome, string href, string? eTag)
        {
            Outcome = outcome;
            Href = href ?? throw new ArgumentNullException(nameof(href));
            ETag = eTag;
        }

        public DavWriteOutcome Outcome { get; }

        public string Href { get; }

        /// <summary>The new entity tag; null when the server did not send one (then read it with GetETagAsync).</summary>
        public string? ETag { get; }

        public override string ToString() => $"{Outcome} {Href} {ETag}";
    }
}
