using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Pop3;
using MailKit.Security;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>Opens an authenticated POP3 session, or says precisely why it cannot; ends one with QUIT.</summary>
    internal static class Pop3Session
    {
        private static readonly TimeSpan GreetingTimeout = TimeSpan.FromSeconds(30);

        private static readonly string[] PreferredMechanisms = { "SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN" };

        /// <exception cref="Migrations.MigrationFailedException">The server cannot be reached, refuses TLS or the login.</exception>
        public static async Task<Pop3Client> OpenAsync(AccountEndpoint endpoint, CancellationToken cancellationToken)
        {
            var replies = new Pop3ReplyWatch();
            // As for IMAP: a server that says nothing is usually waiting for a TLS handshake nobody starts; no need to wait minutes.
            var greeting = endpoint.StallTimeout < GreetingTimeout ? endpoint.StallTimeout : GreetingTimeout;
            var client = new Pop3Client(replies) { Timeout = (int)greeting.TotalMilliseconds };
            var certificateCheck = new CertificateCheck(endpoint.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificateCheck.Validate;
            try
            {
                try
                {
                    // With StartTls, MailKit ends the connection before any login when the server offers no STLS.
                    await client.ConnectAsync(endpoint.Address.Host, endpoint.Port, endpoint.SocketOptions, cancellationToken).ConfigureAwait(false);
                    client.Timeout = (int)endpoint.StallTimeout.TotalMilliseconds;
                }
                catch (Exception e) when (!(e is OperationCanceledException) && Pop3Failures.OfConnecting(endpoint, certificateCheck, replies.LastStatus, e) is { } failure)
                {
                    throw failure;
                }

                try
                {
                    await LoginAsync(client, endpoint.Credential, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException) && Pop3Failures.OfLogin(endpoint, replies.LastStatus, e) is { } failure)
                {
                    throw failure;
                }

                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Logs in once, with the strongest mechanism both sides know (SASL, else USER/PASS). MailKit's own choice
        /// tries every mechanism in turn and then USER/PASS: a wrong password would count as three failed logins
        /// against the account, and after a "-ERR [IN-USE]" (the server then hangs up) the next try would hide it
        /// behind a broken connection.
        /// </summary>
        private static Task LoginAsync(Pop3Client client, NetworkCredential credential, CancellationToken cancellationToken)
        {
            var mechanism = PreferredMechanisms.FirstOrDefault(m => client.AuthenticationMechanisms.Contains(m));
            if (mechanism != null && SaslMechanism.Create(mechanism, credential) is SaslMechanism sasl)
                return client.AuthenticateAsync(sasl, cancellationToken);
            client.Capabilities &= ~Pop3Capabilities.Apop;
            return client.AuthenticateAsync(credential, cancellationToken);
        }

        /// <summary>Ends the session politely (QUIT; nothing was marked for deletion); a connection already gone changes nothing.</summary>
        public static void Quit(Pop3Client client)
        {
            try
            {
                if (client.IsConnected)
                    client.Disconnect(true, CancellationToken.None);
            }
            catch (Exception e) when (ConnectionFaults.IsBroken(e) || e is Pop3CommandException)
            {
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
