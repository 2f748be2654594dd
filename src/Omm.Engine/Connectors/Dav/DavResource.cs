using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>A vCard or iCalendar object read from the server.</summary>
    public sealed class DavResource
    {
        public DavResource(string href, string? eTag, string data)
        {
            Href = href ?? throw new ArgumentNullException(nameof(href));
            ETag = eTag;
            Data = data ?? throw new ArgumentNullException(nameof(data));
        }

        public string Href { get; }

        /// <summary>The entity tag exactly as the server sent it, quotes included.</summary>
        public string? ETag { get; }

        /// <summary>The body, with CRLF line ends whichever way it was read (XML answers carry it with LF).</summary>
        public string Data { get; }

        public override string ToString() => $"{Href} {ETag}";
    }
}
