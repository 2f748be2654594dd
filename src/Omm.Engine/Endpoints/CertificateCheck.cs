using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Omm.Engine.Endpoints
{
    /// <summary>Validates a server certificate and remembers, in words, why it was refused.</summary>
    internal sealed class CertificateCheck
    {
        private readonly bool skip;

        public CertificateCheck(bool skip)
        {
            this.skip = skip;
        }

        /// <summary>Why the last certificate was refused, or null.</summary>
        public string? Problem { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (skip || errors == SslPolicyErrors.None)
                return true;

            var problems = new System.Collections.Generic.List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
                problems.Add("the server sent no certificate");
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                problems.Add("it was not issued for this host name");
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                var statuses = chain?.ChainStatus
                    .Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => s.Status.ToString())
                    .Distinct()
                    .ToList();
                problems.Add(statuses != null && statuses.Count > 0
                    ? "its chain does not validate (" + string.Join(", ", statuses) + ")"
                    : "its chain does not validate");
            }

            Problem = string.Join("; ", problems);
            return false;
        }
    }
}
