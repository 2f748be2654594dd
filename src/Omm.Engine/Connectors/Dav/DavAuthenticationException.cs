using System;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>The server refused the user name or password (401, or 403 while finding the account).</summary>
    public sealed class DavAuthenticationException : DavException
    {
        public DavAuthenticationException(string message, int statusCode, string? method = null, string? href = null, Exception? innerException = null)
            : base(message, statusCode, method, href, null, innerException)
        {
        }
    }
}
