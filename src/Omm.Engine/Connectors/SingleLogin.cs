using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailKit.Security;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// The one SASL mechanism a login uses: the strongest both sides know. MailKit's own choice tries every mechanism in
    /// turn and then the protocol's plain command, so a wrong password counts as several failed logins against the
    /// account (and servers delay each), and a refusal that ends the connection hides behind the next try.
    /// </summary>
    internal static class SingleLogin
    {
        private static readonly string[] PreferredMechanisms = { "SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN" };

        /// <returns>Null when the server offers none of them: the protocol's own login command is then the one try.</returns>
        public static SaslMechanism? Mechanism(IEnumerable<string> offered, NetworkCredential credential)
        {
            var mechanism = PreferredMechanisms.FirstOrDefault(m => offered.Contains(m));
            return mechanism == null ? null : SaslMechanism.Create(mechanism, credential);
        }
    }
}
