using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// A request would carry the login over plain HTTP to another machine (e.g. after a redirect from https://), and
    /// plaintext was not allowed; nothing was sent.
    /// </summary>
    public sealed class DavPlaintextLoginException : DavException
    {
        public DavPlaintextLoginException(string method, Uri url)
            : base($"{url.GetLeftPart(UriPartial.Authority)}/ is plain HTTP: the password would cross the network in clear, so it was not sent. " +
                   "Give the server's https:// URL, or -SourceSecurity/-DestinationSecurity None for this side if the network is trusted.",
                null, method, url.AbsolutePath)
        {
        }
    }
}
