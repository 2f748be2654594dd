namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>OVHcloud's hosted e-mail products, as the OVH Mail Migrator names them.</summary>
    public enum OvhProductKind
    {
        /// <summary>Hosted Exchange: EWS at https://exN.mail.ovh.net/EWS/Exchange.asmx.</summary>
        HostedExchange,

        /// <summary>Email Pro: IMAP at proN.mail.ovh.net, port 993 with TLS.</summary>
        EmailPro,

        /// <summary>MX Plan (the e-mail of web hosting plans): IMAP at ssl0.ovh.net, port 993 with TLS.</summary>
        MxPlan,
    }
}
