using System;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>Where a mailbox's Exchange Web Services are, as Autodiscover said.</summary>
    public sealed class EwsLocation
    {
        public EwsLocation(Uri ewsUrl, string emailAddress, string foundBy)
        {
            EwsUrl = ewsUrl;
            EmailAddress = emailAddress;
            FoundBy = foundBy;
        }

        /// <summary>https://host/EWS/Exchange.asmx</summary>
        public Uri EwsUrl { get; }

        /// <summary>The address the answer is for: the one asked, or the one an Autodiscover server redirected to.</summary>
        public string EmailAddress { get; }

        /// <summary>Which request gave the answer, e.g. "POX https://autodiscover.example.com/autodiscover/autodiscover.xml (EXPR)".</summary>
        public string FoundBy { get; }

        public override string ToString() => $"{EwsUrl} (for {EmailAddress}, from {FoundBy})";
    }
}
