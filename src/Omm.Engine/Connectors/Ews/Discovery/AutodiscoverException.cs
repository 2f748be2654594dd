using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Omm.Engine.Connectors.Ews.Discovery
{
    /// <summary>Autodiscover found no EWS URL; the message lists every place tried and what each answered.</summary>
    public sealed class AutodiscoverException : Exception
    {
        public AutodiscoverException(string emailAddress, string reason, IReadOnlyList<AutodiscoverAttempt> attempts)
            : base(Describe(emailAddress, reason, attempts))
        {
            EmailAddress = emailAddress;
            Attempts = attempts;
        }

        public string EmailAddress { get; }

        public IReadOnlyList<AutodiscoverAttempt> Attempts { get; }

        private static string Describe(string emailAddress, string reason, IReadOnlyList<AutodiscoverAttempt> attempts)
        {
            var text = new StringBuilder()
                .Append("Autodiscover found no EWS URL for ").Append(emailAddress).Append(": ").Append(reason);
            if (attempts.Count > 0)
            {
                text.AppendLine().Append("Tried, in order:");
                foreach (var (attempt, number) in attempts.Select((a, i) => (a, i + 1)))
                    text.AppendLine().Append("  ").Append(number).Append(". ").Append(attempt);
            }

            text.AppendLine()
                .Append("Check that autodiscover.<domain> (or the SRV record _autodiscover._tcp.<domain>) leads to the Exchange server ")
                .Append("with a valid certificate and that the user name (the full e-mail address) and password are right, ")
                .Append("or give the EWS URL (https://server/EWS/Exchange.asmx) instead.");
            return text.ToString();
        }
    }
}
