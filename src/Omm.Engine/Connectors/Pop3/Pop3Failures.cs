using System;
using MailKit;
using MailKit.Net.Pop3;
using MailKit.Security;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>What a POP3 fault means for the pass: retry it, stop it, or skip one message.</summary>
    internal static class Pop3Failures
    {
        /// <summary>
        /// The server cannot let the user in now but may later: RFC 3206 [IN-USE] (another session holds the
        /// mailbox), [SYS/TEMP]; RFC 2449 [LOGIN-DELAY] (logged in too recently).
        /// </summary>
        public static bool IsTemporary(string? reply) =>
            reply != null && (reply.Contains("[IN-USE]") || reply.Contains("[SYS/TEMP]") || reply.Contains("[LOGIN-DELAY]"));

        /// <summary>A fault while connecting (before the login); <paramref name="reply"/> is the server's last status line.</summary>
        public static MigrationFailedException? OfConnecting(AccountEndpoint endpoint, CertificateCheck certificateCheck, string? reply, Exception e)
        {
            var side = $"the {endpoint.RoleName} server {endpoint.Server}";
            switch (e)
            {
                case NotSupportedException _ when endpoint.SocketOptions == SecureSocketOptions.StartTls:
                    return new MigrationFailedException(FailureKind.Security,
                        $"Cannot connect securely to {side}: it does not offer STLS (POP3's STARTTLS), and Omm sent no login. Use " +
                        $"-{endpoint.Role}Security Tls for implicit TLS (usually port 995), or -{endpoint.Role}Security None only on a network you trust.", e);
                case SslHandshakeException tls when tls.ServerCertificate != null:
                    return new MigrationFailedException(FailureKind.Security,
                        $"The certificate of {side} is not trusted (subject '{tls.ServerCertificate.Subject}', issued by '{tls.ServerCertificate.Issuer}'): " +
                        $"{certificateCheck.Problem ?? FirstLine(tls.InnerException?.Message ?? tls.Message)}. If you trust this server, add -SkipCertificateCheck.", e);
                case SslHandshakeException tls:
                    return new MigrationFailedException(FailureKind.Security,
                        $"The TLS handshake with {side} failed; it does not seem to speak TLS on port {endpoint.Port} " +
                        $"({FirstLine(tls.InnerException?.Message ?? tls.Message)}). Check -{endpoint.Role}Security (Tls, StartTls or None) and the port.", e);
                case Exception _ when (ConnectionFaults.IsBroken(e) || e is Pop3CommandException) && IsTemporary(reply):
                    return new MigrationFailedException(FailureKind.ServerUnavailable, $"{Capital(side)} turned the connection away for the moment: {reply}", e);
                case Exception _ when ConnectionFaults.IsBroken(e) || e is Pop3CommandException:
                    return new MigrationFailedException(FailureKind.Connection, $"Cannot connect to {side}: {FirstLine(e.Message)}", e);
                default:
                    return null;
            }
        }

        /// <summary>A fault while logging in; <paramref name="reply"/> is the server's last status line.</summary>
        public static MigrationFailedException? OfLogin(AccountEndpoint endpoint, string? reply, Exception e)
        {
            var side = $"the {endpoint.RoleName} server {endpoint.Server}";
            switch (e)
            {
                // Dovecot, for one, hangs up right after "-ERR [IN-USE]": what it said counts, not the broken connection.
                case Exception _ when (e is AuthenticationException || e is Pop3CommandException || ConnectionFaults.IsBroken(e)) && IsTemporary(reply):
                    return new MigrationFailedException(FailureKind.ServerUnavailable,
                        $"{Capital(side)} refused the login of '{endpoint.Account}' for the moment: {reply}", e);
                case AuthenticationException _:
                case Pop3CommandException _:
                    return new MigrationFailedException(FailureKind.Authentication,
                        $"{Capital(side)} rejected the login of '{endpoint.Account}': {reply ?? FirstLine(e.Message)}", e);
                case NotSupportedException _:
                    return new MigrationFailedException(FailureKind.Security,
                        $"{Capital(side)} offers no way to log in on this connection ({FirstLine(e.Message)}). " +
                        "Servers often refuse plaintext logins without TLS.", e);
                case Exception _ when ConnectionFaults.IsBroken(e):
                    return ConnectionLost(endpoint, "logging in", e);
                default:
                    return null;
            }
        }

        public static MigrationFailedException ConnectionLost(AccountEndpoint endpoint, string doing, Exception e) =>
            new MigrationFailedException(FailureKind.ConnectionLost,
                $"The connection to the {endpoint.RoleName} server {endpoint.Server} broke while {doing}: {FirstLine(e.Message)} What was copied before stays.", e);

        public static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }

        private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
