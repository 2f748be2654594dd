using System;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>Which OVHcloud product holds a domain's mailboxes, the server to use, and why that was concluded.</summary>
    public sealed class OvhProduct
    {
        public const int ImapsPort = 993;

        private OvhProduct(OvhProductKind kind, string domain, Uri? ewsUrl, string? imapHost, string explanation)
        {
            Kind = kind;
            Domain = domain;
            EwsUrl = ewsUrl;
            ImapHost = imapHost;
            Explanation = explanation;
        }

        public OvhProductKind Kind { get; }

        public string Domain { get; }

        /// <summary>Hosted Exchange: https://exN.mail.ovh.net/EWS/Exchange.asmx; otherwise null.</summary>
        public Uri? EwsUrl { get; }

        /// <summary>Email Pro and MX Plan: the IMAP host, on <see cref="ImapPort"/> with TLS; otherwise null.</summary>
        public string? ImapHost { get; }

        public int ImapPort => ImapsPort;

        /// <summary>
        /// What was found and why, e.g. "MX mx1.mail.ovh.net and autodiscover.example.com → ex3.mail.ovh.net: Hosted Exchange
        /// (EWS https://ex3.mail.ovh.net/EWS/Exchange.asmx)".
        /// </summary>
        public string Explanation { get; }

        /// <summary>"https://ex3.mail.ovh.net/EWS/Exchange.asmx" or "IMAP pro1.mail.ovh.net:993 (TLS)".</summary>
        public string Server => EwsUrl != null ? EwsUrl.AbsoluteUri : $"IMAP {ImapHost}:{ImapPort} (TLS)";

        public static string Name(OvhProductKind kind) => kind switch
        {
            OvhProductKind.HostedExchange => "Hosted Exchange",
            OvhProductKind.EmailPro => "Email Pro",
            _ => "MX Plan",
        };

        internal static OvhProduct Create(OvhProductKind kind, string domain, string serverHost, string evidence, Uri? autodiscoveredEwsUrl = null)
        {
            var ewsUrl = kind == OvhProductKind.HostedExchange ? autodiscoveredEwsUrl ?? new Uri($"https://{serverHost}/EWS/Exchange.asmx") : null;
            var imapHost = kind == OvhProductKind.HostedExchange ? null : serverHost;
            var product = new OvhProduct(kind, domain, ewsUrl, imapHost, string.Empty);
            return new OvhProduct(kind, domain, ewsUrl, imapHost, $"{evidence}: {Name(kind)} ({product.Server})");
        }

        public override string ToString() => Explanation;
    }
}
