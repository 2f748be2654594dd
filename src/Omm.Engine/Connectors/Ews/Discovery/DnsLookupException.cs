using System;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>A DNS question got no usable answer: the name server could not be reached, or it failed.</summary>
    public sealed class DnsLookupException : Exception
    {
        public DnsLookupException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
