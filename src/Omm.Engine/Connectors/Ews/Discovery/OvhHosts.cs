using System.Text.RegularExpressions;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>
    /// OVHcloud's mail host names and the product each belongs to. Sources (ovh/docs, help.ovhcloud.com):
    /// the MX records mx0..mx4.mail.ovh.net serve MX Plan, Email Pro and Exchange alike ("Adding an MX record");
    /// Exchange servers are exN.mail.ovh.net (ex.mail.ovh.ca in Canada), Email Pro servers proN.mail.ovh.net, both
    /// named by the _autodiscover._tcp SRV record OVH sets for them ("Understanding the DNS configuration of an email
    /// service": SRV 0 0 443 pro1.mail.ovh.net); MX Plan is ssl0.ovh.net, and OVH's default DNS zone points
    /// autodiscover/autoconfig (CNAME) and _autodiscover._tcp (SRV) at mailconfig.ovh.net, _imaps._tcp at ssl0.ovh.net.
    /// </summary>
    public static class OvhHosts
    {
        public const string MxPlanImapHost = "ssl0.ovh.net";

        private static readonly Regex MailExchanger = new(@"^(mx\d*\.mail\.ovh\.(net|ca)|redirect\.ovh\.net)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Exchange = new(@"^ex\d*\.mail\.ovh\.(net|ca)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex EmailPro = new(@"^pro\d+\.mail\.ovh\.net$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex MxPlan = new(@"^(ssl0|mailconfig)\.ovh\.net$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>An OVH MX host, shared by all its mail products (redirect.ovh.net: forwarding only).</summary>
        public static bool IsMailExchanger(string host) => MailExchanger.IsMatch(Bare(host));

        /// <summary>The product a server or Autodiscover host name belongs to, or null when it is not one of OVH's.</summary>
        public static OvhProductKind? ProductOf(string host)
        {
            host = Bare(host);
            if (Exchange.IsMatch(host))
                return OvhProductKind.HostedExchange;
            if (EmailPro.IsMatch(host))
                return OvhProductKind.EmailPro;
            if (MxPlan.IsMatch(host))
                return OvhProductKind.MxPlan;
            return null;
        }

        /// <summary>The host the product's mailboxes are reached at: the host itself, or ssl0.ovh.net for MX Plan.</summary>
        public static string ServerHost(OvhProductKind kind, string host) =>
            kind == OvhProductKind.MxPlan ? MxPlanImapHost : Bare(host).ToLowerInvariant();

        private static string Bare(string host) => host.Trim().TrimEnd('.');
    }
}
