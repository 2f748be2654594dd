namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>An MX record: the host that receives a domain's mail, and its preference (lower is tried first).</summary>
    public sealed class MailExchangeRecord
    {
        public MailExchangeRecord(string host, int preference)
        {
            Host = host;
            Preference = preference;
        }

        public string Host { get; }

        public int Preference { get; }

        public override string ToString() => Preference + " " + Host;
    }
}
