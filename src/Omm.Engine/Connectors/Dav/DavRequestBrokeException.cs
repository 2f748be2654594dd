using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// One request failed every time it was sent (the connection broke, timed out, or a gateway failed) while the
    /// server answered other requests in between: something about this request, such as the item it carries, breaks
    /// the way to the server. The caller may skip it and go on.
    /// </summary>
    public sealed class DavRequestBrokeException : DavException
    {
        public DavRequestBrokeException(int attempts, DavException last)
            : base($"The connection broke {attempts} times while {last.Method} {last.Href} was sent, while the server answered other requests (last: {last.Message})",
                last.StatusCode, last.Method, last.Href, last.Condition, last)
        {
            Attempts = attempts;
            Last = last;
        }

        public int Attempts { get; }

        /// <summary>The last failure, as it came.</summary>
        public DavException Last { get; }

        /// <summary>For an item error: "The connection broke 4 times while this item was {<paramref name="action"/>}, ...".</summary>
        public string AboutItem(string action) =>
            $"The connection broke {Attempts} times while this item was {action}, while the server answered other requests; " +
            $"the rest goes on, and the next pass tries it again. Last: {Last.Message}";
    }
}
