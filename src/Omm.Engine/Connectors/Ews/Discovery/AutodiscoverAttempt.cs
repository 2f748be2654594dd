namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>One place Autodiscover asked, and what it answered, in words an admin can act on.</summary>
    public sealed class AutodiscoverAttempt
    {
        public AutodiscoverAttempt(string method, string target, string outcome)
        {
            Method = method;
            Target = target;
            Outcome = outcome;
        }

        /// <summary>POX, SOAP, HTTP redirect or DNS SRV.</summary>
        public string Method { get; }

        /// <summary>The URL or DNS name asked.</summary>
        public string Target { get; }

        public string Outcome { get; }

        public override string ToString() => $"{Method} {Target}: {Outcome}";
    }
}
