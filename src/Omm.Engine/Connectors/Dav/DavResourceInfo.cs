using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>A member of a collection as a listing shows it: where it is and its version, without its body.</summary>
    public sealed class DavResourceInfo
    {
        public DavResourceInfo(string href, string? eTag, string? contentType)
        {
            Href = href ?? throw new ArgumentNullException(nameof(href));
            ETag = eTag;
            ContentType = contentType;
        }

        /// <summary>Absolute path on the server, in the canonical encoding of <see cref="DavHref"/>.</summary>
        public string Href { get; }

        /// <summary>The entity tag exactly as the server sent it, quotes included.</summary>
        public string? ETag { get; }

        public string? ContentType { get; }

        public override string ToString() => $"{Href} {ETag}";
    }
}
