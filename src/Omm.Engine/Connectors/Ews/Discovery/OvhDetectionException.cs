using System;
using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>No OVHcloud product could be told from a domain's DNS (and Autodiscover); the message says what was looked up and found.</summary>
    public sealed class OvhDetectionException : Exception
    {
        public OvhDetectionException(string domain, string reason, IReadOnlyList<string> lookups, Exception? innerException = null)
            : base($"Cannot tell which OVHcloud product holds the mailboxes of {domain}: {reason}{Environment.NewLine}Looked up:{Environment.NewLine}  "
                   + string.Join(Environment.NewLine + "  ", lookups)
                   + Environment.NewLine
                   + "If the mailboxes are not at OVHcloud, or its DNS records are not set, give the destination server (EWS URL or IMAP host) instead of leaving it empty.",
                innerException)
        {
            Domain = domain;
            Lookups = lookups;
        }

        public string Domain { get; }

        /// <summary>Each DNS or Autodiscover lookup and its answer, e.g. "MX example.com → mx1.mail.ovh.net".</summary>
        public IReadOnlyList<string> Lookups { get; }
    }
}
